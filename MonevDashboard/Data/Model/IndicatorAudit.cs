using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How an indicator's metadata is audited: keyed by its code, its enums and breakdowns in words.</summary>
public sealed class IndicatorAudit : AuditDeclaration<Indicator>
{
    public override string EntityType => "Indicator";

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    // A new indicator has no id until it is saved; its entry is found by its code.
    public override AuditSubject Subject(Indicator entity) => new(entity.Code, entity.Id == 0 ? null : entity.Id);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => new(key, []);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) => field switch
    {
        nameof(Indicator.Owner) => MinistryLabel(value, words),
        nameof(Indicator.Direction) => EnumLabel<Direction>(value, "IndicatorAdmin.Direction.", words),
        nameof(Indicator.Aggregation) => EnumLabel<TimeAggregation>(value, "IndicatorAdmin.Aggregation.", words),
        nameof(Indicator.Disaggregations) when Whole(value) is { } flags => Breakdowns((Disaggregation)flags, words),
        _ => null,
    };

    /// <summary>A ministry stored as its number, in words ("KP2MI", "Bersama"); shared by the records that name one.</summary>
    public static string? MinistryLabel(JsonElement value, IAuditWords words) => EnumLabel<Ministry>(value, "Owner.", words);

    private static string Breakdowns(Disaggregation value, IAuditWords words) =>
        value == Disaggregation.None
            ? words.Label("AuditLog.NoDisaggregation", "–")
            : string.Join(", ", new[] { Disaggregation.Sex, Disaggregation.Province, Disaggregation.Country }
                .Where(d => value.HasFlag(d)).Select(d => words.Label("IndicatorAdmin.By." + d, d.ToString())));
}
