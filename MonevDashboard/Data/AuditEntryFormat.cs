using MonevDashboard.Data.Model;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using MonevDashboard.Domain.Contracts;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Data;

/// <summary>
/// The shape of an audit entry — which properties are recorded, the old/new JSON, the action name — and the one
/// builder of the entry of a changed record (<see cref="Build"/>), used by <see cref="AuditSaveChangesInterceptor"/>
/// (every EF save) and by <see cref="AuditedProperties{T}"/> (the bulk writers that bypass EF for speed), so the log
/// reads the same whichever path wrote a record. What differs per record type is its <see cref="IAuditDeclaration"/>.
/// </summary>
public static class AuditEntryFormat
{
    /// <summary>Stamps and concurrency tokens are not changes anyone made; they are left out of old → new.</summary>
    // Stamps are in the entry itself; secrets and counters of Identity never go into the log; a setting's file bytes are
    // logged as its description (type, size, SHA-256 in AppSetting.Value), not as half a megabyte of base64.
    private static readonly HashSet<string> s_ignored =
    [
        "Version", "UpdatedAt", "UpdatedBy", "CreatedAt", "CreatedBy", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
        "NormalizedEmail", "NormalizedUserName", "AccessFailedCount", "LockoutEnd", "BinaryContent",
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

    /// <summary>The field an entry lists the records under that moved with it in one workflow step (see <see cref="MonevDbContext.AuditOneEntryFor"/>).</summary>
    public const string MovedField = "Moved";

    /// <summary>
    /// An update that moves a status (or a period's state) and changes none of the record's figures is a status
    /// change; one that changes a figure is an update, whatever moved with it.
    /// </summary>
    public static string UpdateAction(IAuditDeclaration declaration, IReadOnlyCollection<string> changedProperties) =>
        changedProperties.Any(p => p is "Status" or "State") && !changedProperties.Any(declaration.ValueFields.Contains) ? StatusChange : Update;

    /// <summary>
    /// The entry of one saved record: its declared subject, the action, old → new of the changed audited properties
    /// (all of them for a created or deleted record). Null for an update that changed nothing audited.
    /// </summary>
    public static AuditEntry? Build(IAuditDeclaration declaration, AuditChangeKind change, object entity,
        IReadOnlyList<(string Name, object? Old, object? New)> changed)
    {
        if (change == AuditChangeKind.Modified && changed.Count == 0)
        {
            return null;
        }
        var subject = declaration.SubjectOf(entity);
        return new AuditEntry
        {
            Action = change switch
            {
                AuditChangeKind.Added => Create,
                AuditChangeKind.Deleted => Delete,
                _ => UpdateAction(declaration, [.. changed.Select(c => c.Name)]),
            },
            EntityType = declaration.EntityType,
            EntityKey = subject.Key,
            IndicatorId = subject.IndicatorId,
            Year = subject.Year,
            Quarter = subject.Quarter,
            OldValues = change == AuditChangeKind.Added ? null : Serialize(changed.Select(c => (c.Name, c.Old))),
            NewValues = change == AuditChangeKind.Deleted ? null : Serialize(changed.Select(c => (c.Name, c.New))),
        };
    }
}
