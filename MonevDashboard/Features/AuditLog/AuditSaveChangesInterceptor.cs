using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Observations;

namespace MonevDashboard.Features.AuditLog;

/// <summary>
/// The one mechanism that records every write: at save time it stamps who/when, bumps concurrency versions and
/// adds an <see cref="AuditEntry"/> (old → new of the changed properties) for each audited entity, in the same
/// transaction as the change itself.
/// </summary>
public sealed class AuditSaveChangesInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
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
        foreach (var entry in entries)
        {
            StampVersion(entry);
            // Seeded records keep the dates and names the seeder gave them.
            if (!db.SuppressAudit || !HasStamp(entry.Entity))
            {
                StampFields(entry, now, user);
            }
            if (db.SuppressAudit || entry.Entity is AuditEntry)
            {
                continue;
            }
            var audit = Describe(entry);
            if (audit is null)
            {
                continue;
            }
            audit.At = now;
            audit.UserName = user;
            audit.Reason = db.AuditReason;
            audit.ImportBatchId = db.AuditImportBatchId;
            db.AuditEntries.Add(audit);
        }
    }

    private static bool HasStamp(object entity) => entity switch
    {
        Observation o => o.UpdatedAt != default,
        Target t => t.UpdatedAt != default,
        Narrative n => n.UpdatedAt != default,
        _ => false,
    };

    /// <summary>
    /// The concurrency tokens of the records officials edit in forms: a new record starts at version 1 (so 0 means
    /// "there was none when the form was loaded"), every update adds one. Seeded records get them too.
    /// </summary>
    private static void StampVersion(EntityEntry entry)
    {
        if (entry.Entity is not (Indicator or Target or AppSetting or ReviewMeeting or Narrative))
        {
            return;
        }
        var version = entry.Property(nameof(Target.Version));
        if (entry.State == EntityState.Added && (int)version.CurrentValue! == 0)
        {
            version.CurrentValue = 1;
        }
        else if (entry.State == EntityState.Modified)
        {
            version.CurrentValue = (int)version.CurrentValue! + 1;
        }
    }

    private static void StampFields(EntityEntry entry, DateTime now, string user)
    {
        switch (entry.Entity)
        {
            case Observation o:
                if (entry.State == EntityState.Added)
                {
                    o.CreatedAt = now;
                    o.CreatedBy = user;
                }
                if (entry.State != EntityState.Deleted)
                {
                    o.UpdatedAt = now;
                    o.UpdatedBy = user;
                }
                if (entry.State == EntityState.Modified)
                {
                    o.Version++;
                }
                break;
            case Target t when entry.State != EntityState.Deleted:
                t.UpdatedAt = now;
                t.UpdatedBy = user;
                break;
            case Narrative n when entry.State != EntityState.Deleted:
                n.UpdatedAt = now;
                n.UpdatedBy = user;
                break;
            case Submission s when entry.State == EntityState.Modified:
                s.Version++;
                break;
            case ActionItem a when entry.State == EntityState.Modified:
                a.Version++;
                break;
        }
    }

    private static AuditEntry? Describe(EntityEntry entry)
    {
        var (type, key, indicatorId, year, quarter) = entry.Entity switch
        {
            Observation o => ("Observation", ObservationKey(o), (int?)o.IndicatorId, (int?)o.Year, (int?)o.Quarter),
            Target t => ("Target", AuditEntryFormat.TargetKey(t.IndicatorId, t.Year, t.Quarter), t.IndicatorId, t.Year, t.Quarter == 0 ? null : t.Quarter),
            Indicator i => ("Indicator", i.Code, i.Id == 0 ? null : i.Id, null, null),
            ReportingPeriod p => ("Period", string.Create(CultureInfo.InvariantCulture, $"{p.Year}-Q{p.Quarter}"), null, p.Year, p.Quarter),
            Submission s => ("Submission", string.Create(CultureInfo.InvariantCulture, $"{s.Ministry};{s.Year}-Q{s.Quarter}"), null, s.Year, s.Quarter),
            AppSetting s => ("Setting", s.Key, null, null, null),
            Narrative n => ("Narrative", string.Create(CultureInfo.InvariantCulture, $"ind={n.IndicatorId};{n.Year}-Q{n.Quarter}"), n.IndicatorId, n.Year, n.Quarter),
            ReviewMeeting m => ("ReviewMeeting", string.Create(CultureInfo.InvariantCulture, $"{m.Year}-Q{m.Quarter}"), null, m.Year, m.Quarter),
            ActionItem a => ("ActionItem", a.Id.ToString(CultureInfo.InvariantCulture), a.IndicatorId, null, null),
            MonevUser u => ("User", u.UserName ?? u.Id, null, null, null),
            IdentityUserRole<string> r => ("UserRole", $"{r.UserId}:{r.RoleId}", null, null, null),
            _ => default,
        };
        if (type is null)
        {
            return null;
        }
        var changed = entry.Properties
            .Where(p => AuditEntryFormat.IsAudited(p.Metadata))
            .Where(p => entry.State != EntityState.Modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .ToList();
        if (entry.State == EntityState.Modified && changed.Count == 0)
        {
            return null;
        }
        string? Serialize(Func<PropertyEntry, object?> pick) =>
            AuditEntryFormat.Serialize(changed.Select(p => (p.Metadata.Name, pick(p))));
        return new AuditEntry
        {
            Action = entry.State switch
            {
                EntityState.Added => AuditEntryFormat.Create,
                EntityState.Deleted => AuditEntryFormat.Delete,
                _ => AuditEntryFormat.UpdateAction(changed.Select(p => p.Metadata.Name)),
            },
            EntityType = type,
            EntityKey = key,
            IndicatorId = indicatorId,
            Year = year,
            Quarter = quarter,
            OldValues = entry.State == EntityState.Added ? null : Serialize(p => p.OriginalValue),
            NewValues = entry.State == EntityState.Deleted ? null : Serialize(p => p.CurrentValue),
        };
    }

    public static string ObservationKey(Observation o) => AuditEntryFormat.ObservationKey(o);
}
