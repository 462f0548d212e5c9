using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Data;

/// <summary>A write into a locked quarter; the message is for the user.</summary>
public sealed class QuarterLockedException(string message) : UserMessageException(message);

/// <summary>
/// The one rule every write path calls: a locked quarter is read-only for data entry, import, rollback and any
/// other service, until an Admin unlocks it with a reason.
/// </summary>
public sealed class QuarterLock(IStringLocalizer<SharedResource> localizer)
{
    public static async Task<HashSet<YearQuarter>> LockedQuartersAsync(MonevDbContext db, CancellationToken cancellationToken = default) =>
        (await db.Periods.AsNoTracking().Where(p => p.State == PeriodState.Locked)
            .Select(p => new { p.Year, p.Quarter }).ToListAsync(cancellationToken))
        .Select(p => new YearQuarter(p.Year, p.Quarter)).ToHashSet();

    public static Task<bool> IsLockedAsync(MonevDbContext db, YearQuarter quarter, CancellationToken cancellationToken = default) =>
        db.Periods.AnyAsync(p => p.Year == quarter.Year && p.Quarter == quarter.Quarter && p.State == PeriodState.Locked, cancellationToken);

    public string LockedMessage(YearQuarter quarter) => localizer["Lock.Locked", quarter.Roman, quarter.Year];

    /// <exception cref="QuarterLockedException">when any of the quarters is locked.</exception>
    public async Task EnsureOpenAsync(MonevDbContext db, IEnumerable<YearQuarter> quarters, CancellationToken cancellationToken = default)
    {
        var locked = await LockedQuartersAsync(db, cancellationToken);
        foreach (var quarter in quarters.Distinct().Order())
        {
            if (locked.Contains(quarter))
            {
                throw new QuarterLockedException(LockedMessage(quarter));
            }
        }
    }
}
