using System.Data.Common;
using System.Text.Json;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Data;

/// <summary>The quarter of one indicator whose observations a write changed: the unit <see cref="FigureTotals"/> recomputes.</summary>
public readonly record struct IndicatorQuarter(int IndicatorId, int Year, int Quarter);

/// <summary>
/// The one home of the maintained aggregates (<see cref="FigureTotal"/>) and the figure versions
/// (<see cref="FigureVersion"/>). Every writer calls it inside its own transaction: EF saves through
/// <see cref="FigureTotalsInterceptor"/>, the bulk import writer and the bench's bulk load directly. A refresh deletes
/// and re-sums the touched indicator-quarters from the observations (never adds deltas, which would drift), so the
/// table always equals a GROUP BY over the observations; the property tests hold it to that.
/// </summary>
public static class FigureTotals
{
    private const string Columns =
        "\"Level\", \"Code\", \"Year\", \"Quarter\", \"IndicatorId\", \"Value\", \"Numerator\", \"Denominator\", \"Cells\", " +
        "\"Drafts\", \"Submitted\", \"Verified\", \"Returned\"";

    private static readonly string s_statusCounts = string.Join(", ",
        new[] { ObservationStatus.Draft, ObservationStatus.Submitted, ObservationStatus.Verified, ObservationStatus.Returned }
            .Select(status => $"SUM(CASE WHEN o.\"Status\" = {(int)status} THEN 1 ELSE 0 END)"));

    // One SELECT per level; {0} is the FROM clause (all observations, or those of the touched quarters).
    private static readonly (FigureLevel Level, string Code)[] s_levels =
    [
        (FigureLevel.Total, "''"),
        (FigureLevel.Province, "o.\"ProvinceCode\""),
        (FigureLevel.Country, "o.\"CountryCode\""),
        (FigureLevel.Sex, "o.\"Sex\""),
    ];

    private static string SumsFrom(string from, string? where = null) => string.Join("\nUNION ALL\n", s_levels.Select(l => $"""
        SELECT {(int)l.Level}, {l.Code}, o."Year", o."Quarter", o."IndicatorId", SUM(o."Value"), SUM(o."Numerator"), SUM(o."Denominator"), COUNT(*), {s_statusCounts}
        FROM {from}{(where is null ? "" : "\n        WHERE " + where)}
        GROUP BY {(l.Level == FigureLevel.Total ? "" : l.Code + ", ")}o."Year", o."Quarter", o."IndicatorId"
        """));

    /// <summary>
    /// Re-sums the given indicator-quarters and raises the versions of their years, on the caller's connection and
    /// transaction. Cost: the touched quarters' observations, read by the natural key's leading columns.
    /// </summary>
    public static async Task RefreshAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<IndicatorQuarter> touched, CancellationToken cancellationToken = default)
    {
        foreach (var command in RefreshCommands(connection, transaction, touched))
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <inheritdoc cref="RefreshAsync"/>
    public static void Refresh(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<IndicatorQuarter> touched)
    {
        foreach (var command in RefreshCommands(connection, transaction, touched))
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Raises the versions of <paramref name="years"/> (<see cref="FigureVersion.AllYears"/> for what every year depends on).</summary>
    public static async Task BumpAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<int> years, CancellationToken cancellationToken = default)
    {
        foreach (var command in BumpCommands(connection, transaction, years))
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <inheritdoc cref="BumpAsync"/>
    public static void Bump(DbConnection connection, DbTransaction? transaction, IEnumerable<int> years)
    {
        foreach (var command in BumpCommands(connection, transaction, years))
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// Recomputes every aggregate from the observations and raises every version: after a bulk load that bypasses the
    /// writers (the bench's data set, a copied database) and as the migration's first fill.
    /// </summary>
    public static async Task RebuildAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        await using (var delete = Command(connection, transaction, "DELETE FROM \"FigureTotals\""))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = Command(connection, transaction, RebuildSql))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var years = Command(connection, transaction, "SELECT DISTINCT \"Year\" FROM \"FigureTotals\""))
        {
            var list = new List<int> { FigureVersion.AllYears };
            await using (var reader = await years.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    list.Add(reader.GetInt32(0));
                }
            }
            await BumpAsync(connection, transaction, list, cancellationToken);
        }
    }

    /// <summary>The statement that fills the table from every observation (also the migration's).</summary>
    public static string RebuildSql => $"INSERT INTO \"FigureTotals\" ({Columns})\n{SumsFrom("\"Observations\" AS o")}";

    private static IEnumerable<DbCommand> RefreshCommands(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<IndicatorQuarter> touched)
    {
        if (touched.Count == 0)
        {
            yield break;
        }
        var dialect = DatabaseDialect.Of(connection);
        var keys = JsonSerializer.Serialize(touched.Distinct().Select(k => new[] { k.IndicatorId, k.Year, k.Quarter }));
        var touchedRows = $"""
            SELECT {dialect.JsonArrayItemInt("k", 0)} AS "IndicatorId", {dialect.JsonArrayItemInt("k", 1)} AS "Year", {dialect.JsonArrayItemInt("k", 2)} AS "Quarter"
            FROM {dialect.JsonArrayRows("@keys", "k")}
            """;
        var delete = Command(connection, transaction, $"""
            DELETE FROM "FigureTotals"
            WHERE ("IndicatorId", "Year", "Quarter") IN ({touchedRows})
            """);
        DatabaseDialect.AddParameter(delete, "@keys", keys);
        yield return delete;
        // The touched quarters drive the join (SQLite reads CROSS JOIN as "left table outermost"): a seek of the
        // observations' natural key per quarter. Left to itself, without statistics, SQLite scanned every observation
        // and matched it against the list — minutes for a large import. PostgreSQL plans a CROSS JOIN … WHERE freely.
        var insert = Command(connection, transaction, $"""
            WITH "Touched" AS MATERIALIZED ({touchedRows})
            INSERT INTO "FigureTotals" ({Columns})
            {SumsFrom("\"Touched\" AS t CROSS JOIN \"Observations\" AS o",
                "o.\"IndicatorId\" = t.\"IndicatorId\" AND o.\"Year\" = t.\"Year\" AND o.\"Quarter\" = t.\"Quarter\"")}
            """);
        DatabaseDialect.AddParameter(insert, "@keys", keys);
        yield return insert;
        foreach (var bump in BumpCommands(connection, transaction, touched.Select(k => k.Year)))
        {
            yield return bump;
        }
    }

    private static IEnumerable<DbCommand> BumpCommands(DbConnection connection, DbTransaction? transaction, IEnumerable<int> years)
    {
        foreach (var year in years.Distinct().Order())
        {
            var command = Command(connection, transaction, """
                INSERT INTO "FigureVersions" ("Year", "Version") VALUES (@year, 1)
                ON CONFLICT ("Year") DO UPDATE SET "Version" = "FigureVersions"."Version" + 1
                """);
            DatabaseDialect.AddParameter(command, "@year", year);
            yield return command;
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return command;
    }
}
