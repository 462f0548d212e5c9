namespace MonevDashboard.Features.Targets;

/// <summary>
/// A target of an indicator for a year (<see cref="Quarter"/> = 0, annual) or one quarter of it (1–4).
/// Quarter 0 rather than null keeps the natural key unique in SQLite, where NULLs never collide.
/// </summary>
public sealed class Target
{
    public const int Annual = 0;

    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public double Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
