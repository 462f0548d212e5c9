using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Components.Figures;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Bench;

/// <summary>
/// The dashboard of one quarter as the home page computes it (filter options, the dashboard view of the address
/// <c>/?tahun=Y&amp;tw=Q</c> through <see cref="FigureQueryService"/>, the reporting progress and the review banner),
/// against its floor: the same figures by bare ADO.NET <c>GROUP BY</c>s on the same database (SQLite file or PostgreSQL server) — the indicator × quarter sums
/// of the trend window; for the indicators the charts break down, the province, country and sex sums with their
/// totals; and the progress's figures per indicator by status and recently reported countries.
/// </summary>
internal static class DashboardBench
{
    /// <param name="Real">The home page as a new circuit opens it: maintained totals and the shared view cache, as in production.</param>
    /// <param name="Aggregate">The same with the view cache off: every figure read from the maintained totals.</param>
    /// <param name="Cold">The first view after a write (an observation of the quarter re-figured through the app's own save), cache on.</param>
    public sealed record Outcome(Timing Real, Timing Floor, Timing Aggregate, Timing Cold, int Indicators, int AggregateRows);

    public static async Task<Outcome> RunAsync(IServiceProvider services, IServiceProvider uncached, YearQuarter period, int runs, CancellationToken ct)
    {
        var connectionString = services.GetRequiredService<DatabaseLocation>();

        // Warm-up, as a server that has been running a while is: the first run of each side tells the floor which
        // indicators the charts show and checks that both compute the same figures; the last is measured for memory.
        var (figures, progress) = await ComputeAsync(services, period, ct);
        var breakdowns = BreakdownIndicators(figures);
        Check(figures, progress, await FloorAsync(connectionString, period, breakdowns, ct), period);
        for (var i = 2; i < Timing.WarmUps; i++)
        {
            await ComputeAsync(services, period, ct);
            await FloorAsync(connectionString, period, breakdowns, ct);
        }
        long realPeak, floorPeak;
        using (var memory = PeakMemory.Start())
        {
            await ComputeAsync(services, period, ct);
            realPeak = memory.PeakBytes;
        }
        FloorFigures floor;
        using (var memory = PeakMemory.Start())
        {
            floor = await FloorAsync(connectionString, period, breakdowns, ct);
            floorPeak = memory.PeakBytes;
        }

        // Timed runs alternate, so a neighbour's load on the shared machine falls on both sides alike.
        var real = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                real.Add(await Timing.MillisecondsAsync(() => ComputeAsync(services, period, ct)));
                bare.Add(await Timing.MillisecondsAsync(() => FloorAsync(connectionString, period, breakdowns, ct)));
            }
            else
            {
                bare.Add(await Timing.MillisecondsAsync(() => FloorAsync(connectionString, period, breakdowns, ct)));
                real.Add(await Timing.MillisecondsAsync(() => ComputeAsync(services, period, ct)));
            }
        }
        var aggregate = new List<double>();
        var cold = new List<double>();
        for (var i = 0; i < Timing.WarmUps; i++)
        {
            await ComputeAsync(uncached, period, ct);
        }
        for (var i = 0; i < runs; i++)
        {
            aggregate.Add(await Timing.MillisecondsAsync(() => ComputeAsync(uncached, period, ct)));
            bare.Add(await Timing.MillisecondsAsync(() => FloorAsync(connectionString, period, breakdowns, ct)));
            await RefigureOneObservationAsync(services, period, i % 2 == 0 ? 1 : -1, ct);
            cold.Add(await Timing.MillisecondsAsync(() => ComputeAsync(services, period, ct)));
        }
        if (runs % 2 == 1)
        {
            await RefigureOneObservationAsync(services, period, -1, ct);
        }
        return new Outcome(new Timing(real, realPeak), new Timing(bare, floorPeak), new Timing(aggregate, 0), new Timing(cold, 0),
            figures.AllIndicators.Count, floor.Aggregates.Count);
    }

    /// <summary>
    /// A write as an operator's correction makes it: one observation of the quarter re-figured and saved through the
    /// app's context (its interceptor re-sums that indicator-quarter and raises the year's version, so every cached view
    /// of the year is rebuilt). Alternating +1 and −1 leaves the data as it was.
    /// </summary>
    private static async Task RefigureOneObservationAsync(IServiceProvider services, YearQuarter period, int delta, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync(ct);
        db.SuppressAudit = true;
        var observation = await db.Observations
            .Where(o => o.Year == period.Year && o.Quarter == period.Quarter && o.Numerator == null)
            .OrderBy(o => o.Id).FirstAsync(ct);
        observation.Value += delta;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Exactly what the home page computes on opening <c>/?tahun=Y&amp;tw=Q</c>, in a scope of its own as a new circuit
    /// has: DashboardPage's filter options, figures and reporting progress, and its ReviewedBanner's review snapshot.
    /// </summary>
    public static async Task<(DashboardFigures Figures, ReportingProgress Progress)> ComputeAsync(IServiceProvider services, YearQuarter period, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<FigureQueryService>();
        var options = await service.GetFilterOptionsAsync(ct);
        var query = DashboardQuery.Parse(key => key switch
        {
            DashboardQuery.YearKey => period.Year.ToString(CultureInfo.InvariantCulture),
            DashboardQuery.QuarterKey => period.Quarter.ToString(CultureInfo.InvariantCulture),
            _ => null,
        }, scope.ServiceProvider.GetRequiredService<TimeProvider>().CurrentReportingQuarter()).WithKnownCodes(options);
        var figures = await service.GetDashboardAsync(query.Filter, query.Indicator, ct);
        var progress = await scope.ServiceProvider.GetRequiredService<ReportingProgressService>().GetAsync(query.Filter.Period, ct);
        var snapshots = scope.ServiceProvider.GetRequiredService<ReviewSnapshotService>();
        if (await snapshots.LatestAsync(query.Filter.Period, ct) is not null)
        {
            await snapshots.ChangesSinceReviewAsync(query.Filter.Period, ct);
        }
        return (figures, progress);
    }

    private sealed record BreakdownTarget(BreakdownDimension Dimension, int IndicatorId, string Column);

    private static List<BreakdownTarget> BreakdownIndicators(DashboardFigures figures)
    {
        var ids = figures.AllIndicators.ToDictionary(f => f.Code, f => f.IndicatorId, StringComparer.Ordinal);
        var targets = new List<BreakdownTarget>();
        void Add(Breakdown? breakdown, string column)
        {
            if (breakdown is not null)
            {
                targets.Add(new BreakdownTarget(breakdown.Dimension, ids[breakdown.IndicatorCode], column));
            }
        }
        Add(figures.ByProvince, "ProvinceCode");
        Add(figures.ByCountry, "CountryCode");
        Add(figures.BySex, "Sex");
        return targets;
    }

    public sealed record FloorRow(int IndicatorId, int Year, int Quarter, double Value, double? Numerator, double? Denominator, long Cells);

    public sealed record FloorFigures(
        List<FloorRow> Aggregates,
        Dictionary<BreakdownDimension, (List<(string Code, int Quarter, double Value)> Rows, List<(int Quarter, double Value)> Totals)> Breakdowns,
        List<(int IndicatorId, long Cells)> Progress);

    /// <summary>The floor: nothing but the GROUP BYs, read into plain lists.</summary>
    private static async Task<FloorFigures> FloorAsync(DatabaseLocation database, YearQuarter period, List<BreakdownTarget> breakdowns, CancellationToken ct)
    {
        var first = YearQuarter.FromIndex(Math.Min(new YearQuarter(period.Year, 1).Index, period.Minus(FigureQueryService.TrendQuarters - 1).Index));
        // The same SQL on both servers (quoted identifiers, @parameters), on a bare connection of the server's own driver.
        await using var connection = DatabaseDialect.Of(database).CreateConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var aggregates = new List<FloorRow>();
        await using (var command = connection.CreateCommand())
        {
            // The best bare SQL for the window: one tight (year, quarter) range per calendar year.
            var parts = new List<string>();
            for (var year = first.Year; year <= period.Year; year++)
            {
                var from = year == first.Year ? first.Quarter : 1;
                var to = year == period.Year ? period.Quarter : 4;
                parts.Add($"""
                    SELECT "IndicatorId", "Year", "Quarter", SUM("Value"), SUM("Numerator"), SUM("Denominator"), COUNT(*)
                    FROM "Observations" WHERE "Year" = @y{year} AND "Quarter" BETWEEN @from{year} AND @to{year}
                    GROUP BY "IndicatorId", "Year", "Quarter"
                    """);
                DatabaseDialect.AddParameter(command, $"@y{year}", year);
                DatabaseDialect.AddParameter(command, $"@from{year}", from);
                DatabaseDialect.AddParameter(command, $"@to{year}", to);
            }
            command.CommandText = string.Join("\nUNION ALL\n", parts);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                aggregates.Add(new FloorRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetDouble(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetInt64(6)));
            }
        }
        var result = new FloorFigures(aggregates, [], []);
        // The reporting progress: figures per indicator by status in the quarter, and the countries each indicator
        // reported in the last five quarters (what the entry sheets expect).
        await using (var command = connection.CreateCommand())
        {
            var from = period.Minus(EntryCells.CountryHistoryQuarters);
            command.CommandText = """
                SELECT "IndicatorId", COUNT(*), COUNT(CASE WHEN "Status" = 1 THEN 1 END), COUNT(CASE WHEN "Status" = 2 THEN 1 END),
                       COUNT(CASE WHEN "Status" = 3 THEN 1 END), COUNT(CASE WHEN "Status" = 4 THEN 1 END)
                FROM "Observations" WHERE "Year" = @year AND "Quarter" = @quarter GROUP BY "IndicatorId";
                SELECT "IndicatorId", COUNT(DISTINCT "CountryCode") FROM "Observations"
                WHERE "IndicatorId" IN (SELECT "Id" FROM "Indicators" WHERE "IsActive" AND "Aggregation" <> 4 AND ("Disaggregations" & 4) <> 0)
                  AND "CountryCode" <> '' AND ("Year", "Quarter") >= (@fromYear, @fromQuarter) AND ("Year", "Quarter") <= (@year, @quarter)
                GROUP BY "IndicatorId";
                """;
            DatabaseDialect.AddParameter(command, "@year", period.Year);
            DatabaseDialect.AddParameter(command, "@quarter", period.Quarter);
            DatabaseDialect.AddParameter(command, "@fromYear", from.Year);
            DatabaseDialect.AddParameter(command, "@fromQuarter", from.Quarter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                result.Progress.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                _ = reader.GetInt64(1);
            }
        }
        foreach (var target in breakdowns)
        {
            var rows = new List<(string, int, double)>();
            var totals = new List<(int, double)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"""
                    SELECT "{target.Column}", "Quarter", SUM("Value"), SUM("Numerator"), SUM("Denominator") FROM "Observations"
                    WHERE "IndicatorId" = @id AND "Year" = @year AND "Quarter" <= @quarter GROUP BY "{target.Column}", "Quarter";
                    SELECT "Quarter", SUM("Value"), SUM("Numerator"), SUM("Denominator") FROM "Observations"
                    WHERE "IndicatorId" = @id AND "Year" = @year AND "Quarter" <= @quarter GROUP BY "Quarter";
                    """;
                DatabaseDialect.AddParameter(command, "@id", target.IndicatorId);
                DatabaseDialect.AddParameter(command, "@year", period.Year);
                DatabaseDialect.AddParameter(command, "@quarter", period.Quarter);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2)));
                }
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    totals.Add((reader.GetInt32(0), reader.GetDouble(1)));
                }
            }
            result.Breakdowns[target.Dimension] = (rows, totals);
        }
        return result;
    }

    /// <summary>The floor must compute the same figures, or the comparison means nothing: the quarter's figure of every flow.</summary>
    private static void Check(DashboardFigures figures, ReportingProgress progress, FloorFigures floor, YearQuarter period)
    {
        if (progress.IndicatorStatuses.Count != floor.Progress.Count)
        {
            throw new InvalidOperationException($"The floor finds {floor.Progress.Count} indicators reported, the progress {progress.IndicatorStatuses.Count}.");
        }
        var sums = floor.Aggregates.Where(r => r.Year == period.Year && r.Quarter == period.Quarter).ToDictionary(r => r.IndicatorId);
        foreach (var figure in figures.AllIndicators.Where(f => f.Aggregation == TimeAggregation.Sum))
        {
            double? expected = sums.TryGetValue(figure.IndicatorId, out var row) ? row.Value : null;
            if (!Same(expected, figure.QuarterValue))
            {
                throw new InvalidOperationException(
                    $"The floor disagrees with the dashboard for {figure.Code}: {expected?.ToString(CultureInfo.InvariantCulture) ?? "none"} vs {figure.QuarterValue?.ToString(CultureInfo.InvariantCulture) ?? "none"}.");
            }
        }
        foreach (var breakdown in new[] { figures.ByProvince, figures.ByCountry, figures.BySex }.OfType<Breakdown>())
        {
            var total = floor.Breakdowns[breakdown.Dimension].Totals.Where(t => t.Quarter == period.Quarter).Select(t => (double?)t.Value).FirstOrDefault();
            var aggregation = figures.AllIndicators.First(f => f.Code == breakdown.IndicatorCode).Aggregation;
            if (aggregation == TimeAggregation.Sum && !Same(total, breakdown.QuarterTotal))
            {
                throw new InvalidOperationException($"The floor disagrees with the {breakdown.Dimension} breakdown of {breakdown.IndicatorCode}.");
            }
        }
    }

    private static bool Same(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));
}
