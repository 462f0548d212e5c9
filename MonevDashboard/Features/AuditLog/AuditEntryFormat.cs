using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Observations;

namespace MonevDashboard.Features.AuditLog;

/// <summary>
/// The shape of an audit entry — which properties are recorded, the entity keys, the old/new JSON and the action
/// name — shared by <see cref="AuditSaveChangesInterceptor"/> (every EF save) and the bulk writers that bypass EF
/// for speed (the Excel import), so the audit log reads the same whichever path wrote a figure.
/// </summary>
public static class AuditEntryFormat
{
    /// <summary>Stamps and concurrency tokens are not changes anyone made; they are left out of old → new.</summary>
    // Stamps are in the entry itself; secrets and counters of Identity never go into the log.
    private static readonly HashSet<string> s_ignored =
    [
        "Version", "UpdatedAt", "UpdatedBy", "CreatedAt", "CreatedBy", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
        "NormalizedEmail", "NormalizedUserName", "AccessFailedCount", "LockoutEnd",
    ];

    public static bool IsAudited(IReadOnlyProperty property) => !property.IsPrimaryKey() && !s_ignored.Contains(property.Name);

    /// <summary>
    /// {"Name": value, …} in the given order, as System.Text.Json writes it (enums as numbers). JSON has no Infinity
    /// or NaN: such a double (a ratio that overflowed — refused at entry and import, this is the last line) is
    /// written as null instead of failing the whole save.
    /// </summary>
    public static string Serialize(IEnumerable<(string Name, object? Value)> values) =>
        JsonSerializer.Serialize(values.ToDictionary(v => v.Name, v => Finite(v.Value)));

    private static object? Finite(object? value) => value switch
    {
        double d when !double.IsFinite(d) => null,
        float f when !float.IsFinite(f) => null,
        _ => value,
    };

    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string StatusChange = "StatusChange";
    public const string Import = "Import";
    public const string Rollback = "Rollback";

    /// <summary>An update that changes a status (or a period's state) is recorded as a status change.</summary>
    public static string UpdateAction(IEnumerable<string> changedProperties) =>
        changedProperties.Any(p => p is "Status" or "State") ? StatusChange : Update;

    public static string ObservationKey(Observation o) => ObservationKey(o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex);

    public static string ObservationKey(int indicatorId, int year, int quarter, string province, string country, string sex) =>
        string.Create(CultureInfo.InvariantCulture, $"ind={indicatorId};{year}-Q{quarter};prov={province};country={country};sex={sex}");

    public static string TargetKey(int indicatorId, int year, int quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"ind={indicatorId};{year}-Q{quarter}");
}

/// <summary>
/// The audited properties of one entity type, read from the EF model (same names and order as the interceptor
/// records) with compiled getters, to describe thousands of changes without a change tracker.
/// </summary>
public sealed class AuditedProperties<T> where T : class
{
    private readonly (string Name, Func<T, object?> Get)[] _properties;

    public AuditedProperties(IModel model)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _properties = [.. entityType.GetProperties().Where(AuditEntryFormat.IsAudited).Select(p => (p.Name, Getter(p)))];
    }

    /// <summary>The JSON of every audited property (a created or deleted entity).</summary>
    public string All(T entity) => AuditEntryFormat.Serialize(_properties.Select(p => (p.Name, p.Get(entity))));

    /// <summary>Old and new JSON of the properties that differ, and the action; null when nothing differs.</summary>
    public (string Action, string OldValues, string NewValues)? Changes(T before, T after)
    {
        var changed = _properties.Where(p => !Equals(p.Get(before), p.Get(after))).ToList();
        if (changed.Count == 0)
        {
            return null;
        }
        return (AuditEntryFormat.UpdateAction(changed.Select(p => p.Name)),
            AuditEntryFormat.Serialize(changed.Select(p => (p.Name, p.Get(before)))),
            AuditEntryFormat.Serialize(changed.Select(p => (p.Name, p.Get(after)))));
    }

    private static Func<T, object?> Getter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is not a CLR property.");
        var entity = Expression.Parameter(typeof(T));
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(entity, info), typeof(object)), entity).Compile();
    }
}
