using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Localization;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.AuditLog;

/// <summary>The names audit keys and values refer to by code: indicator ids, provinces, countries.</summary>
public sealed record AuditReferenceNames(
    IReadOnlyDictionary<int, string> IndicatorCodes,
    IReadOnlyDictionary<string, string> Provinces,
    IReadOnlyDictionary<string, (string NameId, string NameEn)> Countries)
{
    public static AuditReferenceNames Empty { get; } = new(new Dictionary<int, string>(), new Dictionary<string, string>(), new Dictionary<string, (string, string)>());
}

/// <summary>
/// Turns a stored audit entry (entity key and old/new JSON as the save interceptor wrote them) into what a person
/// reads: "P1-PMI-TRAINED · TW III 2026 · Jawa Timur · Perempuan" and "Nilai: 120 → 125", "Status: Draf → Disampaikan".
/// Codes become names, enums become their Indonesian labels, numbers and dates are written in id-ID/WIB. Pure: the
/// names come in, so it is tested without a database.
/// </summary>
public sealed partial class AuditDiffFormatter(IStringLocalizer<SharedResource> localizer, AuditReferenceNames names)
{
    /// <summary>Fields that are the entity's key: already in the key column, so a created or deleted row leaves them out.</summary>
    private static bool IsKeyField(string entityType, string field) => (entityType, field) switch
    {
        ("Observation", "IndicatorId" or "Year" or "Quarter" or "ProvinceCode" or "CountryCode" or "Sex") => true,
        ("Target" or "Narrative", "IndicatorId" or "Year" or "Quarter") => true,
        ("Submission", "Ministry" or "Year" or "Quarter") => true,
        ("Period" or "ReviewMeeting", "Year" or "Quarter") => true,
        ("Setting", "Key") => true,
        ("ActionItem", "ReviewMeetingId") => true,
        _ => false,
    };

    private bool English => CultureSetup.IsEnglish;

    public AuditRow ToRow(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (code, parts) = Key(entry.EntityType, entry.EntityKey);
        return new AuditRow(entry.Id, entry.At, entry.UserName, entry.Action, Label("AuditLog.Action." + entry.Action, entry.Action),
            entry.EntityType, Label("AuditLog.Entity." + entry.EntityType, entry.EntityType), entry.EntityKey,
            code ?? (entry.IndicatorId is { } id ? names.IndicatorCodes.GetValueOrDefault(id) : null), parts,
            Changes(entry.EntityType, entry.OldValues, entry.NewValues), entry.Reason, entry.ImportBatchId);
    }

    /// <summary>The changed fields: for an update both sides; for a create or delete the non-empty values that are not part of the key.</summary>
    public IReadOnlyList<AuditChange> Changes(string entityType, string? oldJson, string? newJson)
    {
        var before = Parse(oldJson);
        var after = Parse(newJson);
        var oneSided = before is null || after is null;
        var fields = (before?.Keys ?? Enumerable.Empty<string>()).Concat(after?.Keys ?? Enumerable.Empty<string>()).Distinct().ToList();
        var changes = new List<AuditChange>();
        foreach (var field in fields)
        {
            var old = before is not null && before.TryGetValue(field, out var o) ? Value(entityType, field, o) : null;
            var @new = after is not null && after.TryGetValue(field, out var n) ? Value(entityType, field, n) : null;
            if (oneSided && (IsKeyField(entityType, field) || (old ?? @new) is null))
            {
                continue;
            }
            changes.Add(new AuditChange(FieldLabel(entityType, field), before is null ? null : old ?? "–", after is null ? null : @new ?? "–"));
        }
        return changes;
    }

