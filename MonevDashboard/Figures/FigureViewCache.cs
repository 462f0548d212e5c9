using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>
/// The finished figure views every circuit of this app instance shares: the second official asking for the same
/// dashboard gets the first one's immutable view model for the cost of reading the figure versions (one small
/// query). A key holds the view's question (filters, chart indicator…), the versions of the reporting years it reads
/// and of what every year depends on (<see cref="FigureVersion"/>), and the day (derived figures count days): a write
/// raises the versions of exactly the years it touched, in its own transaction, on whichever instance made it, so a
/// view is never served stale and views of other years stay cached. Bounded in entries; concurrent requests for the
/// same missing view build it once. Per-user rules (who may see what) are applied by the callers before they ask.
/// </summary>
public sealed class FigureViewCache : IDisposable
{
    /// <summary>Entries kept at most; each is one view model of some tens of kilobytes.</summary>
    public const int DefaultEntries = 512;

    private readonly MemoryCache _cache;
    private readonly TimeProvider _clock;
    private long _hits;
    private long _misses;

    public FigureViewCache(TimeProvider clock, IConfiguration? configuration = null)
    {
        _clock = clock;
        var entries = configuration?.GetValue<int?>(EntriesKey) ?? DefaultEntries;
        Enabled = entries > 0;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, entries), CompactionPercentage = 0.25 });
    }

    /// <summary>Configuration key of the number of entries; 0 turns the cache off (the benchmark's "from the totals alone").</summary>
    public const string EntriesKey = "Monev:ViewCacheEntries";

    public bool Enabled { get; }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public int Count => _cache.Count;

    /// <summary>
    /// The view for <paramref name="question"/> over the reporting years <paramref name="fromYear"/> to
    /// <paramref name="toYear"/>: cached when those years have not changed since it was built, else built by
    /// <paramref name="build"/> (once, however many ask at the same moment) and kept.
    /// </summary>
    public async Task<T> GetAsync<T>(
        MonevDbContext db, string question, int fromYear, int toYear, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : class
    {
        if (!Enabled)
        {
            Interlocked.Increment(ref _misses);
            return await build(cancellationToken);
        }
        var versions = await ReadVersionsAsync(db, cancellationToken);
        var key = Key(typeof(T), question, fromYear, toYear, versions);
        if (_cache.TryGetValue(key, out Lazy<Task<object>>? cached) && cached is not null)
        {
            var task = cached.Value;
            if (!task.IsFaulted && !task.IsCanceled)
            {
                Interlocked.Increment(ref _hits);
                return (T)await task.WaitAsync(cancellationToken);
            }
            _cache.Remove(key);
        }
        Interlocked.Increment(ref _misses);
        // The build runs to completion even if this caller goes away: others may be waiting for the same view.
        var entry = new Lazy<Task<object>>(async () => await build(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        var stored = _cache.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromMinutes(30);
            return entry;
        })!;
        try
        {
            return (T)await stored.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _cache.Remove(key);
            throw;
        }
    }

    /// <summary>The current version of every year with figures (a handful of rows, read by primary key order).</summary>
    public static async Task<IReadOnlyDictionary<int, long>> ReadVersionsAsync(MonevDbContext db, CancellationToken cancellationToken) =>
        await db.FigureVersions.AsNoTracking().ToDictionaryAsync(v => v.Year, v => v.Version, cancellationToken);

    private string Key(Type type, string question, int fromYear, int toYear, IReadOnlyDictionary<int, long> versions)
    {
        var key = new StringBuilder(type.Name).Append('|').Append(question)
            .Append("|day=").Append(_clock.TodayInWib().ToString("yyyyMMdd", CultureInfo.InvariantCulture))
            .Append("|all=").Append(versions.GetValueOrDefault(FigureVersion.AllYears));
        for (var year = fromYear; year <= toYear; year++)
        {
            key.Append('|').Append(year).Append('=').Append(versions.GetValueOrDefault(year));
        }
        return key.ToString();
    }

    public void Dispose() => _cache.Dispose();
}
