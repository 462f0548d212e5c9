namespace MonevDashboard.Domain;

/// <summary>
/// The years the system keeps, in one place (docs/design.md "Demo data"): programme figures and narratives from 2024 —
/// the history that gives trends and baselines before the PKS of October 2025 — and targets for 2025–2029, the years
/// the PKS sets them for. Reporting periods, the entry grid, the import, the admin pages and the filters all ask here.
/// </summary>
public static class ReportingYears
{
    public const int FirstDataYear = 2024;
    public const int FirstTargetYear = 2025;
    public const int LastYear = 2029;

    /// <summary>The years figures (and narratives) may be given for, oldest first.</summary>
    public static IReadOnlyList<int> DataYears { get; } = [.. Enumerable.Range(FirstDataYear, LastYear - FirstDataYear + 1)];

    /// <summary>The years targets are set for, oldest first.</summary>
    public static IReadOnlyList<int> TargetYears { get; } = [.. Enumerable.Range(FirstTargetYear, LastYear - FirstTargetYear + 1)];

    public static bool IsDataYear(int year) => year is >= FirstDataYear and <= LastYear;

    public static bool IsTargetYear(int year) => year is >= FirstTargetYear and <= LastYear;
}
