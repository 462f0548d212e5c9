using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Targets;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.AuditLog;

/// <summary>The indicator page's "Riwayat" tab: one indicator's changes as readable diffs, for those who may see the trail.</summary>
public sealed class AuditHistoryTests : MonevTestContext
{
    private readonly Holder _holder;

    public AuditHistoryTests() : this(new Holder())
    {
    }

    private AuditHistoryTests(Holder holder)
        : base(services => services.AddSingleton(_ => holder.Service ?? throw new InvalidOperationException("Arrange first."))) => _holder = holder;

    private sealed class Holder
    {
        public AuditQueryService? Service { get; set; }
    }

    /// <summary>Three recorded changes to P1-PMI-TRAINED (two target edits through the real service) and one to another indicator.</summary>
    private async Task<TestDatabase> ArrangeAsync(UserAccess viewer)
    {
        var database = await TestDatabase.CreateAsync();
        int trained, events;
        await using (var db = database.OpenContext())
        {
            trained = await db.Indicators.Where(i => i.Code == "P1-PMI-TRAINED").Select(i => i.Id).SingleAsync();
            events = await db.Indicators.Where(i => i.Code == "P2-INFO-EVENTS").Select(i => i.Id).SingleAsync();
        }
        await using (var admin = database.Scope(TestUser.As("admin@x", Roles.Admin)))
        {
            var targets = database.Get<TargetAdminService>(admin);
            await targets.SaveAsync(2026, [new TargetEdit(trained, 0, 6000, null, 0), new TargetEdit(events, 0, 100, null, 0)], "Target awal");
            database.Clock.Now = database.Clock.Now.AddHours(1);
            await targets.SaveAsync(2026, [new TargetEdit(trained, 0, 6100, 6000, 1), new TargetEdit(trained, 3, 1500, null, 0)], "Revisi");
        }
        _holder.Service = database.Get<AuditQueryService>(database.Scope(viewer));
        return database;
    }

    [Fact]
    public async Task ShowsTheIndicatorsChangesNewestFirstAsReadableDiffs()
    {
        await using var database = await ArrangeAsync(TestUser.As("pimpinan@x", Roles.Pimpinan));

        var history = Render<AuditHistory>(p => p.Add(c => c.IndicatorCode, "P1-PMI-TRAINED").Add(c => c.PageSize, 2));

        history.WaitForAssertion(() => Assert.Equal(2, history.FindAll("[data-testid=audit-history-row]").Count));
        var rows = history.FindAll("[data-testid=audit-history-row]");
        var texts = rows.Select(r => r.TextContent).ToList();
        Assert.Contains(texts, t => t.Contains("Target: 6.000 → 6.100", StringComparison.Ordinal) && t.Contains("2026 Tahunan", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Target: 1.500", StringComparison.Ordinal) && t.Contains("TW III 2026", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.Contains("Revisi", t, StringComparison.Ordinal));

        history.Find("[data-testid=audit-history-more]").Click();

        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("[data-testid=audit-history-row]").Count));
        Assert.Contains("Target: 6.000", history.FindAll("[data-testid=audit-history-row]")[2].TextContent, StringComparison.Ordinal);
        Assert.Empty(history.FindAll("[data-testid=audit-history-more]"));
    }

    [Fact]
    public async Task ARoleThatMayNotSeeTheTrailGetsANoteInstead()
    {
        await using var database = await ArrangeAsync(TestUser.As("viewer@x", Roles.Viewer));

        var history = Render<AuditHistory>(p => p.Add(c => c.IndicatorCode, "P1-PMI-TRAINED"));

        Assert.Contains("hanya dapat dilihat", history.Find("[data-testid=audit-history-denied]").TextContent, StringComparison.Ordinal);
        Assert.Empty(history.FindAll("[data-testid=audit-history-row]"));
    }
}
