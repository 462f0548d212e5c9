using MonevDashboard.Data.Model;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using MonevDashboard.Data.Reference;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data;

/// <summary>
/// Every <see cref="IAuditDeclaration"/> of the app, found once in the assembly: a record type becomes audited by
/// declaring it beside itself, and nothing else needs to change.
/// </summary>
public sealed class AuditDeclarations
{
    public static AuditDeclarations Default { get; } = new(
        typeof(AuditDeclarations).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IAuditDeclaration).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => (IAuditDeclaration)Activator.CreateInstance(t)!));

    /// <summary>
    /// The record classes of the model that are deliberately not audited row by row, and why: reference data and
    /// the log itself are not anyone's edits; an import batch writes its own Import and Rollback entries (its
    /// declaration has no class) and its change rows are the rollback's bookkeeping; a snapshot is a frozen copy made
    /// when a quarter is locked (the lock is audited); Identity's roles, claims, logins and tokens are its internals
    /// (accounts and role memberships are audited); a data-protection key is the framework's key ring, written by
    /// ASP.NET Core itself, not a record anyone edits; a notification read mark is one user's own view state (which
    /// notices they have seen), not a change to the programme's records.
    /// </summary>
    public static IReadOnlySet<Type> NotAudited { get; } = new HashSet<Type>
    {
        typeof(Province), typeof(Country), typeof(Pillar), typeof(AuditEntry), typeof(ImportBatch), typeof(ImportBatchChange),
        typeof(ReviewSnapshot), typeof(SnapshotFigure), typeof(IdentityRole), typeof(IdentityRoleClaim<string>),
        typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>), typeof(DataProtectionKey),
        typeof(FigureTotal), typeof(FigureVersion), typeof(NotificationRead),
    };

    private readonly Dictionary<Type, IAuditDeclaration> _byClass;
    private readonly Dictionary<string, IAuditDeclaration> _byName;

    public AuditDeclarations(IEnumerable<IAuditDeclaration> declarations)
    {
        All = [.. declarations.OrderBy(d => d.EntityType, StringComparer.Ordinal)];
        _byClass = All.Where(d => d.EntityClass is not null).ToDictionary(d => d.EntityClass!);
        _byName = All.ToDictionary(d => d.EntityType, StringComparer.Ordinal);
    }

    public IReadOnlyList<IAuditDeclaration> All { get; }

    /// <summary>The declaration of a saved record's class; null for a class that is not audited.</summary>
    public IAuditDeclaration? For(Type entityClass) => _byClass.GetValueOrDefault(entityClass);

    /// <summary>The declaration of a stored entry's entity type; null for a name no record declares (an old entry).</summary>
    public IAuditDeclaration? Named(string entityType) => _byName.GetValueOrDefault(entityType);
}
