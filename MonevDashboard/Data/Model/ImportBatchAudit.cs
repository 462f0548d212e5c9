using System.Text.Json;
using MonevDashboard.Data;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>
/// How an import batch is audited: not row by row, but one Import entry when it is committed (its file and counts)
/// and one Rollback entry when it is undone; its figures and targets have entries of their own.
/// </summary>
public sealed class ImportBatchAudit : AuditDeclaration
{
    public override string EntityType => nameof(ImportBatch);

    public override IReadOnlyCollection<string> EntryFields { get; } =
    [
        nameof(ImportBatch.FileName), nameof(ImportBatch.Sha256), nameof(ImportBatch.RowsRead), nameof(ImportBatch.Inserted),
        nameof(ImportBatch.Updated), nameof(ImportBatch.Unchanged), nameof(ImportBatch.TargetsWritten), nameof(ImportBatch.Reason),
        nameof(ImportBatch.Status),
    ];

    public override IReadOnlyCollection<string> Actions { get; } = [AuditEntryFormat.Import, AuditEntryFormat.Rollback];

    public override AuditKeyText ReadKey(string key, IAuditWords words) => new(null, ["#" + key]);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(ImportBatch.Status) ? EnumLabel<ImportBatchStatus>(value, "History.Status.", words) : null;
}
