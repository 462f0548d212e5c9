using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Targets;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Targets;

public sealed class TargetAdminServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_admin = TestUser.As("admin.target@x", Roles.Admin);

    private TestDatabase _db = null!;
    private int _trained;
    private int _events;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.OpenContext();
        _trained = await db.Indicators.Where(i => i.Code == "P1-PMI-TRAINED").Select(i => i.Id).SingleAsync();
        _events = await db.Indicators.Where(i => i.Code == "P2-INFO-EVENTS").Select(i => i.Id).SingleAsync();
        db.Targets.AddRange(
            new Target { IndicatorId = _trained, Year = 2026, Quarter = Target.Annual, Value = 6000, UpdatedBy = "seed" },
            new Target { IndicatorId = _trained, Year = 2026, Quarter = 1, Value = 1500, UpdatedBy = "seed" },
            new Target { IndicatorId = _events, Year = 2026, Quarter = Target.Annual, Value = 120, UpdatedBy = "seed" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<TargetSaveResult> SaveAsync(UserAccess user, int year, params TargetEdit[] edits)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<TargetAdminService>(scope).SaveAsync(year, edits, "Revisi RKA 2026");
    }

    private async Task<string> DigestAsync() => await _db.DigestAsync("Targets") + await _db.DigestAsync("AuditEntries");

    private async Task<Dictionary<(int, int), double>> TargetsAsync(int year)
    {
        await using var db = _db.OpenContext();
        return await db.Targets.Where(t => t.Year == year).ToDictionaryAsync(t => (t.IndicatorId, t.Quarter), t => t.Value);
    }

    public static TheoryData<string> NonAdminRoles() => [Roles.OperatorKemendag, Roles.OperatorKp2mi, Roles.Verifier, Roles.Pimpinan, Roles.Viewer];

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task NonAdminsCannotReadOrSaveTargetsAndNothingChanges(string role)
    {
        var user = TestUser.As("someone@x", role, Ministry.Kp2mi);
        var before = await DigestAsync();

        await using (var scope = _db.Scope(user))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<TargetAdminService>(scope).GetGridAsync(2026));
        }
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => SaveAsync(user, 2026, new TargetEdit(_trained, 0, 9999, 6000, 0)));

        Assert.Equal("Anda tidak berwenang untuk mengelola target.", denied.Message);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task GridShowsEveryActiveIndicatorWithAnnualAndQuarterTargetsAndBlankWhereNoneIsSet()
    {
        await using var scope = _db.Scope(s_admin);
        var grid = await _db.Get<TargetAdminService>(scope).GetGridAsync(2026);

        Assert.Equal(ResultsFrameworkCount(), grid.Rows.Count);
        var trained = grid.Rows.Single(r => r.Code == "P1-PMI-TRAINED");
        Assert.Equal([6000, 1500, null, null, null], trained.Values);
        Assert.All(grid.Rows.Single(r => r.Code == "P3-REMITTANCE").Values, v => Assert.Null(v));
    }

    private static int ResultsFrameworkCount() => MonevDashboard.Data.ResultsFramework.Indicators.Count;

    [Fact]
    public async Task BlankRemovesATargetAndZeroIsATargetOfZero()
    {
        var result = await SaveAsync(s_admin, 2026,
            new TargetEdit(_trained, 1, null, 1500, 0),
            new TargetEdit(_trained, 2, 0, null, 0),
            new TargetEdit(_trained, 0, 6100, 6000, 0));

        Assert.True(result.Saved);
        Assert.Equal((1, 1, 1), (result.Inserted, result.Updated, result.Removed));
        var targets = await TargetsAsync(2026);
        Assert.False(targets.ContainsKey((_trained, 1)));
        Assert.Equal(0, targets[(_trained, 2)]);
        Assert.Equal(6100, targets[(_trained, 0)]);
    }

    [Fact]
    public async Task NegativeTargetRefusesTheWholeGridWithAMessageOnTheCellAndNothingChanges()
    {
        var before = await DigestAsync();

        var result = await SaveAsync(s_admin, 2026,
            new TargetEdit(_trained, 0, 7000, 6000, 0),
            new TargetEdit(_events, 3, -5, null, 0));

        Assert.False(result.Saved);
        var error = Assert.Single(result.Errors);
        Assert.Equal((_events, 3), (error.IndicatorId, error.Quarter));
        Assert.Equal("Nilai tidak boleh negatif (tertulis -5).", error.Message);
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2030)]
    public async Task YearsOutsideTheProgrammeAreRefused(int year)
    {
        var before = await DigestAsync();

        var result = await SaveAsync(s_admin, year, new TargetEdit(_trained, 0, 100, null, 0));

        Assert.False(result.Saved);
        Assert.Contains("di luar tahun target PKS (2025–2029)", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task ATargetChangedBySomeoneElseSinceLoadingIsNotOverwritten()
    {
        await SaveAsync(TestUser.As("other.admin@x", Roles.Admin), 2026, new TargetEdit(_trained, 0, 6500, 6000, 0));
        var before = await DigestAsync();

        var result = await SaveAsync(s_admin, 2026, new TargetEdit(_trained, 0, 7000, 6000, 0));

        Assert.False(result.Saved);
        Assert.Contains("sudah diubah oleh other.admin@x", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
        Assert.Equal(6500, (await TargetsAsync(2026))[(_trained, 0)]);
    }

    [Fact]
    public async Task TargetChangesLeaveExactlyOneAuditEntryEachWithWhoOldNewAndReason()
    {
        await SaveAsync(s_admin, 2026,
            new TargetEdit(_trained, 0, 6100, 6000, 0),
            new TargetEdit(_trained, 1, null, 1500, 0),
            new TargetEdit(_events, 2, 30, null, 0));

        await using var db = _db.OpenContext();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("admin.target@x", e.UserName);
            Assert.Equal("Target", e.EntityType);
            Assert.Equal("Revisi RKA 2026", e.Reason);
            Assert.Equal(2026, e.Year);
        });
        var update = entries.Single(e => e.Action == "Update");
        Assert.Equal($"ind={_trained};2026-Q0", update.EntityKey);
        Assert.Equal(_trained, update.IndicatorId);
        Assert.Null(update.Quarter);
        Assert.Equal(6000, Json(update.OldValues)["Value"].GetDouble());
        Assert.Equal(6100, Json(update.NewValues)["Value"].GetDouble());
        Assert.Equal(["Value"], Json(update.NewValues).Keys);
        var delete = entries.Single(e => e.Action == "Delete");
        Assert.Equal((1, 1500d), (delete.Quarter!.Value, Json(delete.OldValues)["Value"].GetDouble()));
        Assert.Null(delete.NewValues);
        var create = entries.Single(e => e.Action == "Create");
        Assert.Equal((_events, 2, 30d), (create.IndicatorId!.Value, create.Quarter!.Value, Json(create.NewValues)["Value"].GetDouble()));
        Assert.Null(create.OldValues);
    }

    [Fact]
    public async Task SavingAnUnchangedValueWritesNoAuditEntry()
    {
        var result = await SaveAsync(s_admin, 2026, new TargetEdit(_trained, 0, 6000, 6000, 0));

        Assert.True(result.Saved);
        await using var db = _db.OpenContext();
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    private static Dictionary<string, JsonElement> Json(string? json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json ?? "{}")!;
}
