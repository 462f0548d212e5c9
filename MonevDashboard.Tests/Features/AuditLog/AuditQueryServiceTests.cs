using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.AuditLog;

public sealed class AuditQueryServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_pimpinan = TestUser.As("pimpinan@x", Roles.Pimpinan);

    private TestDatabase _db = null!;
    private int _trained;
    private int _events;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.OpenContext();
        _trained = await db.Indicators.Where(i => i.Code == "P1-PMI-TRAINED").Select(i => i.Id).SingleAsync();
        _events = await db.Indicators.Where(i => i.Code == "P2-INFO-EVENTS").Select(i => i.Id).SingleAsync();
        db.AuditEntries.AddRange(
            // 1 Nov 2026 09.00 WIB
            Entry("e1", new DateTime(2026, 11, 1, 2, 0, 0), "a@x", "Update", "Observation", $"ind={_trained};2026-Q3;prov=35;country=;sex=P", _trained, 2026, 3,
                """{"Value":120}""", """{"Value":125}"""),
            // 2 Nov 2026 01.00 WIB — still 1 Nov in UTC
            Entry("e2", new DateTime(2026, 11, 1, 18, 0, 0), "b@x", "StatusChange", "Observation", $"ind={_trained};2026-Q3;prov=35;country=;sex=P", _trained, 2026, 3,
                """{"Status":1}""", """{"Status":2}"""),
            Entry("e3", new DateTime(2026, 11, 3, 3, 0, 0), "a@x", "Create", "Target", $"ind={_events};2026-Q0", _events, 2026, null, null, """{"Value":120}"""),
            Entry("e4", new DateTime(2026, 10, 15, 3, 0, 0), "admin@x", "Update", "Indicator", "P2-INFO-EVENTS", _events, null, null,
                """{"IsActive":true}""", """{"IsActive":false}"""),
            Entry("e5", new DateTime(2026, 11, 5, 3, 0, 0), "b@x", "StatusChange", "Period", "2026-Q2", null, 2026, 2, """{"State":1}""", """{"State":2}"""),
            Entry("e6", new DateTime(2026, 11, 6, 3, 0, 0), "c@x", "SignIn", "User", "c@x", null, null, null, null, null));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static AuditEntry Entry(string reason, DateTime at, string user, string action, string entity, string key, int? indicator, int? year, int? quarter,
        string? old, string? @new) => new()
        {
            At = DateTime.SpecifyKind(at, DateTimeKind.Utc), UserName = user, Action = action, EntityType = entity, EntityKey = key,
            IndicatorId = indicator, Year = year, Quarter = quarter, OldValues = old, NewValues = @new, Reason = reason,
        };

    private async Task<AuditPage> PageAsync(AuditFilter filter, AuditSort? sort = null, int page = 0, int size = 50, UserAccess? user = null)
    {
        await using var scope = _db.Scope(user ?? s_pimpinan);
        return await _db.Get<AuditQueryService>(scope).GetPageAsync(filter, sort ?? AuditSort.NewestFirst, page, size);
    }

    /// <summary>The entries a filter returns, by their marker (kept in Reason), newest first.</summary>
    private async Task<string[]> MatchAsync(AuditFilter filter) => [.. (await PageAsync(filter)).Rows.Select(r => r.Reason!)];

    [Fact]
    public async Task WithoutAFilterEverythingComesNewestFirst() =>
        Assert.Equal(["e6", "e5", "e3", "e2", "e1", "e4"], await MatchAsync(AuditFilter.None));

    [Fact]
    public async Task FilterByUserNarrowsToThatUser() =>
        Assert.Equal(["e3", "e1"], await MatchAsync(new AuditFilter { UserName = "a@x" }));

    [Fact]
    public async Task FilterByIndicatorNarrowsToItsFiguresTargetsAndMetadata()
    {
        Assert.Equal(["e2", "e1"], await MatchAsync(new AuditFilter { IndicatorCode = "P1-PMI-TRAINED" }));
        Assert.Equal(["e3", "e4"], await MatchAsync(new AuditFilter { IndicatorCode = "P2-INFO-EVENTS" }));
        Assert.Empty(await MatchAsync(new AuditFilter { IndicatorCode = "NO-SUCH-CODE" }));
    }

    [Fact]
    public async Task FilterByPeriodNarrowsByYearAndQuarter()
    {
        Assert.Equal(["e5", "e3", "e2", "e1"], await MatchAsync(new AuditFilter { Year = 2026 }));
        Assert.Equal(["e2", "e1"], await MatchAsync(new AuditFilter { Year = 2026, Quarter = 3 }));
        Assert.Equal(["e5"], await MatchAsync(new AuditFilter { Quarter = 2 }));
        Assert.Empty(await MatchAsync(new AuditFilter { Year = 2025 }));
    }

    [Fact]
    public async Task FilterByDateRangeUsesWibCalendarDaysInclusive()
    {
        Assert.Equal(["e1"], await MatchAsync(new AuditFilter { From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 11, 1) }));
        Assert.Equal(["e3", "e2"], await MatchAsync(new AuditFilter { From = new DateOnly(2026, 11, 2), To = new DateOnly(2026, 11, 3) }));
        Assert.Equal(["e6", "e5"], await MatchAsync(new AuditFilter { From = new DateOnly(2026, 11, 4) }));
        Assert.Equal(["e4"], await MatchAsync(new AuditFilter { To = new DateOnly(2026, 10, 31) }));
    }

    [Fact]
    public async Task FilterByActionAndByEntityTypeNarrowAndCombine()
    {
        Assert.Equal(["e5", "e2"], await MatchAsync(new AuditFilter { Action = "StatusChange" }));
        Assert.Equal(["e3"], await MatchAsync(new AuditFilter { EntityType = "Target" }));
        Assert.Equal(["e2"], await MatchAsync(new AuditFilter { Action = "StatusChange", EntityType = "Observation", UserName = "b@x" }));
    }

    [Fact]
    public async Task RowsAreReadable()
    {
        var row = (await PageAsync(new AuditFilter { Action = "StatusChange", EntityType = "Observation" })).Rows.Single();

        Assert.Equal("P1-PMI-TRAINED · TW III 2026 · Jawa Timur · Perempuan", row.KeyText);
        Assert.Equal("Status: Draf → Disampaikan", row.ChangesText);
        Assert.Equal(("Status diubah", "Realisasi"), (row.ActionLabel, row.EntityLabel));
    }

    [Fact]
    public async Task PagingReturnsTheRightSliceAndTheTotal()
    {
        await using (var db = _db.OpenContext())
        {
            db.AuditEntries.AddRange(Enumerable.Range(1, 30).Select(i =>
                Entry($"p{i:00}", new DateTime(2026, 9, 1).AddHours(i), "bulk@x", "Update", "Target", $"ind={_trained};2025-Q0", _trained, 2025, null, null, null)));
            await db.SaveChangesAsync();
        }
        var filter = new AuditFilter { UserName = "bulk@x" };

        var second = await PageAsync(filter, page: 1, size: 10);
        var last = await PageAsync(filter, page: 2, size: 12);

        Assert.Equal(30, second.TotalCount);
        Assert.Equal([.. Enumerable.Range(11, 10).Select(i => $"p{31 - i:00}")], second.Rows.Select(r => r.Reason));
        Assert.Equal(["p06", "p05", "p04", "p03", "p02", "p01"], last.Rows.Select(r => r.Reason));
        Assert.Equal(["p01", "p02", "p03"], (await PageAsync(filter, new AuditSort(AuditSortField.At, Descending: false), 0, 3)).Rows.Select(r => r.Reason));
    }

    [Fact]
    public async Task SortingByUserKeepsNewestFirstWithinAUser() =>
        Assert.Equal(["e3", "e1", "e4", "e5", "e2", "e6"],
            (await PageAsync(AuditFilter.None, new AuditSort(AuditSortField.UserName, Descending: false))).Rows.Select(r => r.Reason));

    [Fact]
    public async Task TheExportStreamHoldsExactlyTheFilteredRowsInTheGridsOrder()
    {
        var filter = new AuditFilter { Year = 2026 };
        var sort = new AuditSort(AuditSortField.Action, Descending: true);
        await using var scope = _db.Scope(s_pimpinan);
        var service = _db.Get<AuditQueryService>(scope);

        var streamed = await service.StreamAsync(filter, sort).Select(r => r.Reason).ToListAsync();

        Assert.Equal((await PageAsync(filter, sort)).Rows.Select(r => r.Reason), streamed);
        Assert.Equal(4, await service.CountAsync(filter));
    }

    [Fact]
    public async Task FilterChoicesListAccountsAndIndicatorsNotNamesTypedIntoFailedSignIns()
    {
        await using (var db = _db.OpenContext())
        {
            db.AuditEntries.Add(Entry("junk", DateTime.UtcNow, "<script>@x", "SignInFailed", "User", "<script>@x", null, null, null, null, null));
            await db.SaveChangesAsync();
        }
        await using var scope = _db.Scope(s_pimpinan);

        var options = await _db.Get<AuditQueryService>(scope).GetFilterOptionsAsync();

        Assert.Contains("system", options.Users);
        Assert.DoesNotContain("<script>@x", options.Users);
        Assert.Equal(MonevDashboard.Data.ResultsFramework.Indicators.Count, options.IndicatorCodes.Count);
        Assert.Contains("StatusChange", options.Actions);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.OperatorKemendag)]
    public async Task RolesWithoutAuditAccessAreRefused(string role)
    {
        var user = TestUser.As("x@x", role);
        await using var scope = _db.Scope(user);
        var service = _db.Get<AuditQueryService>(scope);

        Assert.False(service.CanView);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetPageAsync(AuditFilter.None, AuditSort.NewestFirst, 0, 10));
        Assert.Throws<AccessDeniedException>(() => service.StreamAsync(AuditFilter.None, AuditSort.NewestFirst));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Pimpinan)]
    [InlineData(Roles.Verifier)]
    public async Task AdminLeadershipAndVerifiersMayReadTheLog(string role)
    {
        var page = await PageAsync(AuditFilter.None, user: TestUser.As("x@x", role, Ministry.Kemendag));

        Assert.Equal(6, page.TotalCount);
    }
}
