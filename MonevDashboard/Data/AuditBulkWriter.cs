using System.Data.Common;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Data;

/// <summary>
/// Writes the audit entries of a bulk write (the Excel import's figures) with batched, parameterized INSERTs on
/// the caller's connection and transaction, where an EF save would cost more than the write itself. The entries
/// come from <see cref="AuditedProperties{T}"/>, so they are exactly those an EF save of the same change makes;
/// who, when, why and the batch are the same for all of them, as in one save.
/// </summary>
internal sealed class AuditBulkWriter(
    IDatabaseDialect dialect, DbConnection connection, DbTransaction transaction, DateTime at, string userName, string? reason, long? importBatchId)
    : IDisposable
{
    private readonly MultiRowInsert _insert = new(dialect, connection, transaction, "AuditEntries",
        ["Action", "EntityType", "EntityKey", "IndicatorId", "Year", "Quarter", "OldValues", "NewValues"],
        [("At", at), ("UserName", userName), ("Reason", reason), ("ImportBatchId", importBatchId)]);

    public void Add(AuditEntry entry) =>
        _insert.Add(entry.Action, entry.EntityType, entry.EntityKey, entry.IndicatorId, entry.Year, entry.Quarter, entry.OldValues, entry.NewValues);

    public void Flush() => _insert.Flush();

    public void Dispose() => _insert.Dispose();
}
