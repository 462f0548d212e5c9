using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;

namespace MonevDashboard.Features.AuditLog;

/// <summary>
/// Reads the audit log for the audit page, its export and an indicator's history. Filtering, ordering and paging
/// run in SQLite on the log's indexes (At, UserName, IndicatorId/Year/Quarter, EntityType); only the requested
/// page — or, for an export, one row at a time — reaches memory, where it is made readable by
/// <see cref="AuditDiffFormatter"/>.
/// </summary>
public sealed class AuditQueryService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPageSize = 500;

    /// <summary>The actions the log records (the interceptor's, the import's, sign-in's), for the filter.</summary>
    public static IReadOnlyList<string> KnownActions { get; } =
        ["Create", "Update", "Delete", "StatusChange", "Import", "Rollback", "SignIn", "SignInFailed", "SignInDisabled", "LockedOut", "Download",
            .. AccountAudit.Actions];

    public static IReadOnlyList<string> KnownEntityTypes { get; } =
        ["Observation", "Target", "Indicator", "Period", "Submission", "Setting", "Narrative", "ReviewMeeting", "ActionItem", "ImportBatch", "User", "UserRole", "File"];

    /// <summary>WIB is UTC+7 all year: a WIB calendar day starts at 17:00 UTC the day before.</summary>
    private static readonly TimeSpan s_wib = TimeSpan.FromHours(7);

    public bool CanView => guard.May(MonevAction.ViewAudit);

    public async Task<AuditFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewAudit);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The accounts (and the system), not the log's distinct names: failed sign-ins record whatever was typed.
        var accounts = await db.Users.AsNoTracking().Select(u => u.UserName!).ToListAsync(cancellationToken);
        var users = accounts.Append(SystemUser.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var codes = await db.Indicators.AsNoTracking().OrderBy(i => i.Code).Select(i => i.Code).ToListAsync(cancellationToken);
        return new AuditFilterOptions(users, codes, KnownActions, KnownEntityTypes);
    }

    public async Task<AuditPage> GetPageAsync(AuditFilter filter, AuditSort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(sort);
        guard.Demand(MonevAction.ViewAudit);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = await FilteredAsync(db, filter, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var entries = await Ordered(query, sort).Skip(Math.Max(page, 0) * size).Take(size).ToListAsync(cancellationToken);
        var formatter = new AuditDiffFormatter(localizer, await NamesAsync(db, cancellationToken));
        return new AuditPage([.. entries.Select(formatter.ToRow)], total);
    }

    public async Task<int> CountAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        guard.Demand(MonevAction.ViewAudit);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (await FilteredAsync(db, filter, cancellationToken)).CountAsync(cancellationToken);
    }

    /// <summary>Every entry the filter matches, in the given order, streamed (for "export what I see").</summary>
    /// <exception cref="AccessDeniedException">at once, before anything is read, when the user may not view the log.</exception>
    public IAsyncEnumerable<AuditRow> StreamAsync(AuditFilter filter, AuditSort sort)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(sort);
        guard.Demand(MonevAction.ViewAudit);
        return Stream(filter, sort);
    }

    private async IAsyncEnumerable<AuditRow> Stream(AuditFilter filter, AuditSort sort, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var formatter = new AuditDiffFormatter(localizer, await NamesAsync(db, cancellationToken));
        var query = Ordered(await FilteredAsync(db, filter, cancellationToken), sort);
        await foreach (var entry in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return formatter.ToRow(entry);
        }
    }

    private static async Task<IQueryable<AuditEntry>> FilteredAsync(MonevDbContext db, AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(a => a.UserName == filter.UserName);
        }
        if (!string.IsNullOrWhiteSpace(filter.IndicatorCode))
        {
            // An unknown code matches nothing (id 0 is never used), rather than silently everything.
            var id = await db.Indicators.Where(i => i.Code == filter.IndicatorCode).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken);
            query = query.Where(a => a.IndicatorId == id);
        }
        if (filter.Year is { } year)
        {
            query = query.Where(a => a.Year == year);
        }
        if (filter.Quarter is { } quarter)
        {
            query = query.Where(a => a.Quarter == quarter);
        }
        if (filter.From is { } from)
        {
            var start = DateTime.SpecifyKind(from.ToDateTime(TimeOnly.MinValue) - s_wib, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = DateTime.SpecifyKind(to.AddDays(1).ToDateTime(TimeOnly.MinValue) - s_wib, DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }
        return query;
    }

    private static IOrderedQueryable<AuditEntry> Ordered(IQueryable<AuditEntry> query, AuditSort sort) => (sort.Field, sort.Descending) switch
    {
        (AuditSortField.At, false) => query.OrderBy(a => a.At).ThenBy(a => a.Id),
        (AuditSortField.UserName, false) => query.OrderBy(a => a.UserName).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        (AuditSortField.UserName, true) => query.OrderByDescending(a => a.UserName).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        (AuditSortField.Action, false) => query.OrderBy(a => a.Action).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        (AuditSortField.Action, true) => query.OrderByDescending(a => a.Action).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        (AuditSortField.EntityType, false) => query.OrderBy(a => a.EntityType).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        (AuditSortField.EntityType, true) => query.OrderByDescending(a => a.EntityType).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        _ => query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id),
    };

    /// <summary>The reference names (a few hundred rows), read per call so they are never stale.</summary>
    private static async Task<AuditReferenceNames> NamesAsync(MonevDbContext db, CancellationToken cancellationToken) =>
        new(
            await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken),
            await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken),
            await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => (c.NameId, c.NameEn), cancellationToken));
}
