using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.ExcelImport;

public enum RowOutcome
{
    New = 1,
    Changed,
    Unchanged,
    Rejected,
}

/// <summary>A stored observation as the import compares with it.</summary>
public sealed record StoredObservation(
    long Id, ObservationKey Key, double Value, double? Numerator, double? Denominator, string Source, string Note,
    ObservationStatus Status, string? ReturnReason, long? ImportBatchId, int Version);

/// <summary>A stored target as the import compares with it.</summary>
public sealed record StoredTarget(int Id, int IndicatorId, int Year, int Quarter, double Value, int Version);

/// <summary>
/// A data row that passed every rule. <see cref="Source"/> and <see cref="Note"/> are null when the sheet has no
/// such column: the stored text is then kept rather than blanked.
/// </summary>
public sealed record ParsedObservation(
    int Row, Indicator Indicator, ObservationKey Key, double Value, double? Numerator, double? Denominator, string? Source, string? Note);

public sealed record ParsedTarget(int Row, Indicator Indicator, int Year, int Quarter, double Value);

/// <summary>What the import would do with one data row.</summary>
public sealed record PlannedObservation(ParsedObservation Row, RowOutcome Outcome, StoredObservation? Existing)
{
    public string Source => Row.Source ?? Existing?.Source ?? "";
    public string Note => Row.Note ?? Existing?.Note ?? "";
}

public sealed record PlannedTarget(ParsedTarget Row, RowOutcome Outcome, StoredTarget? Existing);

/// <summary>The catalogue and reference data the rules need, loaded once per import.</summary>
public sealed record ImportCatalogue(
    IReadOnlyDictionary<string, Indicator> Indicators, ReferenceCodes Codes, ReferenceNames Names, IReadOnlySet<YearQuarter> LockedQuarters)
{
    public static ImportCatalogue Create(
        IEnumerable<Indicator> indicators, IReadOnlyCollection<Province> provinces, IReadOnlyCollection<Country> countries, IReadOnlySet<YearQuarter> locked) =>
        new(indicators.ToDictionary(i => i.Code.ToUpperInvariant(), StringComparer.Ordinal),
            new ReferenceCodes(provinces.Select(p => p.Code).ToHashSet(), countries.Select(c => c.Code).ToHashSet()),
            new ReferenceNames(provinces, countries),
            locked);
}

/// <summary>The rows of a workbook after the rules: those that passed, and every issue found.</summary>
public sealed class ParsedWorkbook
{
    public List<ParsedObservation> Observations { get; } = [];
    public List<ParsedTarget> Targets { get; } = [];
    public List<ImportIssue> Issues { get; } = [];

    /// <summary>Most errors, and most warnings, kept in <see cref="Issues"/>; the others are only counted.</summary>
    public int MaxIssues { get; init; } = int.MaxValue;
    public int OmittedErrors { get; private set; }
    public int OmittedWarnings { get; private set; }
    private int _errors;
    private int _warnings;

    /// <summary>Adds issues within <see cref="MaxIssues"/>, shortened; counts the rest — 100,000 faulty rows cost a count, not a list.</summary>
    public void AddIssues(IEnumerable<ImportIssue> issues)
    {
        foreach (var issue in issues)
        {
            if (issue.IsWarning ? _warnings++ < MaxIssues : _errors++ < MaxIssues)
            {
                Issues.Add(ImportIssueLimit.Shorten(issue));
            }
            else if (issue.IsWarning)
            {
                OmittedWarnings++;
            }
            else
            {
                OmittedErrors++;
            }
        }
    }

    public HashSet<int> RejectedDataRows { get; } = [];
    public HashSet<int> RejectedTargetRows { get; } = [];
    public int DataRowsRead { get; set; }
    /// <summary>Which column of the Data sheet holds which field, to point warnings at their cells.</summary>
    public IReadOnlyDictionary<SheetField, int> DataColumns { get; set; } = new Dictionary<SheetField, int>();
    public int TargetRowsRead { get; set; }
    /// <summary>The quarters locked when the file was read: a row that would change one of their figures is refused.</summary>
    public IReadOnlySet<YearQuarter> LockedQuarters { get; init; } = new HashSet<YearQuarter>();

    /// <summary>The (indicator, year, quarter) whose stored rows the import compares with — and the quarter before
    /// each, for the tenfold-jump warning.</summary>
    public IReadOnlyList<(int IndicatorId, int Year, int Quarter)> PeriodsToLoad() =>
        [.. Observations
            .SelectMany(o => new[] { new YearQuarter(o.Key.Year, o.Key.Quarter), new YearQuarter(o.Key.Year, o.Key.Quarter).Previous() },
                (o, q) => (o.Key.IndicatorId, q.Year, q.Quarter))
            .Distinct()];
}

/// <summary>Counts of one sheet's rows by what the import does with them.</summary>
public sealed record ImportCounts(int Read, int New, int Changed, int Unchanged, int Rejected)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0);

    public bool HasChanges => New + Changed > 0;
}

/// <summary>What the import would do with the whole file.</summary>
public sealed record ImportPlan(
    IReadOnlyList<PlannedObservation> Observations, IReadOnlyList<PlannedTarget> Targets, IReadOnlyList<ImportIssue> Issues,
    ImportCounts ObservationCounts, ImportCounts TargetCounts)
{
    public bool HasChanges => ObservationCounts.HasChanges || TargetCounts.HasChanges;
}
