using Microsoft.EntityFrameworkCore;

namespace MonevDashboard.Data;

/// <summary>
/// Keeps SQLite's planner statistics (sqlite_stat1) in step with the data. Without them SQLite guesses, and with the
/// covering period index it guesses wrong for one indicator's breakdown: it walks every indicator's rows of the year
/// in that index instead of seeking the indicator in the natural key. <c>PRAGMA optimize</c> (with 0x10000: check every
/// table) re-analyses only the tables whose size changed a lot since they were last analysed, on a bounded sample, so
/// it is cheap to call (measurements: docs/decisions/operations.md). Called at start-up and after each import.
/// </summary>
public static class QueryPlannerStatistics
{
    public static Task RefreshAsync(MonevDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // PostgreSQL's autovacuum keeps statistics on its own; an explicit ANALYZE after a bulk write makes them current
        // at once for the tables the figures read (IDatabaseDialect.RefreshStatisticsSql).
        return db.Database.ExecuteSqlRawAsync(DatabaseDialect.Of(db).RefreshStatisticsSql, cancellationToken);
    }
}
