using MonevDashboard.Figures.Notifications;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// Builds small, hand-countable figures in an empty database (the results framework is seeded, no demo data):
/// observations, targets and extra indicators, written straight to the tables the query service reads.
/// </summary>
public sealed class FigureFixture : IAsyncDisposable
{
    private FigureFixture(TestDatabase database, SqlCommandCounter counter)
    {
        Database = database;
        Commands = counter;
    }

    public TestDatabase Database { get; }

    /// <summary>Counts every SQL command the app's contexts send (not the fixture's own).</summary>
    public SqlCommandCounter Commands { get; }

    public static async Task<FigureFixture> CreateAsync()
    {
        var counter = new SqlCommandCounter();
        var database = await TestDatabase.CreateAsync(demoData: false, configure: services =>
        {
            services.AddFigures();
            services.AddNotifications();
            // The context type the suite's provider registers (PostgreSQL's migrations have their own).
            services.ConfigureDbContext<MonevDbContext>(options => options.AddInterceptors(counter));
            services.ConfigureDbContext<PostgresMonevDbContext>(options => options.AddInterceptors(counter));
        });
        counter.Reset();
        return new FigureFixture(database, counter);
    }

    public FigureQueryService Service(AsyncServiceScope scope) => Database.Get<FigureQueryService>(scope);

    public async Task<T> QueryAsync<T>(Func<FigureQueryService, Task<T>> query)
    {
        await using var scope = Database.Scope();
        return await query(Service(scope));
    }

    public async Task ObserveAsync(string code, int year, int quarter, double value,
        string province = "", string country = "", string sex = "", double? numerator = null, double? denominator = null)
    {
        await using var db = Database.OpenContext();
        db.Observations.Add(new Observation
        {
            IndicatorId = await IdAsync(db, code),
            Year = year,
            Quarter = quarter,
            ProvinceCode = province,
            CountryCode = country,
            Sex = sex,
            Value = value,
            Numerator = numerator,
            Denominator = denominator,
            Source = "uji",
            Status = ObservationStatus.Verified,
            CreatedBy = "fixture",
            UpdatedBy = "fixture",
            CreatedAt = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A share: value = numerator ÷ denominator × 100, as stored for ratio indicators.</summary>
    public Task ObserveShareAsync(string code, int year, int quarter, double numerator, double denominator, string country = "") =>
        ObserveAsync(code, year, quarter, numerator * 100 / denominator, country: country, numerator: numerator, denominator: denominator);

    /// <summary>A target; quarter 0 is the annual one.</summary>
    public async Task TargetAsync(string code, int year, int quarter, double value)
    {
        await using var db = Database.OpenContext();
        db.Targets.Add(new Target { IndicatorId = await IdAsync(db, code), Year = year, Quarter = quarter, Value = value, UpdatedBy = "fixture", UpdatedAt = DateTime.UnixEpoch });
        await db.SaveChangesAsync();
    }

    public async Task AddIndicatorAsync(string code, string pillarCode, TimeAggregation aggregation, Disaggregation by, string unit = "orang")
    {
        await using var db = Database.OpenContext();
        var pillarId = await db.Pillars.Where(p => p.Code == pillarCode).Select(p => p.Id).SingleAsync();
        var order = await db.Indicators.CountAsync();
        db.Indicators.Add(new Indicator
        {
            Code = code, NameId = "Uji " + code, NameEn = "Test " + code, PillarId = pillarId, Unit = unit, UnitEn = unit,
            Aggregation = aggregation, Owner = Ministry.Bersama, Disaggregations = by, SortOrder = order + 1,
        });
        await db.SaveChangesAsync();
    }

    private static Task<int> IdAsync(MonevDbContext db, string code) =>
        db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>Counts the SQL commands executed through the contexts it is registered on.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
