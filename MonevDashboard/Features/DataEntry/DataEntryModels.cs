using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.DataEntry;

/// <summary>A cell of the entry grid: one natural key of one indicator in the chosen quarter.</summary>
public readonly record struct CellKey(string IndicatorCode, string ProvinceCode, string CountryCode, string Sex);

/// <summary>A stored figure as the grid shows it, with the version the user's edit is based on. Its
/// <see cref="ReturnReason"/> is set only when the verifier's return reason points at this cell, until it is changed or resubmitted.</summary>
public sealed record StoredCell(
    CellKey Key, double Value, double? Numerator, double? Denominator, ObservationStatus Status, string? ReturnReason,
    int Version, string UpdatedBy, DateTime UpdatedAt);

/// <summary>One indicator's section of the entry sheet.</summary>
public sealed record EntrySection(
    string Code, string NameId, string NameEn, string Unit, Ministry Owner, TimeAggregation Aggregation,
    Disaggregation Disaggregations, bool NumeratorNotAboveDenominator,
    IReadOnlyList<string> Provinces, IReadOnlyList<string> Countries,
    IReadOnlyDictionary<CellKey, StoredCell> Cells, IReadOnlyDictionary<CellKey, double> PreviousQuarter,
    int ExpectedCells)
{
    public bool IsRatio => Aggregation.IsRatioLike();
    public string Name(bool english) => english ? NameEn : NameId;

    /// <summary>The unit's English name (empty: the stored unit stands in both languages).</summary>
    public string UnitEn { get; init; } = "";

    /// <summary>The unit in the reader's language, for the value column's head.</summary>
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;

    /// <summary>The cells that differ now from the report's last verification, with their value then
    /// (<see cref="ChangesSinceVerification"/>); empty when the report was never verified or nothing changed.</summary>
    public IReadOnlyDictionary<CellKey, VerifiedFigure> ChangedSinceVerification { get; init; } = new Dictionary<CellKey, VerifiedFigure>();
    public int ReportedCells => Cells.Count;

    /// <summary>The tenfold-jump warning of a changed cell (<see cref="ObservationRules.JumpWarning(bool, double?, double?, double?, double?)"/>),
    /// as the section editor shows it and the entry page counts it before saving.</summary>
    public RuleViolation? JumpWarning(ObservationRules rules, CellDraft draft)
    {
        if (!draft.IsDirty || !PreviousQuarter.TryGetValue(draft.Key, out var before))
        {
            return null;
        }
        var (edit, _) = draft.ToEdit(IsRatio);
        return edit is null ? null : rules.JumpWarning(IsRatio, edit.Value, edit.Numerator, edit.Denominator, before);
    }
}

/// <summary>Everything the entry page needs for one ministry and quarter.</summary>
public sealed record EntrySheet(
    YearQuarter Period, Ministry Ministry, SubmissionStatus Status, DateTime? SubmittedAt, string? SubmittedBy,
    DateTime? FirstSubmittedAt, string? ReturnReason, string? ReturnedBy, bool IsLocked, bool CanEdit, bool CanSubmit,
    bool CanVerify, bool ReasonRequired, IReadOnlyList<EntrySection> Sections,
    IReadOnlyDictionary<string, string> ProvinceNames, IReadOnlyDictionary<string, string> CountryNames)
{
    /// <summary>Whether the user may change figures already verified (<see cref="MonevAction.ChangeVerifiedFigures"/>);
    /// for others a verified cell is read-only.</summary>
    public bool CanChangeVerified { get; init; }

    /// <summary>The report's state by the one rule of <see cref="ReportState.Of"/>: the same status, deadline and
    /// overdue days as the dashboard and the review show.</summary>
    public required ReportState Report { get; init; }

    /// <summary>Whether some figure of the sheet is already submitted or verified (a joint one may be so in the other
    /// ministry's report): changing it needs a reason even before this report's first submission, so the field is offered.</summary>
    public bool ReasonOffered { get; init; }

    /// <summary>When the report was last verified (UTC); null when never.</summary>
    public DateTime? LastVerifiedAt { get; init; }

    /// <summary>Whether the cells changed since the last verification are marked: for those who verify the ministry's reports.</summary>
    public bool ShowsChangesSinceVerification { get; init; }

    public int ChangedSinceVerificationCount => ShowsChangesSinceVerification ? Sections.Sum(s => s.ChangedSinceVerification.Count) : 0;

    /// <summary>Why this user may not verify or return the submitted report although their role could: they entered or submitted it.</summary>
    public string? VerifyRefusal { get; init; }

    public int ExpectedCells => Sections.Sum(s => s.ExpectedCells);
    public int ReportedCells => Sections.Sum(s => Math.Min(s.ReportedCells, s.ExpectedCells));

    /// <summary>Share of expected cells reported (blank ≠ zero), 0–100.</summary>
    public double CompletenessPercent => Ratio.Percent(ReportedCells, ExpectedCells) ?? 0;
}

/// <summary>A change the user made: values null mean "not reported" (the stored figure is removed).</summary>
public sealed record CellEdit(CellKey Key, double? Value, double? Numerator, double? Denominator, int? ExpectedVersion, bool Overwrite = false)
{
    public bool IsBlank => Value is null && Numerator is null && Denominator is null;
}

/// <summary>Someone else saved the same figure since the user loaded it.</summary>
public sealed record EditConflict(CellKey Key, double? TheirValue, double? TheirNumerator, double? TheirDenominator, string TheirUser, DateTime? TheirTime);

/// <summary>A refused cell: the rule that failed, in the UI language.</summary>
public sealed record CellError(CellKey Key, string Message);

public sealed record SaveResult(int Inserted, int Updated, int Removed, IReadOnlyList<EditConflict> Conflicts, IReadOnlyList<CellError> Errors)
{
    public bool Saved => Conflicts.Count == 0 && Errors.Count == 0;
}

/// <summary>A refused workflow step (wrong state, missing reason); the message is for the user.</summary>
public sealed class WorkflowException(string message) : UserMessageException(message);
