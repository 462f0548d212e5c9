using System.Globalization;
using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How a figure is audited: keyed by its cell, stamped with who created and last changed it, its status in words.</summary>
public sealed class ObservationAudit : AuditDeclaration<Observation>
{
    public const string Name = "Observation";

    public override string EntityType => Name;

    public override IReadOnlyCollection<string> KeyFields { get; } =
        [nameof(Observation.IndicatorId), nameof(Observation.Year), nameof(Observation.Quarter), nameof(Observation.ProvinceCode),
            nameof(Observation.CountryCode), nameof(Observation.Sex)];

    public override IReadOnlyCollection<string> ValueFields { get; } =
        [nameof(Observation.Value), nameof(Observation.Numerator), nameof(Observation.Denominator), nameof(Observation.Source), nameof(Observation.Note)];

    public override AuditVersioning Versioning => AuditVersioning.CountsUpdates;

    /// <summary>"ind=3;2026-Q3;prov=35;country=;sex=P".</summary>
    public static string Key(int indicatorId, int year, int quarter, string province, string country, string sex) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditKeys.IndicatorPeriod(indicatorId, year, quarter)};prov={province};country={country};sex={sex}");

    public static string Key(Observation o) => Key(o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex);

    public override AuditSubject Subject(Observation entity) => new(Key(entity), entity.IndicatorId, entity.Year, entity.Quarter);

    // Besides the last change (IUpdateStamped), a figure records who created it.
    public override void Stamp(Observation entity, AuditChangeKind change, DateTime now, string userName)
    {
        if (change == AuditChangeKind.Added)
        {
            entity.CreatedAt = now;
            entity.CreatedBy = userName;
        }
        base.Stamp(entity, change, now, userName);
    }

    /// <summary>"P1-PMI-TRAINED", "TW III 2026 · Jawa Timur · Perempuan".</summary>
    public override AuditKeyText ReadKey(string key, IAuditWords words)
    {
        var parts = key.Split(';');
        if (parts.Length != 5 || AuditKeys.ReadIndicatorPeriod(parts[0] + ";" + parts[1]) is not { } cell
            || !parts[2].StartsWith("prov=", StringComparison.Ordinal) || !parts[3].StartsWith("country=", StringComparison.Ordinal)
            || !parts[4].StartsWith("sex=", StringComparison.Ordinal))
        {
            return AuditKeyText.Plain(key);
        }
        var text = new List<string> { words.Period(cell.Year, cell.Quarter) };
        if (parts[2]["prov=".Length..] is { Length: > 0 } province)
        {
            text.Add(words.Province(province));
        }
        if (parts[3]["country=".Length..] is { Length: > 0 } country)
        {
            text.Add(words.Country(country));
        }
        if (parts[4]["sex=".Length..] is { Length: > 0 } sex)
        {
            text.Add(words.Sex(sex));
        }
        return new AuditKeyText(words.IndicatorCode(cell.IndicatorId), text);
    }

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(Observation.Status) ? EnumLabel<ObservationStatus>(value, "Submission.", words) : null;
}
