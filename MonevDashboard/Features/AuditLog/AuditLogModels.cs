namespace MonevDashboard.Features.AuditLog;

/// <summary>
/// What the audit page narrows the log to; every part is optional. Dates are calendar days in WIB, both inclusive.
/// Period matches the entry's own year/quarter (an annual target has a year and no quarter).
/// </summary>
public sealed record AuditFilter
{
    public string? UserName { get; init; }
    public string? IndicatorCode { get; init; }
    public int? Year { get; init; }
    public int? Quarter { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Action { get; init; }
    public string? EntityType { get; init; }

    public static AuditFilter None { get; } = new();
}

public enum AuditSortField
{
    At,
    UserName,
    Action,
    EntityType,
}

/// <summary>The order of the log; ties are always broken newest first so pages never overlap.</summary>
public sealed record AuditSort(AuditSortField Field = AuditSortField.At, bool Descending = true)
{
    public static AuditSort NewestFirst { get; } = new();
}

/// <summary>One changed field, readable: its label and the old and new values as text (null = there was none).</summary>
public sealed record AuditChange(string Field, string? Old, string? New)
{
    /// <summary>"Nilai: 120 → 125"; a created field reads "Nilai: 120", a deleted one "Nilai: 120 → –".</summary>
    public override string ToString() =>
        Old is null ? $"{Field}: {New ?? "–"}"
        : New is null ? $"{Field}: {Old} → –"
        : $"{Field}: {Old} → {New}";
}

/// <summary>An audit entry as people read it: labels instead of codes, names instead of keys, a diff of changed fields.</summary>
public sealed record AuditRow(
    long Id, DateTime At, string UserName, string Action, string ActionLabel, string EntityType, string EntityLabel,
    string EntityKey, string? IndicatorCode, IReadOnlyList<string> KeyParts, IReadOnlyList<AuditChange> Changes,
    string? Reason, long? ImportBatchId)
{
    /// <summary>"P1-PMI-TRAINED · TW III 2026 · Jawa Timur · Perempuan".</summary>
    public string KeyText => string.Join(" · ", IndicatorCode is null ? KeyParts : [IndicatorCode, .. KeyParts]);

    public string ChangesText => string.Join("; ", Changes);
}

/// <summary>One page of the log and how many entries the filter matches in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int TotalCount);

/// <summary>The choices of the filter bar.</summary>
public sealed record AuditFilterOptions(
    IReadOnlyList<string> Users, IReadOnlyList<string> IndicatorCodes, IReadOnlyList<string> Actions, IReadOnlyList<string> EntityTypes);
