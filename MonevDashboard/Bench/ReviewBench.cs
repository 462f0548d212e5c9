using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Bench;

/// <summary>
/// The review's two heavy moments at the data set's size, each against a floor of bare SQL in the same run:
/// freezing the quarter when it is locked (<see cref="ReviewSnapshotService.FreezeAsync"/>: every indicator's
/// figures and every province, country and sex cell, saved as snapshot rows) and the "changed since the review"
/// comparison the dashboard banner and the slides show (<see cref="ReviewSnapshotService.ChangesSinceReviewAsync"/>).
/// Both run with the shared view cache off, so they show the maintained totals' cost, not the cache's.
/// </summary>
internal static class ReviewBench
{
    public sealed record Outcome(Timing Snapshot, Timing SnapshotFloor, Timing Compare, Timing CompareFloor, int Figures);

    public static async Task<Outcome> RunAsync(IServiceProvider uncached, YearQuarter period, int runs, CancellationToken ct)
    {
        var database = uncached.GetRequiredService<DatabaseLocation>();
        // The freeze is measured in a transaction that is rolled back, so each run freezes the same data and the
        // database is left as it was; then one snapshot is kept for the comparison.
        var figures = 0;
        for (var i = 0; i < Timing.WarmUps - 1; i++)
        {
            figures = await FreezeAsync(uncached, period, keep: false, ct);
            await FloorFreezeAsync(database, period, ct);
        }
        var snapshot = new List<double>();
        var snapshotFloor = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            snapshot.Add(await Timing.MillisecondsAsync(() => FreezeAsync(uncached, period, keep: false, ct)));
            snapshotFloor.Add(await Timing.MillisecondsAsync(() => FloorFreezeAsync(database, period, ct)));
        }

        await FreezeAsync(uncached, period, keep: true, ct);
        var compare = new List<double>();
        var compareFloor = new List<double>();
        for (var i = 0; i < Timing.WarmUps + runs; i++)
        {
            var real = await Timing.MillisecondsAsync(() => CompareAsync(uncached, period, ct));
            var floor = await Timing.MillisecondsAsync(() => FloorCompareAsync(database, period, ct));
            if (i >= Timing.WarmUps)
            {
                compare.Add(real);
                compareFloor.Add(floor);
            }
        }
        return new Outcome(new Timing(snapshot, 0), new Timing(snapshotFloor, 0), new Timing(compare, 0), new Timing(compareFloor, 0), figures);
    }

    private static async Task<int> FreezeAsync(IServiceProvider services, YearQuarter period, bool keep, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var count = await scope.ServiceProvider.GetRequiredService<ReviewSnapshotService>().FreezeAsync(db, period, "bench", DateTime.UtcNow, ct);
        if (keep)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
        }
        return count;
    }

    private static async Task CompareAsync(IServiceProvider services, YearQuarter period, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReviewSnapshotService>().ChangesSinceReviewAsync(period, ct);
    }

    /// <summary>
    /// The freeze's floor: the figures by bare GROUP BYs over the observations (every indicator's quarter and year to
    /// date; every indicator by province, by country and by sex) and the same number of rows written by multi-row
    /// INSERTs, in a transaction rolled back.
    /// </summary>
    private static async Task FloorFreezeAsync(DatabaseLocation database, YearQuarter period, CancellationToken ct)
    {
        var dialect = DatabaseDialect.Of(database);
        await using var connection = dialect.CreateConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rows = await FloorFiguresAsync(connection, transaction, period, ct);
        long snapshotId;
        await using (var parent = connection.CreateCommand())
        {
            parent.Transaction = transaction;
            parent.CommandText = """
                INSERT INTO "ReviewSnapshots" ("Year", "Quarter", "TakenAt", "TakenBy") VALUES (@year, @quarter, @at, 'bench-floor') RETURNING "Id"
                """;
            DatabaseDialect.AddParameter(parent, "@year", period.Year);
            DatabaseDialect.AddParameter(parent, "@quarter", period.Quarter);
            DatabaseDialect.AddParameter(parent, "@at", DateTime.UtcNow);
            snapshotId = Convert.ToInt64(await parent.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        using (var insert = new MultiRowInsert(dialect, connection, transaction, "SnapshotFigures",
            ["IndicatorId", "Dimension", "DimensionCode", "QuarterValue", "YearToDateValue"],
            [("ReviewSnapshotId", snapshotId), ("Status", "")]))
        {
            foreach (var row in rows)
            {
                insert.Add(row.IndicatorId, row.Dimension, row.Code, row.Quarter, row.YearToDate);
            }
            insert.Flush();
        }
        await transaction.RollbackAsync(ct);
    }

    /// <summary>The comparison's floor: the same GROUP BYs, and the stored snapshot's rows read back.</summary>
    private static async Task FloorCompareAsync(DatabaseLocation database, YearQuarter period, CancellationToken ct)
    {
        await using var connection = DatabaseDialect.Of(database).CreateConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await FloorFiguresAsync(connection, null, period, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f."IndicatorId", f."Dimension", f."DimensionCode", f."QuarterValue", f."YearToDateValue", f."Status" FROM "SnapshotFigures" AS f
            WHERE f."ReviewSnapshotId" = (SELECT MAX(s."Id") FROM "ReviewSnapshots" AS s WHERE s."Year" = @year AND s."Quarter" = @quarter)
            """;
        DatabaseDialect.AddParameter(command, "@year", period.Year);
        DatabaseDialect.AddParameter(command, "@quarter", period.Quarter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            _ = reader.GetInt32(0);
        }
    }

    private sealed record FloorFigure(int IndicatorId, string Dimension, string Code, double? Quarter, double? YearToDate);

    private static async Task<List<FloorFigure>> FloorFiguresAsync(DbConnection connection, DbTransaction? transaction, YearQuarter period, CancellationToken ct)
    {
        var result = new List<FloorFigure>();
        foreach (var (dimension, column) in new[] { ("", "''"), ("Province", "\"ProvinceCode\""), ("Country", "\"CountryCode\""), ("Sex", "\"Sex\"") })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT "IndicatorId", {column}, SUM(CASE WHEN "Quarter" = @quarter THEN "Value" END), SUM("Value")
                FROM "Observations" WHERE "Year" = @year AND "Quarter" <= @quarter
                GROUP BY "IndicatorId"{(dimension.Length == 0 ? "" : ", " + column)}
                """;
            DatabaseDialect.AddParameter(command, "@year", period.Year);
            DatabaseDialect.AddParameter(command, "@quarter", period.Quarter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                result.Add(new FloorFigure(reader.GetInt32(0), dimension, reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3)));
            }
        }
        return result;
    }
}
