using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>One row the import would write, old → new, for the preview.</summary>
public sealed record ImportChange(
    string Sheet, int Row, string IndicatorCode, string Unit, int Year, int Quarter, string Province, string Country, string Sex,
    double? OldValue, double NewValue, RowOutcome Outcome, ObservationStatus? OldStatus = null, Ministry? Owner = null)
{
    /// <summary>Whether the row changes a figure already submitted or verified.</summary>
    public bool ChangesSubmitted => ReportWorkflow.IsSubmittedOrVerified(OldStatus);
}

/// <summary>Per ministry report: how many of its submitted and verified figures the file would change.</summary>
public sealed record MinistryImpact(Ministry Ministry, int Submitted, int Verified);

/// <summary>A report the import (or rollback) would put back to Draft, and its state now.</summary>
public sealed record ReportToReopen(YearQuarter Period, Ministry Ministry, SubmissionStatus Status);

/// <summary>
/// What the file does to the reporting workflow: the submitted or verified figures it changes per ministry, the
/// reports it reopens, and whether it therefore needs a reason (the same rule as the entry grid, <see cref="ReportWorkflow"/>).
/// </summary>
public sealed record WorkflowImpact(IReadOnlyList<MinistryImpact> Ministries, IReadOnlyList<ReportToReopen> Reopens, bool ReasonRequired)
{
    public static WorkflowImpact None { get; } = new([], [], false);

    public bool ChangesSubmittedFigures => Ministries.Count > 0;
}

/// <summary>An earlier import of the same file (same SHA-256).</summary>
public sealed record PreviousImport(long BatchId, DateTime ImportedAt, string UserName, ImportBatchStatus Status);

/// <summary>
/// The dry run of an import: counts, every error and warning, the changes it would make. Nothing is written until
/// it is committed with <see cref="ImportService.CommitAsync"/>; a preview with a blocking error cannot be.
/// </summary>
public sealed record ImportPreview(
    string FileName, string Sha256, long SizeBytes, ImportCounts Observations, ImportCounts Targets,
    IReadOnlyList<ImportIssue> Issues, IReadOnlyList<ImportChange> Changes, PreviousImport? AlreadyImported)
{
    public IEnumerable<ImportIssue> Errors => Issues.Where(i => !i.IsWarning);

    public IEnumerable<ImportIssue> Warnings => Issues.Where(i => i.IsWarning);

    public bool HasErrors => OmittedErrors > 0 || Issues.Any(i => !i.IsWarning);

    /// <summary>Errors beyond <see cref="ImportOptions.MaxIssues"/>: counted, not listed ("dan N masalah lain").</summary>
    public int OmittedErrors { get; init; }

    public int OmittedWarnings { get; init; }

    /// <summary>Every error of the file, listed or not.</summary>
    public int ErrorCount => Errors.Count() + OmittedErrors;

    public int WarningCount => Warnings.Count() + OmittedWarnings;

    public bool HasChanges => Observations.HasChanges || Targets.HasChanges;

    public bool CanCommit => !HasErrors && HasChanges && Plan is not null;

    /// <summary>The submitted or verified figures the file changes, the reports it reopens, whether it needs a reason.</summary>
    public WorkflowImpact Workflow { get; init; } = WorkflowImpact.None;

    /// <summary>The cross-indicator rules the figures would break once written (<see cref="Figures.CrossIndicatorChecks"/>): warnings only.</summary>
    public IReadOnlyList<Figures.CrossRuleViolation> CrossRuleWarnings { get; init; } = [];

    /// <summary>The rows that change a figure already submitted or verified.</summary>
    public IEnumerable<ImportChange> SubmittedChanges => Changes.Where(c => c.ChangesSubmitted);

    /// <summary>Whether the file opened as a workbook, so it can be given back with its faulty cells marked.</summary>
    public bool CanAnnotate => HasErrors && IsWorkbook;

    internal bool IsWorkbook { get; init; }

    internal byte[] File { get; init; } = [];

    internal ImportPlan? Plan { get; init; }

    /// <summary>Who previewed it: only they may commit it.</summary>
    internal string PreparedBy { get; init; } = "";

    /// <summary>The annotated workbook's file name: "data-tw3.xlsx" → "data-tw3-kesalahan.xlsx".</summary>
    public string AnnotatedFileName => Path.GetFileNameWithoutExtension(FileName) + "-kesalahan.xlsx";
}

/// <summary>What a commit wrote; <see cref="BatchId"/> is null when nothing had to change.</summary>
public sealed record ImportResult(long? BatchId, ImportCounts Observations, ImportCounts Targets)
{
    public bool NothingChanged => BatchId is null;

    /// <summary>Set when the figures were written but a step after the commit failed: its logged reference.</summary>
    public string? FollowUpFailedReference { get; init; }
}

/// <summary>The data changed between preview and commit (or a quarter was locked meanwhile): preview again.</summary>
public sealed class ImportConflictException(string message) : UserMessageException(message);

/// <summary>A preview that cannot be committed (it has errors, or was made by someone else).</summary>
public sealed class ImportRefusedException(string message) : UserMessageException(message);

/// <summary>An unexpected failure before anything was written (the transaction rolled back); the message holds the log's reference.</summary>
public sealed class ImportFailedException(string message) : UserMessageException(message);

/// <summary>The one line scripts read: every row of both sheets counted once.</summary>
public static class ImportSummary
{
    public static string Line(ImportCounts observations, ImportCounts targets) =>
        $"inserted={observations.New + targets.New} updated={observations.Changed + targets.Changed} " +
        $"unchanged={observations.Unchanged + targets.Unchanged} rejected={observations.Rejected + targets.Rejected}";
}

/// <summary>
/// The annotated copy of a refused file. <see cref="RebuiltReference"/> is set when the user's own file could not be
/// rewritten and the copy was rebuilt from the rows as read (no formatting, other sheets or formulas): the logged
/// reference of why, for the message that says so.
/// </summary>
public sealed record AnnotatedCopy(byte[] Bytes, string? RebuiltReference)
{
    public bool IsRebuilt => RebuiltReference is not null;
}
