using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// The bulk path of the import: stored figures are loaded and written with prepared raw commands on the
/// context's own connection and transaction, because the change tracker costs more than the whole import for
/// 100,000 rows. It writes exactly what an EF save would — the same columns, version bump and stamps as
/// <see cref="AuditSaveChangesInterceptor"/>, and the audit entries an EF save makes, built by the same
/// <see cref="AuditedProperties{T}"/> from the figure's declaration and written by <see cref="AuditBulkWriter"/> —
/// plus an <see cref="ImportBatchChange"/> per row so the batch can be rolled back.
/// </summary>
public static class ObservationImportWriter
{
    private const int ProgressEveryRows = 1000;

    /// <summary>The stored observations of the given (indicator, year, quarter) periods, in one query.</summary>
    public static async Task<Dictionary<ObservationKey, StoredObservation>> LoadAsync(
        MonevDbContext db, IReadOnlyCollection<(int IndicatorId, int Year, int Quarter)> periods, CancellationToken cancellationToken)
    {
        var result = new Dictionary<ObservationKey, StoredObservation>();
        if (periods.Count == 0)
        {
            return result;
        }
        var dialect = DatabaseDialect.Of(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One parameter (a JSON array of periods) whatever their number; each period is an index seek on the
            // natural key's leading columns.
            await using var command = DatabaseDialect.CreateCommand(db.Database, $"""
                SELECT o."Id", o."IndicatorId", o."Year", o."Quarter", o."ProvinceCode", o."CountryCode", o."Sex", o."Value", o."Numerator",
                       o."Denominator", o."Source", o."Note", o."Status", o."ReturnReason", o."ImportBatchId", o."Version"
                FROM {dialect.JsonArrayRows("@periods", "p")}
                JOIN "Observations" AS o
                  ON o."IndicatorId" = {dialect.JsonArrayItemInt("p", 0)} AND o."Year" = {dialect.JsonArrayItemInt("p", 1)} AND o."Quarter" = {dialect.JsonArrayItemInt("p", 2)}
                """);
            DatabaseDialect.AddParameter(command, "@periods", JsonSerializer.Serialize(periods.Select(p => new[] { p.IndicatorId, p.Year, p.Quarter })));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new ObservationKey(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
                result[key] = new StoredObservation(reader.GetInt64(0), key, reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9),
                    reader.GetString(10), reader.GetString(11), (ObservationStatus)reader.GetInt32(12),
                    reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetInt64(14), reader.GetInt32(15));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    /// <summary>
    /// Writes the new and changed rows of a plan inside the context's current transaction. A row whose version
    /// moved since it was loaded makes the whole import fail (the caller's transaction then rolls back).
    /// </summary>
    /// <remarks>
    /// New rows go in as multi-row INSERTs, and their <see cref="ImportBatchChange"/> rows with one INSERT … SELECT
    /// (a row the batch inserted is the only one carrying the batch id at version 0); changed rows are updated one by
    /// one, guarded by their version. Audit entries are inserted in batches too. The work is synchronous ADO.NET; it runs off the caller's thread so a page can show
    /// its progress.
    /// </remarks>
    public static Task WriteAsync(
        MonevDbContext db, long batchId, IReadOnlyList<PlannedObservation> rows, string userName, DateTime now, string reason,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var dialect = DatabaseDialect.Of(db);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The import writes inside the caller's transaction.");
        var audited = new AuditedProperties<Observation>(db.Model, AuditDeclarations.Default);
        return Task.Run(() =>
        {
            using (dialect.TuneForBulkWrite(connection))
            {
                WriteRows(dialect, connection, transaction, audited, batchId, rows, userName, now, reason, progress, cancellationToken);
            }
        }, cancellationToken);
    }

    private static void WriteRows(
        IDatabaseDialect dialect, DbConnection connection, DbTransaction transaction, AuditedProperties<Observation> audited, long batchId,
        IReadOnlyList<PlannedObservation> rows, string userName, DateTime now, string reason,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var inserts = rows.Where(r => r.Outcome == RowOutcome.New).ToList();
        var updates = rows.Where(r => r.Outcome == RowOutcome.Changed).ToList();
        var total = inserts.Count + updates.Count;
        var done = 0;
        void Advance()
        {
            if (++done % ProgressEveryRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(ImportStage.Commit, done, total));
            }
        }

        using var audit = new AuditBulkWriter(dialect, connection, transaction, now, userName, reason, batchId);

        using (var insert = new MultiRowInsert(dialect, connection, transaction, "Observations",
            ["IndicatorId", "Year", "Quarter", "ProvinceCode", "CountryCode", "Sex", "Value", "Numerator", "Denominator", "Source", "Note"],
            [("Status", (int)ObservationStatus.Draft), ("ReturnReason", null), ("ImportBatchId", batchId), ("CreatedBy", userName),
                ("CreatedAt", now), ("UpdatedBy", userName), ("UpdatedAt", now), ("Version", 0)]))
        {
            foreach (var row in inserts)
            {
                var after = After(row, batchId);
                insert.Add(after.IndicatorId, after.Year, after.Quarter, after.ProvinceCode, after.CountryCode, after.Sex,
                    after.Value, after.Numerator, after.Denominator, after.Source, after.Note);
                audit.Add(audited.Created(after));
                Advance();
            }
            insert.Flush();
        }
        using (var changes = connection.CreateCommand())
        {
            changes.Transaction = transaction;
            changes.CommandTimeout = 600;
            changes.CommandText = """
                INSERT INTO "ImportBatchChanges" ("ImportBatchId", "ObservationId", "WasInserted", "VersionAfter", "NewValue", "NewNumerator", "NewDenominator", "NewSource", "NewNote")
                SELECT @batch, "Id", TRUE, 0, "Value", "Numerator", "Denominator", "Source", "Note" FROM "Observations" WHERE "ImportBatchId" = @batch AND "Version" = 0 ORDER BY "Id"
                """;
            DatabaseDialect.AddParameter(changes, "@batch", batchId);
            if (changes.ExecuteNonQuery() != inserts.Count)
            {
                throw new DBConcurrencyException("The inserted figures of the batch do not match the plan.");
            }
        }

        using var update = Command(connection, transaction, """
            UPDATE "Observations"
            SET "Value" = @value, "Numerator" = @numerator, "Denominator" = @denominator, "Source" = @source, "Note" = @note,
                "Status" = @status, "ReturnReason" = NULL, "ImportBatchId" = @batch, "UpdatedBy" = @user, "UpdatedAt" = @now,
                "Version" = "Version" + 1
            WHERE "Id" = @id AND "Version" = @version
            """, "@value", "@numerator", "@denominator", "@source", "@note", "@status", "@batch", "@user", "@now", "@id", "@version");
        Set(update, "@batch", batchId);
        Set(update, "@user", userName);
        Set(update, "@now", now);
        Set(update, "@status", (int)ObservationStatus.Draft);
        using var replaced = new MultiRowInsert(dialect, connection, transaction, "ImportBatchChanges",
            ["ObservationId", "OldValue", "OldNumerator", "OldDenominator", "OldSource", "OldNote", "OldStatus", "VersionAfter",
                "NewValue", "NewNumerator", "NewDenominator", "NewSource", "NewNote"],
            [("ImportBatchId", batchId), ("WasInserted", false)]);
        foreach (var row in updates)
        {
            var existing = row.Existing!;
            var after = After(row, batchId);
            SetFigure(update, after);
            Set(update, "@id", existing.Id);
            Set(update, "@version", existing.Version);
            if (update.ExecuteNonQuery() != 1)
            {
                throw new DBConcurrencyException($"Observation {existing.Id} changed during the import.");
            }
            replaced.Add(existing.Id, existing.Value, existing.Numerator, existing.Denominator, existing.Source, existing.Note, (int)existing.Status, existing.Version + 1,
                after.Value, after.Numerator, after.Denominator, after.Source, after.Note);
            var before = new Observation
            {
                IndicatorId = after.IndicatorId, Year = after.Year, Quarter = after.Quarter, ProvinceCode = after.ProvinceCode,
                CountryCode = after.CountryCode, Sex = after.Sex, Value = existing.Value, Numerator = existing.Numerator,
                Denominator = existing.Denominator, Source = existing.Source, Note = existing.Note, Status = existing.Status,
                ReturnReason = existing.ReturnReason, ImportBatchId = existing.ImportBatchId,
            };
            audit.Add(audited.Changed(before, after)!);
            Advance();
        }
        replaced.Flush();
        audit.Flush();
        // The maintained totals of every quarter the batch wrote, in the same transaction (an EF save gets this from
        // FigureTotalsInterceptor; this path bypasses the change tracker).
        FigureTotals.Refresh(connection, transaction,
            [.. rows.Where(r => r.Outcome is RowOutcome.New or RowOutcome.Changed)
                .Select(r => new IndicatorQuarter(r.Row.Key.IndicatorId, r.Row.Key.Year, r.Row.Key.Quarter)).Distinct()]);
        progress?.Report(new ImportProgress(ImportStage.Commit, done, total));
    }

    /// <summary>The observation as the import leaves it: the row's figure, a Draft of this batch.</summary>
    private static Observation After(PlannedObservation row, long batchId) => new()
    {
        IndicatorId = row.Row.Key.IndicatorId, Year = row.Row.Key.Year, Quarter = row.Row.Key.Quarter, ProvinceCode = row.Row.Key.ProvinceCode,
        CountryCode = row.Row.Key.CountryCode, Sex = row.Row.Key.Sex, Value = row.Row.Value, Numerator = row.Row.Numerator,
        Denominator = row.Row.Denominator, Source = row.Source, Note = row.Note, Status = ObservationStatus.Draft, ImportBatchId = batchId,
    };

    private static void SetFigure(DbCommand command, Observation o)
    {
        Set(command, "@value", o.Value);
        Set(command, "@numerator", o.Numerator);
        Set(command, "@denominator", o.Denominator);
        Set(command, "@source", o.Source);
        Set(command, "@note", o.Note);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        foreach (var name in parameters)
        {
            DatabaseDialect.AddParameter(command, name);
        }
        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
