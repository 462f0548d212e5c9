using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Domain.Contracts;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Features.Periods;

public sealed record PeriodRow(YearQuarter Period, PeriodState State, DateTime? LockedAt, string? LockedBy, string? UnlockReason);

/// <summary>Locking a quarter after its review and, with a reason, unlocking it: Admin only, audited.</summary>
public sealed class PeriodService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    IEnumerable<IQuarterLockParticipant> participants, ILogger<PeriodService> logger) : IQuarterLocking
{
    public async Task<IReadOnlyList<PeriodRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new PeriodRow(new YearQuarter(p.Year, p.Quarter), p.State, p.LockedAt, p.LockedBy, p.UnlockReason))];
    }

    public async Task<bool> IsLockedAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await QuarterLock.IsLockedAsync(db, period, cancellationToken);
    }

    public async Task LockAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.LockQuarter);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Takes turns with imports and saves (across processes on PostgreSQL too), which check the lock inside theirs.
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(db.Database, null, cancellationToken);
        var row = await FindAsync(db, period, cancellationToken);
        if (row.State == PeriodState.Locked)
        {
            throw new UserMessageException(localizer["Lock.AlreadyLocked", period.Roman, period.Year]);
        }
        row.State = PeriodState.Locked;
        row.LockedAt = clock.GetUtcNow().UtcDateTime;
        row.LockedBy = guard.User.UserName;
        foreach (var participant in participants)
        {
            await participant.OnLockingAsync(db, period, row.LockedBy, row.LockedAt.Value, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MonevLog.QuarterLocked(logger, period.Year, period.Quarter, guard.User.UserName);
    }

    public async Task UnlockAsync(YearQuarter period, string reason, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.UnlockQuarter);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new UserMessageException(localizer["Lock.UnlockReasonRequired"]);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await FindAsync(db, period, cancellationToken);
        if (row.State != PeriodState.Locked)
        {
            throw new UserMessageException(localizer["Lock.NotLocked", period.Roman, period.Year]);
        }
        row.State = PeriodState.Open;
        row.UnlockReason = reason.Trim();
        db.AuditReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        MonevLog.QuarterUnlocked(logger, period.Year, period.Quarter, guard.User.UserName, reason.Trim());
    }

    private async Task<ReportingPeriod> FindAsync(MonevDbContext db, YearQuarter period, CancellationToken cancellationToken) =>
        await db.Periods.FirstOrDefaultAsync(p => p.Year == period.Year && p.Quarter == period.Quarter, cancellationToken)
        ?? throw new UserMessageException(localizer["Lock.UnknownPeriod", period.Roman, period.Year]);
}
