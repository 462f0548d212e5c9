using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Domain.Contracts;
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
    IDbContextFactory<MonevDbContext> contextFactory, IAuditReferences references, AccessGuard guard, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPageSize = 500;

    /// <summary>The actions the log records: those of every saved record, and the events the records declare (sign-in, import, download …).</summary>
    public static IReadOnlyList<string> KnownActions { get; } =
        [AuditEntryFormat.Create, AuditEntryFormat.Update, AuditEntryFormat.Delete, AuditEntryFormat.StatusChange,
            .. AuditDeclarations.Default.All.SelectMany(d => d.Actions).Distinct()];

    public static IReadOnlyList<string> KnownEntityTypes { get; } = [.. AuditDeclarations.Default.All.Select(d => d.EntityType)];

    /// <summary>WIB is UTC+7 all year: a WIB calendar day starts at 17:00 UTC the day before.</summary>

    public bool CanView => guard.May(MonevAction.ViewAudit);

    public async Task<AuditFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewAudit);
        // The accounts (and the system), not the log's distinct names: failed sign-ins record whatever was typed.
        var accounts = await references.AccountNamesAsync(cancellationToken);
        var users = accounts.Append(SystemUser.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var codes = (await references.NamesAsync(cancellationToken)).IndicatorCodes.Values.Order(StringComparer.Ordinal).ToList();
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
        var formatter = new AuditDiffFormatter(localizer, await references.NamesAsync(cancellationToken));
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
        var formatter = new AuditDiffFormatter(localizer, await references.NamesAsync(cancellationToken));
        var query = Ordered(await FilteredAsync(db, filter, cancellationToken), sort);
        await foreach (var entry in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return formatter.ToRow(entry);
        }
    }

    private async Task<IQueryable<AuditEntry>> FilteredAsync(MonevDbContext db, AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(a => a.UserName == filter.UserName);
        }
        if (!string.IsNullOrWhiteSpace(filter.IndicatorCode))
        {
            // An unknown code matches nothing (id 0 is never used), rather than silently everything.
            var id = await references.IndicatorIdAsync(filter.IndicatorCode, cancellationToken) ?? 0;
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
            var start = ReportingCalendar.WibDayStartUtc(from);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = ReportingCalendar.WibDayStartUtc(to.AddDays(1));
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
}
