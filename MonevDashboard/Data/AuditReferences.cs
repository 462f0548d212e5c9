using Microsoft.EntityFrameworkCore;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data;

/// <summary>The audit log's <see cref="IAuditReferences"/>, read from the indicators, reference tables and accounts.</summary>
public sealed class AuditReferences(IDbContextFactory<MonevDbContext> contextFactory) : IAuditReferences
{
    public async Task<AuditReferenceNames> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return new(
            await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken),
            await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken),
            await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => (c.NameId, c.NameEn), cancellationToken));
    }

    public async Task<int?> IndicatorIdAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Indicators.Where(i => i.Code == code).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> AccountNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Select(u => u.UserName!).ToListAsync(cancellationToken);
    }
}
