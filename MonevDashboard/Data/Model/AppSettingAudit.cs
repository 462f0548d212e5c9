using System.Globalization;
using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How a setting is audited: keyed by its name (shown as its label), its value a number in id-ID.</summary>
public sealed class AppSettingAudit : AuditDeclaration<AppSetting>
{
    public override string EntityType => "Setting";

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(AppSetting.Key)];

    public override IReadOnlyCollection<string> ValueFields { get; } = [nameof(AppSetting.Value)];

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    public override AuditSubject Subject(AppSetting entity) => new(entity.Key);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => new(null, [words.Label("AuditLog.Setting." + key, key)]);

    // Settings are stored as invariant text; the thresholds are numbers.
    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(AppSetting.Value) && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? words.Number(number)
            : null;
}
