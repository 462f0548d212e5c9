using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MonevDashboard.Domain.Contracts;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;

namespace MonevDashboard.Data;

/// <summary>
/// The one mechanism that records every EF write: at save time it stamps who/when, bumps concurrency versions and
/// adds an <see cref="AuditEntry"/> (old → new of the changed properties, <see cref="AuditEntryFormat.Build"/>) for
/// each record whose class has an <see cref="IAuditDeclaration"/>, in the same transaction as the change itself.
/// </summary>
public sealed class AuditSaveChangesInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private readonly AuditDeclarations _declarations = AuditDeclarations.Default;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MonevDbContext db)
        {
            Stamp(db);
        }
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MonevDbContext db)
        {
            Stamp(db);
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(MonevDbContext db)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = currentUser.UserName;
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var audits = new List<(object Entity, AuditEntry Audit)>();
        foreach (var entry in entries)
        {
            if (_declarations.For(entry.Metadata.ClrType) is not { } declaration)
            {
                continue;
            }
            var change = entry.State switch
            {
                EntityState.Added => AuditChangeKind.Added,
                EntityState.Deleted => AuditChangeKind.Deleted,
                _ => AuditChangeKind.Modified,
            };
            StampVersion(entry, declaration.Versioning);
            // Seeded records keep the dates and names the seeder gave them.
            if (!db.SuppressAudit || !declaration.IsStamped(entry.Entity))
            {
                declaration.Stamp(entry.Entity, change, now, user);
            }
            if (db.SuppressAudit)
            {
                continue;
            }
            var changed = entry.Properties
                .Where(p => AuditEntryFormat.IsAudited(p.Metadata))
                .Where(p => change != AuditChangeKind.Modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                .Select(p => (p.Metadata.Name, p.OriginalValue, p.CurrentValue))
                .ToList();
            if (AuditEntryFormat.Build(declaration, change, entry.Entity, changed) is { } audit)
            {
                audits.Add((entry.Entity, audit));
            }
        }
        foreach (var audit in OneEntryPerStep(db.AuditOneEntryFor, audits))
        {
            audit.At = now;
            audit.UserName = user;
            audit.Reason = db.AuditReason;
            audit.ImportBatchId = db.AuditImportBatchId;
            db.AuditEntries.Add(audit);
        }
    }

    /// <summary>
    /// When the save is one workflow step on one record (a report submitted, verified, returned), the records that
    /// only moved status with it are listed in that record's entry — one entry for the step, not one per figure.
    /// </summary>
    private static IEnumerable<AuditEntry> OneEntryPerStep(object? step, List<(object Entity, AuditEntry Audit)> audits)
    {
        var main = step is null ? null : audits.FirstOrDefault(a => ReferenceEquals(a.Entity, step)).Audit;
        if (main is null)
        {
            return audits.Select(a => a.Audit);
        }
        var moved = audits.Where(a => a.Audit != main && a.Audit.Action == AuditEntryFormat.StatusChange).Select(a => a.Audit).ToList();
        if (moved.Count > 0)
        {
            var values = System.Text.Json.Nodes.JsonNode.Parse(main.NewValues ?? "{}")!.AsObject();
            values[AuditEntryFormat.MovedField] = System.Text.Json.JsonSerializer.SerializeToNode(
                moved.GroupBy(m => m.EntityType).ToDictionary(g => g.Key, g => g.Select(m => m.EntityKey).ToList()));
            main.NewValues = values.ToJsonString();
        }
        return audits.Select(a => a.Audit).Except(moved);
    }

    /// <summary>The concurrency tokens of records people edit in forms (see <see cref="AuditVersioning"/>). Seeded records get them too.</summary>
    private static void StampVersion(EntityEntry entry, AuditVersioning versioning)
    {
        if (versioning == AuditVersioning.None)
        {
            return;
        }
        var version = entry.Property("Version");
        if (entry.State == EntityState.Added && versioning == AuditVersioning.StartsAtOne && (int)version.CurrentValue! == 0)
        {
            version.CurrentValue = 1;
        }
        else if (entry.State == EntityState.Modified)
        {
            version.CurrentValue = (int)version.CurrentValue! + 1;
        }
    }
}
