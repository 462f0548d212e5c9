using System.Globalization;
using System.Text.Json;

namespace MonevDashboard.Domain.Contracts;

/// <summary>What happened to a record in one save.</summary>
public enum AuditChangeKind
{
    Added,
    Modified,
    Deleted,
}

/// <summary>How a record's concurrency token <c>Version</c> moves when it is saved.</summary>
public enum AuditVersioning
{
    /// <summary>No token, or one the record's own <see cref="IAuditDeclaration.Stamp"/> moves.</summary>
    None,

    /// <summary>A new record starts at 1 (0 means "there was none when the form was loaded"); every update adds one.</summary>
    StartsAtOne,

    /// <summary>Every update adds one; a new record keeps what it was given.</summary>
    CountsUpdates,
}

/// <summary>Which record an audit entry is about: its key in the log and the indicator and period it belongs to (for the filters).</summary>
public readonly record struct AuditSubject(string Key, int? IndicatorId = null, int? Year = null, int? Quarter = null);

/// <summary>A stored key as a person reads it: the indicator code it names (if any) and the rest as parts.</summary>
public sealed record AuditKeyText(string? IndicatorCode, IReadOnlyList<string> Parts)
{
    public static AuditKeyText Plain(string key) => new(null, [key]);
}

/// <summary>
/// What the audit page lends a declaration to make a key or value readable: resource labels and the names of the
/// reference codes, in the user's language.
/// </summary>
public interface IAuditWords
{
    /// <summary>The resource text of <paramref name="key"/>, or <paramref name="fallback"/> when there is none.</summary>
    string Label(string key, string fallback);

    /// <summary>The code of an indicator id ("#id" for one that no longer exists).</summary>
    string IndicatorCode(int id);

    /// <summary>The name of a sex code ("Perempuan"), in the user's language.</summary>
    string Sex(string code);

    /// <summary>The name of a province code, in the user's language.</summary>
    string Province(string code);

    /// <summary>The name of a country code, in the user's language.</summary>
    string Country(string code);

    /// <summary>"TW III", or "Tahunan" for quarter 0.</summary>
    string Quarter(int quarter);

    /// <summary>"TW III 2026", or "2026 Tahunan" for quarter 0.</summary>
    string Period(int year, int quarter);

    /// <summary>A number in id-ID with up to six decimals, so a change in the third decimal is not hidden.</summary>
    string Number(double value);
}

/// <summary>
/// How one kind of record is audited and how it reads in the log: declared once beside the record (a
/// <c>…Audit</c> class next to the entity), found by the audit mechanism, so neither the save interceptor, the
/// bulk import nor the audit page knows any record type by name.
/// </summary>
public interface IAuditDeclaration
{
    /// <summary>The name stored in the entry ("Observation", "Target" …) and the suffix of its label resource.</summary>
    string EntityType { get; }

    /// <summary>The class every EF save audits; null for entries a feature writes itself as events (a download, an import).</summary>
    Type? EntityClass { get; }

    /// <summary>The fields that make up the key: shown in the key column, so a created or deleted record leaves them out.</summary>
    IReadOnlyCollection<string> KeyFields { get; }

    /// <summary>
    /// The figures the record holds. An update that changes one is a value change even when the status moves with it
    /// (an edit of a verified figure puts it back to Draft: that is a change of the figure, not a workflow step).
    /// </summary>
    IReadOnlyCollection<string> ValueFields { get; }

    /// <summary>The fields entries of this record carry besides the class's properties (hand-written events).</summary>
    IReadOnlyCollection<string> EntryFields { get; }

    /// <summary>The actions of hand-written entries about this record (e.g. "SignIn"), for the filter of the page.</summary>
    IReadOnlyCollection<string> Actions { get; }

    AuditVersioning Versioning { get; }

    AuditSubject SubjectOf(object entity);

    /// <summary>Whether the record already carries a who/when stamp (seeded records keep theirs).</summary>
    bool IsStamped(object entity);

    /// <summary>Writes the record's own who/when stamps for this save.</summary>
    void Stamp(object entity, AuditChangeKind change, DateTime now, string userName);

    AuditKeyText ReadKey(string key, IAuditWords words);

    /// <summary>A stored value as a person reads it; null lets the page write it as the plain number, date or text it is.</summary>
    string? ReadValue(string field, JsonElement value, IAuditWords words);
}

/// <summary>The defaults of a declaration: no stamps, no versioning, the key shown as it is stored.</summary>
public abstract class AuditDeclaration : IAuditDeclaration
{
    public abstract string EntityType { get; }
    public virtual Type? EntityClass => null;
    public virtual IReadOnlyCollection<string> KeyFields => [];
    public virtual IReadOnlyCollection<string> ValueFields => [];
    public virtual IReadOnlyCollection<string> EntryFields => [];
    public virtual IReadOnlyCollection<string> Actions => [];
    public virtual AuditVersioning Versioning => AuditVersioning.None;

