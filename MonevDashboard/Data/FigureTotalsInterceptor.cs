using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;

namespace MonevDashboard.Data;

/// <summary>
/// Which saved records change what a figure view shows, and for which reporting year. Every entity type of the model
/// is in exactly one of the three sets (an architecture test holds it), so a new record type has to be placed.
/// </summary>
public static class FigureDependencies
{
    /// <summary>Records of one reporting year: a change invalidates that year's views (their <c>Year</c> property).</summary>
    public static IReadOnlySet<Type> OfTheirYear { get; } = new HashSet<Type>
    {
        typeof(Observation), typeof(Target), typeof(ReportingPeriod), typeof(Submission), typeof(Narrative),
        typeof(ReviewMeeting), typeof(ReviewSnapshot),
    };

    /// <summary>Records every year's views depend on (names, thresholds, reference lists, follow-ups by due date).</summary>
    public static IReadOnlySet<Type> OfAllYears { get; } = new HashSet<Type>
    {
        typeof(Indicator), typeof(Pillar), typeof(AppSetting), typeof(Province), typeof(Country), typeof(ActionItem),
    };

    /// <summary>Records no figure view reads (its snapshot's figures move with the <see cref="ReviewSnapshot"/>).</summary>
    public static IReadOnlySet<Type> Never { get; } = new HashSet<Type>
    {
        typeof(AuditEntry), typeof(ImportBatch), typeof(ImportBatchChange), typeof(SnapshotFigure), typeof(DataProtectionKey),
        typeof(FigureTotal), typeof(FigureVersion), typeof(MonevUser), typeof(IdentityRole), typeof(IdentityRoleClaim<string>),
        typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserRole<string>), typeof(IdentityUserToken<string>),
        typeof(NotificationRead), typeof(IndicatorRule), typeof(RuleExplanation),
    };

    /// <summary>The properties of an observation whose change moves a total (the status: its count by status).</summary>
    public static readonly IReadOnlySet<string> ObservationFigureProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Observation.IndicatorId), nameof(Observation.Year), nameof(Observation.Quarter), nameof(Observation.ProvinceCode),
        nameof(Observation.CountryCode), nameof(Observation.Sex), nameof(Observation.Value), nameof(Observation.Numerator),
        nameof(Observation.Denominator), nameof(Observation.Status),
    };
}

/// <summary>
/// Keeps <see cref="FigureTotal"/> and <see cref="FigureVersion"/> in step with every EF save, in the save's own
/// transaction: the quarters whose observations were added, removed or re-figured are re-summed, and the years of
/// every figure-relevant record raised. A save outside a transaction gets one, begun here and committed after the
/// totals, so a crash can never leave a figure saved and its total stale. Registered on every context
/// (<see cref="DatabaseLocation.Configure"/>), audited or not.
/// </summary>
public sealed class FigureTotalsInterceptor : SaveChangesInterceptor
{
    public static FigureTotalsInterceptor Instance { get; } = new();

    private sealed class Pending
    {
        public HashSet<IndicatorQuarter> Touched { get; } = [];
        public HashSet<int> Years { get; } = [];
        public IDbContextTransaction? Owned { get; set; }

        /// <summary>The years whose versions the refresh does not already raise (each is raised once per save).</summary>
        public IEnumerable<int> YearsNotRefreshed => Years.Except(Touched.Select(t => t.Year));
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private FigureTotalsInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Collect(db) is { } pending && db.Database.CurrentTransaction is null)
        {
            pending.Owned = db.Database.BeginTransaction();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Collect(db) is { } pending && db.Database.CurrentTransaction is null)
        {
            pending.Owned = await db.Database.BeginTransactionAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            var (connection, transaction) = Connection(db);
            using (pending.Owned)
            {
                FigureTotals.Refresh(connection, transaction, pending.Touched);
                FigureTotals.Bump(connection, transaction, pending.YearsNotRefreshed);
                pending.Owned?.Commit();
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            var (connection, transaction) = Connection(db);
            await using (pending.Owned)
            {
                await FigureTotals.RefreshAsync(connection, transaction, pending.Touched, cancellationToken);
                await FigureTotals.BumpAsync(connection, transaction, pending.YearsNotRefreshed, cancellationToken);
                if (pending.Owned is { } owned)
                {
                    await owned.CommitAsync(cancellationToken);
                }
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A failed save rolls back the transaction begun for it (the caller's own is the caller's to end).</summary>
    private void Abandon(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            pending.Owned?.Dispose();
        }
    }

    private Pending? Collect(DbContext db)
    {
        _pending.Remove(db);
        var pending = new Pending();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            var type = entry.Metadata.ClrType;
            if (entry.Entity is Observation observation)
            {
                CollectObservation(entry, observation, pending);
            }
            else if (FigureDependencies.OfTheirYear.Contains(type))
            {
                pending.Years.Add((int)entry.Property("Year").CurrentValue!);
                pending.Years.Add((int)entry.Property("Year").OriginalValue!);
            }
            else if (FigureDependencies.OfAllYears.Contains(type))
            {
                pending.Years.Add(FigureVersion.AllYears);
            }
        }
        if (pending.Touched.Count == 0 && pending.Years.Count == 0)
        {
            return null;
        }
        _pending.AddOrUpdate(db, pending);
        return pending;
    }

    private static void CollectObservation(EntityEntry entry, Observation observation, Pending pending)
    {
        var now = new IndicatorQuarter(observation.IndicatorId, observation.Year, observation.Quarter);
        pending.Years.Add(now.Year);
        var figureMoved = entry.State != EntityState.Modified
            || entry.Properties.Any(p => p.IsModified && FigureDependencies.ObservationFigureProperties.Contains(p.Metadata.Name)
                && !Equals(p.OriginalValue, p.CurrentValue));
        if (!figureMoved)
        {
            return;
        }
        pending.Touched.Add(now);
        if (entry.State == EntityState.Modified)
        {
            var before = new IndicatorQuarter(
                (int)entry.Property(nameof(Observation.IndicatorId)).OriginalValue!,
                (int)entry.Property(nameof(Observation.Year)).OriginalValue!,
                (int)entry.Property(nameof(Observation.Quarter)).OriginalValue!);
            pending.Touched.Add(before);
            pending.Years.Add(before.Year);
        }
    }

    private static (DbConnection Connection, DbTransaction? Transaction) Connection(DbContext db) =>
        (db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
}
