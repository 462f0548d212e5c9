using MonevDashboard.Domain;

namespace MonevDashboard.Figures;

/// <summary>
/// The filter bar's reference lists — reporting years, pillars, 38 provinces, 250 countries — loaded once and shared
/// by every circuit: each dashboard and indicator page gets the same immutable instance rather than its own copy
/// and its own four queries. The lists are seeded when the database starts and have no editor in the app, so they
/// are reloaded when the reporting year turns (a new year is offered) and after <see cref="MaxAge"/> (another
/// instance sharing the database may have started with newer reference data).
/// </summary>
public sealed class SharedFilterOptions(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long a load is served before the next request reloads it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private Loaded? _loaded;

    private sealed record Loaded(Task<FilterOptions> Options, DateTimeOffset At, int Year);

    /// <summary>The shared lists; the first caller after a reload starts the load and the others await the same one.</summary>
    public Task<FilterOptions> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var year = clock.CurrentReportingQuarter().Year;
        Loaded loaded;
        lock (_gate)
        {
            if (_loaded is null || _loaded.Year != year || now - _loaded.At > MaxAge || _loaded.Options.IsFaulted || _loaded.Options.IsCanceled)
            {
                _loaded = new Loaded(LoadAsync(), now, year);
            }
            loaded = _loaded;
        }
        // One caller giving up does not cancel the load the others share.
        return loaded.Options.WaitAsync(cancellationToken);
    }

    private async Task<FilterOptions> LoadAsync()
    {
        await Task.Yield();   // the load runs outside the lock that started it
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FigureQueryService>().GetFilterOptionsAsync(CancellationToken.None);
    }
}
