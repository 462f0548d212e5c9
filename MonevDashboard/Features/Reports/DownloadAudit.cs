using MonevDashboard.Infrastructure;
using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Features.Reports;

/// <summary>How a download is audited: one Download entry per file taken (<see cref="DownloadService"/>), keyed by the file's name.</summary>
public sealed class DownloadAudit : AuditDeclaration
{
    public override string EntityType => DownloadService.AuditEntityType;

    public override IReadOnlyCollection<string> EntryFields { get; } = ["Kind", "FileName", "Filters"];

    public override IReadOnlyCollection<string> Actions { get; } = [DownloadService.AuditAction];

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == "Kind" && value.ValueKind == JsonValueKind.String ? words.Label("Download.Kind." + value.GetString(), value.GetString()!) : null;
}
