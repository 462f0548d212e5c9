using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.Indicators;

/// <summary>An indicator's narrative for a quarter, read-only.</summary>
public sealed record NarrativeView(string Analysis, string Obstacles, string FollowUpPlan, string UpdatedBy, DateTime UpdatedAt)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Analysis) && string.IsNullOrWhiteSpace(Obstacles) && string.IsNullOrWhiteSpace(FollowUpPlan);
}

public sealed class NarrativeQueryService(IDbContextFactory<MonevDbContext> contextFactory)
{
    /// <summary>The narrative of an indicator in a quarter, or null when none was written.</summary>
    public async Task<NarrativeView?> GetNarrativeAsync(int indicatorId, YearQuarter quarter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var narrative = await db.Narratives.AsNoTracking()
            .Where(n => n.IndicatorId == indicatorId && n.Year == quarter.Year && n.Quarter == quarter.Quarter)
            .Select(n => new NarrativeView(n.Analysis, n.Obstacles, n.FollowUpPlan, n.UpdatedBy, n.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        return narrative is { IsEmpty: false } ? narrative : null;
    }
}
