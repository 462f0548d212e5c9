using MonevDashboard.Domain.Contracts;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Data.Model;

/// <summary>
/// A target of an indicator for a year (<see cref="Quarter"/> = 0, annual) or one quarter of it (1–4).
/// Quarter 0 rather than null keeps the natural key unique in SQLite, where NULLs never collide.
/// </summary>
public sealed class Target : IUpdateStamped
{
    public const int Annual = TargetRules.Annual;

    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public double Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    /// <summary>Concurrency token: bumped on every update by the audit interceptor, so a stale edit is refused.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The quarters whose lock freezes a target of <paramref name="year"/>/<paramref name="quarter"/>: a quarterly
    /// target its own quarter; an annual target every quarter of its year. The annual target is the denominator of
    /// the year-to-date achievement that each locked quarter's review snapshot recorded, so changing it would
    /// silently rewrite what a reviewed quarter showed; it changes only after every locked quarter of the year is
    /// unlocked (an audited step with a reason), exactly as a figure of a locked quarter does.
    /// </summary>
    public static IReadOnlyList<YearQuarter> LockingQuarters(int year, int quarter) =>
        quarter == Annual ? [.. Enumerable.Range(1, 4).Select(q => new YearQuarter(year, q))] : [new YearQuarter(year, quarter)];
}
