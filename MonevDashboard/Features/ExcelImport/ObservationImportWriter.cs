using System.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Observations;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// The bulk path of the import: stored figures are loaded and written with prepared SQLite commands on the
/// context's own connection and transaction, because the change tracker costs more than the whole import for
/// 100,000 rows. It writes exactly what an EF save would — the same columns, version bump and stamps as
/// <see cref="AuditSaveChangesInterceptor"/>, and audit entries in the same format (<see cref="AuditEntryFormat"/>) —
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
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
            // One parameter (a JSON array of periods) whatever their number; each period is an index seek on the
            // natural key's leading columns.
            command.CommandText = """
                SELECT o.Id, o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex, o.Value, o.Numerator,
                       o.Denominator, o.Source, o.Note, o.Status, o.ReturnReason, o.ImportBatchId, o.Version
                FROM json_each($periods) AS p
                JOIN Observations AS o
                  ON o.IndicatorId = json_extract(p.value, '$[0]') AND o.Year = json_extract(p.value, '$[1]') AND o.Quarter = json_extract(p.value, '$[2]')
                """;
            command.Parameters.AddWithValue("$periods", JsonSerializer.Serialize(periods.Select(p => new[] { p.IndicatorId, p.Year, p.Quarter })));
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
    public static async Task WriteAsync(
        MonevDbContext db, long batchId, IReadOnlyList<PlannedObservation> rows, string userName, DateTime now, string reason,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The import writes inside the caller's transaction."));
        var audited = new AuditedProperties<Observation>(db.Model);
        var toWrite = rows.Where(r => r.Outcome is RowOutcome.New or RowOutcome.Changed).ToList();

        await using var insert = Command(connection, transaction, """
            INSERT INTO Observations (IndicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex, Value, Numerator, Denominator,
                Source, Note, Status, ReturnReason, ImportBatchId, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version)
            VALUES ($indicator, $year, $quarter, $province, $country, $sex, $value, $numerator, $denominator,
                $source, $note, $status, NULL, $batch, $user, $now, $user, $now, 0)
            RETURNING Id
            """, "$indicator", "$year", "$quarter", "$province", "$country", "$sex", "$value", "$numerator", "$denominator",
            "$source", "$note", "$status", "$batch", "$user", "$now");
        await using var update = Command(connection, transaction, """
            UPDATE Observations
            SET Value = $value, Numerator = $numerator, Denominator = $denominator, Source = $source, Note = $note,
                Status = $status, ReturnReason = NULL, ImportBatchId = $batch, UpdatedBy = $user, UpdatedAt = $now,
                Version = Version + 1
            WHERE Id = $id AND Version = $version
            """, "$value", "$numerator", "$denominator", "$source", "$note", "$status", "$batch", "$user", "$now", "$id", "$version");
        await using var change = Command(connection, transaction, """
            INSERT INTO ImportBatchChanges (ImportBatchId, ObservationId, WasInserted, OldValue, OldNumerator, OldDenominator,
                OldSource, OldNote, OldStatus, VersionAfter)
            VALUES ($batch, $observation, $inserted, $value, $numerator, $denominator, $source, $note, $status, $versionAfter)
            """, "$batch", "$observation", "$inserted", "$value", "$numerator", "$denominator", "$source", "$note", "$status", "$versionAfter");
        await using var audit = Command(connection, transaction, """
            INSERT INTO AuditEntries (At, UserName, Action, EntityType, EntityKey, IndicatorId, Year, Quarter, OldValues, NewValues, Reason, ImportBatchId)
            VALUES ($now, $user, $action, 'Observation', $key, $indicator, $year, $quarter, $old, $new, $reason, $batch)
            """, "$now", "$user", "$action", "$key", "$indicator", "$year", "$quarter", "$old", "$new", "$reason", "$batch");
        foreach (var command in new[] { insert, update, change, audit })
        {
            Set(command, "$batch", batchId);
            if (command.Parameters.Contains("$user"))
            {
                Set(command, "$user", userName);
            }
            if (command.Parameters.Contains("$now"))
            {
                Set(command, "$now", now);
            }
        }
        Set(audit, "$reason", reason);
        Set(insert, "$status", (int)ObservationStatus.Draft);
        Set(update, "$status", (int)ObservationStatus.Draft);

        var done = 0;
        foreach (var row in toWrite)
        {
            var key = row.Row.Key;
            var after = new Observation
            {
                IndicatorId = key.IndicatorId, Year = key.Year, Quarter = key.Quarter, ProvinceCode = key.ProvinceCode,
                CountryCode = key.CountryCode, Sex = key.Sex, Value = row.Row.Value, Numerator = row.Row.Numerator,
                Denominator = row.Row.Denominator, Source = row.Source, Note = row.Note, Status = ObservationStatus.Draft,
                ImportBatchId = batchId,
            };
            long observationId;
            int versionAfter;
            string action;
            string? oldValues;
            string newValues;
            if (row.Existing is not { } existing)
            {
                SetFigure(insert, after);
                Set(insert, "$indicator", key.IndicatorId);
                Set(insert, "$year", key.Year);
                Set(insert, "$quarter", key.Quarter);
                Set(insert, "$province", key.ProvinceCode);
                Set(insert, "$country", key.CountryCode);
                Set(insert, "$sex", key.Sex);
                observationId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
                versionAfter = 0;
                (action, oldValues, newValues) = (AuditEntryFormat.Create, null, audited.All(after));
                SetChange(change, observationId, inserted: true, before: null, versionAfter);
            }
            else
            {
                SetFigure(update, after);
                Set(update, "$id", existing.Id);
                Set(update, "$version", existing.Version);
                if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new DBConcurrencyException($"Observation {existing.Id} changed during the import.");
                }
                observationId = existing.Id;
                versionAfter = existing.Version + 1;
                var before = new Observation
                {
                    IndicatorId = key.IndicatorId, Year = key.Year, Quarter = key.Quarter, ProvinceCode = key.ProvinceCode,
                    CountryCode = key.CountryCode, Sex = key.Sex, Value = existing.Value, Numerator = existing.Numerator,
                    Denominator = existing.Denominator, Source = existing.Source, Note = existing.Note, Status = existing.Status,
                    ReturnReason = existing.ReturnReason, ImportBatchId = existing.ImportBatchId,
                };
                var changes = audited.Changes(before, after)!.Value;
                (action, oldValues, newValues) = (changes.Action, changes.OldValues, changes.NewValues);
                SetChange(change, observationId, inserted: false, existing, versionAfter);
            }
            await change.ExecuteNonQueryAsync(cancellationToken);

            Set(audit, "$action", action);
            Set(audit, "$key", AuditEntryFormat.ObservationKey(after));
            Set(audit, "$indicator", key.IndicatorId);
            Set(audit, "$year", key.Year);
            Set(audit, "$quarter", key.Quarter);
            Set(audit, "$old", oldValues);
            Set(audit, "$new", newValues);
            await audit.ExecuteNonQueryAsync(cancellationToken);

            if (++done % ProgressEveryRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(ImportStage.Commit, done, toWrite.Count));
            }
        }
        progress?.Report(new ImportProgress(ImportStage.Commit, done, toWrite.Count));
    }

    private static void SetFigure(SqliteCommand command, Observation o)
    {
        Set(command, "$value", o.Value);
        Set(command, "$numerator", o.Numerator);
        Set(command, "$denominator", o.Denominator);
        Set(command, "$source", o.Source);
        Set(command, "$note", o.Note);
    }

    private static void SetChange(SqliteCommand command, long observationId, bool inserted, StoredObservation? before, int versionAfter)
    {
        Set(command, "$observation", observationId);
        Set(command, "$inserted", inserted);
        Set(command, "$value", before?.Value);
        Set(command, "$numerator", before?.Numerator);
        Set(command, "$denominator", before?.Denominator);
        Set(command, "$source", before?.Source);
        Set(command, "$note", before?.Note);
        Set(command, "$status", before is null ? null : (int?)before.Status);
        Set(command, "$versionAfter", versionAfter);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