    public virtual AuditSubject SubjectOf(object entity) =>
        throw new InvalidOperationException($"{EntityType} entries are written by hand, not from a saved record.");

    public virtual bool IsStamped(object entity) => false;

    public virtual void Stamp(object entity, AuditChangeKind change, DateTime now, string userName)
    {
    }

    public virtual AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeyText.Plain(key);

    public virtual string? ReadValue(string field, JsonElement value, IAuditWords words) => null;

    /// <summary>The whole number a JSON value holds (an enum is stored as its number), if it is one.</summary>
    protected static long? Whole(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole) ? whole : null;

    /// <summary>The label of an enum member stored as its number: resource "{prefix}{Member}".</summary>
    protected static string? EnumLabel<TEnum>(JsonElement value, string prefix, IAuditWords words) where TEnum : struct, Enum =>
        Whole(value) is { } number
            ? words.Label(prefix + Enum.ToObject(typeof(TEnum), number), number.ToString(CultureInfo.InvariantCulture))
            : null;
}

/// <summary>A record stamped with who last changed it and when.</summary>
public interface IUpdateStamped
{
    DateTime UpdatedAt { get; set; }

    string UpdatedBy { get; set; }
}

/// <summary>A declaration of a record class the EF save interceptor audits.</summary>
public abstract class AuditDeclaration<T> : AuditDeclaration where T : class
{
    public sealed override Type EntityClass => typeof(T);

    public abstract AuditSubject Subject(T entity);

    public virtual bool IsStamped(T entity) => entity is IUpdateStamped { UpdatedAt: var at } && at != default;

    /// <summary>An <see cref="IUpdateStamped"/> record is stamped on every save that keeps it.</summary>
    public virtual void Stamp(T entity, AuditChangeKind change, DateTime now, string userName)
    {
        if (entity is IUpdateStamped stamped && change != AuditChangeKind.Deleted)
        {
            stamped.UpdatedAt = now;
            stamped.UpdatedBy = userName;
        }
    }

    public sealed override AuditSubject SubjectOf(object entity) => Subject((T)entity);

    public sealed override bool IsStamped(object entity) => IsStamped((T)entity);

    public sealed override void Stamp(object entity, AuditChangeKind change, DateTime now, string userName) =>
        Stamp((T)entity, change, now, userName);
}

/// <summary>The key formats several records share, written and read in one place.</summary>
public static class AuditKeys
{
    /// <summary>"2026-Q3" (a quarter of the calendar).</summary>
    public static string Period(int year, int quarter) => string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}");

    /// <summary>"ind=3;2026-Q3" (an indicator in a quarter; quarter 0 is the year).</summary>
    public static string IndicatorPeriod(int indicatorId, int year, int quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"ind={indicatorId};{Period(year, quarter)}");

    /// <summary>Year and quarter of "2026-Q3".</summary>
    public static (int Year, int Quarter)? ReadPeriod(string text)
    {
        var q = text.IndexOf("-Q", StringComparison.Ordinal);
        return q > 0 && int.TryParse(text.AsSpan(0, q), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(text.AsSpan(q + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var quarter) && quarter is >= 0 and <= 4
            ? (year, quarter)
            : null;
    }

    /// <summary>Indicator id and period of "ind=3;2026-Q3".</summary>
    public static (int IndicatorId, int Year, int Quarter)? ReadIndicatorPeriod(string text)
    {
        var parts = text.Split(';');
        return parts.Length == 2 && parts[0].StartsWith("ind=", StringComparison.Ordinal)
            && int.TryParse(parts[0].AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && ReadPeriod(parts[1]) is { } period
            ? (id, period.Year, period.Quarter)
            : null;
    }

    /// <summary>Code and period of an indicator-period key as a person reads them: "P1-X", "TW III 2026".</summary>
    public static AuditKeyText ReadIndicatorPeriodText(string key, IAuditWords words) =>
        ReadIndicatorPeriod(key) is { } k ? new AuditKeyText(words.IndicatorCode(k.IndicatorId), [words.Period(k.Year, k.Quarter)]) : AuditKeyText.Plain(key);

    /// <summary>A period key as a person reads it: "TW III 2026".</summary>
    public static AuditKeyText ReadPeriodText(string key, IAuditWords words) =>
        ReadPeriod(key) is { } p ? new AuditKeyText(null, [words.Period(p.Year, p.Quarter)]) : AuditKeyText.Plain(key);
}
