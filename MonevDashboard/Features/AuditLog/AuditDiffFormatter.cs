using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Domain.Contracts;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.AuditLog;

/// <summary>
/// Turns a stored audit entry (entity key and old/new JSON as <see cref="AuditEntryFormat"/> wrote them) into what a
/// person reads: "P1-PMI-TRAINED · TW III 2026 · Jawa Timur · Perempuan" and "Nilai: 120 → 125", "Status: Draf →
/// Disampaikan". What a record's key and values mean is its <see cref="IAuditDeclaration"/>'s to say; this class
/// lends it the words (labels, reference names, id-ID numbers and WIB times) and writes everything else in the
/// ordinary way. Pure: the names come in, so it is tested without a database.
/// </summary>
public sealed partial class AuditDiffFormatter(IStringLocalizer<SharedResource> localizer, AuditReferenceNames names, AuditDeclarations declarations)
    : IAuditWords
{
    /// <summary>How many of the records a workflow step moved are named in its entry; the rest are counted.</summary>
    public const int MovedNamed = 12;

    public AuditDiffFormatter(IStringLocalizer<SharedResource> localizer, AuditReferenceNames names)
        : this(localizer, names, AuditDeclarations.Default)
    {
    }

    private bool English => CultureSetup.IsEnglish;

    public AuditRow ToRow(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = Key(entry.EntityType, entry.EntityKey);
        return new AuditRow(entry.Id, entry.At, entry.UserName, entry.Action, ActionLabel(entry),
            entry.EntityType, Label("AuditLog.Entity." + entry.EntityType, entry.EntityType), entry.EntityKey,
            key.IndicatorCode ?? (entry.IndicatorId is { } id ? names.IndicatorCodes.GetValueOrDefault(id) : null), key.Parts,
            Changes(entry.EntityType, entry.OldValues, entry.NewValues), entry.Reason, entry.ImportBatchId);
    }

    /// <summary>
    /// What the entry did, in words. An update that changed one of the record's figures (its declared value fields)
    /// reads "Nilai diubah", so it is never mistaken for a move of status ("Status diubah") or an edit of its notes.
    /// </summary>
    public string ActionLabel(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Action == AuditEntryFormat.Update && declarations.Named(entry.EntityType) is { ValueFields.Count: > 0 } declaration
            && Parse(entry.NewValues) is { } after && after.Keys.Any(declaration.ValueFields.Contains))
        {
            return Label("AuditLog.Action.ValueChange", entry.Action);
        }
        return Label("AuditLog.Action." + entry.Action, entry.Action);
    }

    /// <summary>The changed fields: for an update both sides; for a create or delete the non-empty values that are not part of the key.</summary>
    public IReadOnlyList<AuditChange> Changes(string entityType, string? oldJson, string? newJson)
    {
        var declaration = declarations.Named(entityType);
        var before = Parse(oldJson);
        var after = Parse(newJson);
        var oneSided = before is null || after is null;
        var fields = (before?.Keys ?? Enumerable.Empty<string>()).Concat(after?.Keys ?? Enumerable.Empty<string>()).Distinct().ToList();
        var changes = new List<AuditChange>();
        foreach (var field in fields)
        {
            if (field == AuditEntryFormat.MovedField && after is not null)
            {
                changes.AddRange(Moved(after[field]));
                continue;
            }
            var old = before is not null && before.TryGetValue(field, out var o) ? Value(declaration, field, o) : null;
            var @new = after is not null && after.TryGetValue(field, out var n) ? Value(declaration, field, n) : null;
            if (oneSided && (declaration?.KeyFields.Contains(field) == true || (old ?? @new) is null))
            {
                continue;
            }
            changes.Add(new AuditChange(FieldLabel(entityType, field), before is null ? null : old ?? "–", after is null ? null : @new ?? "–"));
        }
        return changes;
    }

    /// <summary>The indicator code a key names (if any) and the rest of the key as readable parts.</summary>
    public AuditKeyText Key(string entityType, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return declarations.Named(entityType)?.ReadKey(key, this) ?? AuditKeyText.Plain(key);
    }

    /// <summary>The label of a field: its record's own ("AuditLog.Field.Target.Value"), else the shared one.</summary>
    public string FieldLabel(string entityType, string field) =>
        localizer["AuditLog.Field." + entityType + "." + field] is { ResourceNotFound: false } specific
            ? specific.Value
            : Label("AuditLog.Field." + field, field);

    /// <summary>"Angka yang ikut berpindah (400): P1-… · TW III 2026 · Jawa Timur · Perempuan; … dan 388 lainnya".</summary>
    private IEnumerable<AuditChange> Moved(JsonElement moved)
    {
        if (moved.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var group in moved.EnumerateObject().Where(g => g.Value.ValueKind == JsonValueKind.Array))
        {
            var keys = group.Value.EnumerateArray().Select(k => k.GetString() ?? "").ToList();
            var named = keys.Take(MovedNamed).Select(k => Key(group.Name, k)).Select(k => string.Join(" · ", k.IndicatorCode is null ? k.Parts : [k.IndicatorCode, .. k.Parts]));
            var text = string.Join("; ", named) + (keys.Count > MovedNamed ? " " + localizer["AuditLog.MovedMore", FigureFormatter.Number(keys.Count - MovedNamed)] : "");
            yield return new AuditChange(localizer["AuditLog.Moved", Label("AuditLog.Entity." + group.Name, group.Name), FigureFormatter.Number(keys.Count)], null, text);
        }
    }

    /// <summary>A JSON value as a person reads it, knowing which field it is; null for JSON null or an empty text.</summary>
    private string? Value(IAuditDeclaration? declaration, string field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return localizer["AuditLog.Yes"];
            case JsonValueKind.False:
                return localizer["AuditLog.No"];
        }
        if (declaration?.ReadValue(field, value, this) is { } declared)
        {
            return declared;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var whole) && WholeNumber(field, whole) is { } reference:
                return reference;
            case JsonValueKind.Number:
                return Number(value.GetDouble());
            case JsonValueKind.String:
                var text = value.GetString();
                return string.IsNullOrEmpty(text) ? null : Text(field, text);
            default:
                return value.GetRawText();
        }
    }

    /// <summary>The whole numbers every record means the same way: references and years.</summary>
    private string? WholeNumber(string field, long value) => field switch
    {
        "IndicatorId" => IndicatorCode((int)value),
        "Year" or "BaselineYear" => value.ToString(CultureInfo.InvariantCulture),
        "ImportBatchId" => "#" + value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private string Text(string field, string text) => field switch
    {
        "ProvinceCode" => $"{Province(text)} ({text})",
        "CountryCode" => $"{Country(text)} ({text})",
        "Sex" => Sex(text),
        _ when TimestampPattern().IsMatch(text) && DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) => FigureFormatter.DateTimeWib(at),
        _ when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => FigureFormatter.Date(day),
        _ => text,
    };

    public string Label(string key, string fallback) =>
        localizer[key] is { ResourceNotFound: false } text ? text.Value : fallback;

    public string IndicatorCode(int id) => names.IndicatorCodes.GetValueOrDefault(id, "#" + id.ToString(CultureInfo.InvariantCulture));

    public string Province(string code) => names.Provinces.GetValueOrDefault(code, code);

    public string Sex(string code) => Vocabulary.SexName(code, English);

    public string Country(string code) =>
        names.Countries.TryGetValue(code, out var name) ? (English ? name.NameEn : name.NameId) : code;

    public string Quarter(int quarter) =>
        quarter == 0 ? localizer["Targets.Annual"] : YearQuarter.ShortNameOf(Math.Clamp(quarter, 1, 4), System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en");

    public string Period(int year, int quarter) =>
        quarter == 0 ? $"{year.ToString(CultureInfo.InvariantCulture)} {localizer["Targets.Annual"]}" : $"{Quarter(quarter)} {year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>id-ID with up to six decimals, so a change in the third decimal is not hidden by rounding.</summary>
    public string Number(double value) => value.ToString("#,##0.######", FigureFormatter.Culture);

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

    // How System.Text.Json writes a DateTime: "2026-11-28T03:00:00Z" (with optional fraction).
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex TimestampPattern();
}
