using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How a target is audited: keyed by indicator and period (quarter 0 the year), stamped with its last change (IUpdateStamped).</summary>
public sealed class TargetAudit : AuditDeclaration<Target>
{
    public const string Name = "Target";

    public override string EntityType => Name;

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(Target.IndicatorId), nameof(Target.Year), nameof(Target.Quarter)];

    public override IReadOnlyCollection<string> ValueFields { get; } = [nameof(Target.Value)];

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    // An annual target belongs to no quarter, so the log's quarter filter does not find it under one.
    public override AuditSubject Subject(Target entity) =>
        new(AuditKeys.IndicatorPeriod(entity.IndicatorId, entity.Year, entity.Quarter), entity.IndicatorId, entity.Year,
            entity.Quarter == Target.Annual ? null : entity.Quarter);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeys.ReadIndicatorPeriodText(key, words);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(Target.Quarter) && Whole(value) is { } quarter ? words.Quarter((int)Math.Clamp(quarter, 0, 4)) : null;
}