    /// <summary>The indicator code a key names (if any) and the rest of the key as readable parts.</summary>
    public (string? IndicatorCode, IReadOnlyList<string> Parts) Key(string entityType, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ObservationKeyPattern().Match(key) is { Success: true } o)
        {
            var parts = new List<string> { Period(o.Groups["year"].Value, o.Groups["q"].Value) };
            if (o.Groups["prov"].Value is { Length: > 0 } province)
            {
                parts.Add(names.Provinces.GetValueOrDefault(province, province));
            }
            if (o.Groups["country"].Value is { Length: > 0 } country)
            {
                parts.Add(CountryName(country));
            }
            if (o.Groups["sex"].Value is { Length: > 0 } sex)
            {
                parts.Add(Label("AuditLog.Sex." + sex, sex));
            }
            return (IndicatorCode(o.Groups["ind"].Value), parts);
        }
        if (IndicatorPeriodKeyPattern().Match(key) is { Success: true } t)
        {
            return (IndicatorCode(t.Groups["ind"].Value), [Period(t.Groups["year"].Value, t.Groups["q"].Value)]);
        }
        if (MinistryPeriodKeyPattern().Match(key) is { Success: true } s)
        {
            return (null, [Label("Owner." + s.Groups["ministry"].Value, s.Groups["ministry"].Value), Period(s.Groups["year"].Value, s.Groups["q"].Value)]);
        }
        if (PeriodKeyPattern().Match(key) is { Success: true } p)
        {
            return (null, [Period(p.Groups["year"].Value, p.Groups["q"].Value)]);
        }
        return entityType switch
        {
            "Indicator" => (key, []),
            "Setting" => (null, [Label("AuditLog.Setting." + key, key)]),
            "ActionItem" => (null, ["#" + key]),
            _ => (null, [key]),
        };
    }

    private string Period(string year, string quarter) =>
        quarter == "0" ? $"{year} {localizer["Targets.Annual"]}" : $"TW {new YearQuarter(2000, int.Parse(quarter, CultureInfo.InvariantCulture)).Roman} {year}";

    private string? IndicatorCode(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? names.IndicatorCodes.GetValueOrDefault(value, "#" + id)
            : null;

    private string CountryName(string code) =>
        names.Countries.TryGetValue(code, out var name) ? (English ? name.NameEn : name.NameId) : code;

    private string FieldLabel(string entityType, string field) =>
        localizer["AuditLog.Field." + entityType + "." + field] is { ResourceNotFound: false } specific
            ? specific.Value
            : Label("AuditLog.Field." + field, field);

    /// <summary>A JSON value as a person reads it, knowing which field it is; null for JSON null or an empty text.</summary>
    private string? Value(string entityType, string field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return localizer["AuditLog.Yes"];
            case JsonValueKind.False:
                return localizer["AuditLog.No"];
            case JsonValueKind.Number when value.TryGetInt64(out var whole) && EnumLabel(entityType, field, whole) is { } label:
                return label;
            case JsonValueKind.Number:
                return Number(value.GetDouble());
            case JsonValueKind.String:
                var text = value.GetString();
                return string.IsNullOrEmpty(text) ? null : Text(entityType, field, text);
            default:
                return value.GetRawText();
        }
    }

    private string? EnumLabel(string entityType, string field, long value) => (entityType, field) switch
    {
        ("Observation", "Status") => Label("Submission." + (ObservationStatus)value, value),
        ("Submission", "Status") => Label("Submission." + (SubmissionStatus)value, value),
        ("ActionItem", "Status") => Label("ActionStatus." + (ActionItemStatus)value, value),
        ("Period", "State") => Label("Periods." + (PeriodState)value, value),
        (_, "Owner" or "Ministry") => Label("Owner." + (Ministry)value, value),
        (_, "Direction") => Label("IndicatorAdmin.Direction." + (Direction)value, value),
        (_, "Aggregation") => Label("IndicatorAdmin.Aggregation." + (TimeAggregation)value, value),
        (_, "Disaggregations") => Disaggregations((Disaggregation)value),
        (_, "IndicatorId") => names.IndicatorCodes.GetValueOrDefault((int)value, "#" + value.ToString(CultureInfo.InvariantCulture)),
        ("Target", "Quarter") => value == 0 ? localizer["Targets.Annual"] : $"TW {new YearQuarter(2000, (int)Math.Clamp(value, 1, 4)).Roman}",
        (_, "Year" or "BaselineYear") => value.ToString(CultureInfo.InvariantCulture),
        (_, "ImportBatchId") => "#" + value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private string Disaggregations(Disaggregation value) =>
        value == Disaggregation.None
            ? localizer["AuditLog.NoDisaggregation"]
            : string.Join(", ", new[] { Disaggregation.Sex, Disaggregation.Province, Disaggregation.Country }
                .Where(d => value.HasFlag(d)).Select(d => localizer["IndicatorAdmin.By." + d].Value));

    private string Text(string entityType, string field, string text) => (entityType, field) switch
    {
        (_, "ProvinceCode") => $"{names.Provinces.GetValueOrDefault(text, text)} ({text})",
        (_, "CountryCode") => $"{CountryName(text)} ({text})",
        (_, "Sex") => Label("AuditLog.Sex." + text, text),
        ("File", "Kind") => Label("Download.Kind." + text, text),
        ("Setting", "Value") when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => Number(number),
        _ when TimestampPattern().IsMatch(text) && DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) => FigureFormatter.DateTimeWib(at),
        _ when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => FigureFormatter.Date(day),
        _ => text,
    };

    /// <summary>id-ID with up to six decimals, so a change in the third decimal is not hidden by rounding.</summary>
    private static string Number(double value) => value.ToString("#,##0.######", FigureFormatter.Culture);

    private string Label(string key, object fallback) =>
        localizer[key] is { ResourceNotFound: false } text ? text.Value : Convert.ToString(fallback, CultureInfo.InvariantCulture) ?? "";

    private static Dictionary<string, JsonElement>? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^ind=(?<ind>\d+);(?<year>\d{4})-Q(?<q>[1-4]);prov=(?<prov>[^;]*);country=(?<country>[^;]*);sex=(?<sex>[^;]*)$")]
    private static partial Regex ObservationKeyPattern();

    [GeneratedRegex(@"^ind=(?<ind>\d+);(?<year>\d{4})-Q(?<q>[0-4])$")]
    private static partial Regex IndicatorPeriodKeyPattern();

    [GeneratedRegex(@"^(?<ministry>[A-Za-z0-9]+);(?<year>\d{4})-Q(?<q>[1-4])$")]
    private static partial Regex MinistryPeriodKeyPattern();

    [GeneratedRegex(@"^(?<year>\d{4})-Q(?<q>[1-4])$")]
    private static partial Regex PeriodKeyPattern();

    // How System.Text.Json writes a DateTime: "2026-11-28T03:00:00Z" (with optional fraction).
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex TimestampPattern();
}
