using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;

namespace MonevDashboard.Features.AuditLog;

/// <summary>One recorded change, summarised for a list: who, when, what kind, which record and which fields.</summary>
public sealed record AuditTrailItem(
    long Id, DateTime At, string UserName, string Action, string EntityType, string EntityKey, int? Year, int? Quarter,
    IReadOnlyList<string> ChangedFields, string? Reason);

/// <summary>A newest-first slice of an indicator's audit entries and how many there are in all.</summary>
public sealed record AuditTrail(IReadOnlyList<AuditTrailItem> Items, int TotalCount);

public sealed class AuditTrailService(IDbContextFactory<MonevDbContext> contextFactory)
{
    /// <summary>The latest <paramref name="take"/> changes recorded against an indicator (its figures, targets, narratives and itself).</summary>
    public async Task<AuditTrail> GetIndicatorTrailAsync(int indicatorId, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.IndicatorId == indicatorId);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        return new AuditTrail([.. entries.Select(e => new AuditTrailItem(
            e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityKey, e.Year, e.Quarter,
            ChangedFields(e.NewValues ?? e.OldValues), e.Reason))], total);
    }

    /// <summary>The property names of an entry's old/new JSON object; none when it is missing or not an object.</summary>
    internal static IReadOnlyList<string> ChangedFields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? [.. document.RootElement.EnumerateObject().Select(p => p.Name)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
