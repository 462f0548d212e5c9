using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Figures;

/// <summary>
/// Tells open pages that figures changed — an import landed, a report was verified, a target was corrected — on this
/// instance or any other sharing the database. One reader per app instance looks at the figure versions
/// (<see cref="FigureVersion"/>, a handful of rows) every few seconds and raises <see cref="Changed"/> with the years
/// whose versions moved; circuits subscribe instead of each polling the database.
/// </summary>
public sealed class FigureChangeFeed(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<FigureChangeFeed> logger) : BackgroundService
{
    private IReadOnlyDictionary<int, long>? _last;

    /// <summary>The years whose figures changed (<see cref="FigureVersion.AllYears"/>: every year's).</summary>
    public event Action<IReadOnlySet<int>>? Changed;

    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(0.2, configuration.GetValue<double?>("Monev:ChangeFeedSeconds") ?? 3));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not migrated yet, or the server is restarting: the next tick tries again.
                logger.LogDebug(ex, "Figure versions could not be read");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the versions once and raises <see cref="Changed"/> for the years that moved since the last read.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync(cancellationToken);
        var versions = await FigureViewCache.ReadVersionsAsync(db, cancellationToken);
        var previous = _last;
        _last = versions;
        if (previous is null)
        {
            return;
        }
        var moved = versions.Where(v => previous.GetValueOrDefault(v.Key) != v.Value).Select(v => v.Key).ToHashSet();
        if (moved.Count > 0)
        {
            Changed?.Invoke(moved);
        }
    }
}
