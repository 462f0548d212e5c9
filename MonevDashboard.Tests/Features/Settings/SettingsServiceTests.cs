using Microsoft.EntityFrameworkCore;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Indicators;

using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

using MonevDashboard.Features.Settings;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Settings;

public sealed class SettingsServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_admin = TestUser.As("admin.set@x", Roles.Admin);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Saves as <paramref name="user"/> over the thresholds as they are stored now (loaded by an Admin's form).</summary>
    private async Task SaveAsync(UserAccess user, double onTrack, double attention, string? reason = null)
    {
        ThresholdSettings loaded;
        await using (var admin = _db.Scope(s_admin))
        {
            loaded = await _db.Get<SettingsService>(admin).GetThresholdSettingsAsync();
        }
        await using var scope = _db.Scope(user);
        await _db.Get<SettingsService>(scope).SaveThresholdsAsync(new StatusThresholds(onTrack, attention), loaded, reason);
    }

    private async Task<string> DigestAsync() => await _db.DigestAsync("Settings") + await _db.DigestAsync("AuditEntries");

    public static TheoryData<string> NonAdminRoles() => [Roles.OperatorKemendag, Roles.OperatorKp2mi, Roles.Verifier, Roles.Pimpinan, Roles.Viewer];

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task NonAdminsCannotReadOrChangeTheThresholdsAndNothingChanges(string role)
    {
        var user = TestUser.As("someone@x", role, Ministry.Kemendag);
        var before = await DigestAsync();

        await using (var scope = _db.Scope(user))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<SettingsService>(scope).GetThresholdsAsync());
        }
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => SaveAsync(user, 80, 50));

        Assert.Equal("Anda tidak berwenang untuk mengubah pengaturan.", denied.Message);
        Assert.Equal(before, await DigestAsync());
    }

    [Theory]
    [InlineData(90, 90, "Ambang Perlu perhatian (90%) harus lebih kecil dari ambang Tercapai (90%).")]
    [InlineData(60, 90, "Ambang Perlu perhatian (90%) harus lebih kecil dari ambang Tercapai (60%).")]
    [InlineData(90, 0, "Ambang Perlu perhatian harus lebih dari 0%.")]
    [InlineData(90, -10, "Ambang Perlu perhatian harus lebih dari 0%.")]
    [InlineData(1001, 60, "Ambang Tercapai 1.001% terlalu besar: paling tinggi 1.000%.")]
    [InlineData(double.NaN, 60, "Ambang harus berupa angka.")]
    public async Task InvalidThresholdsAreRefusedWithAMessageAndNothingChanges(double onTrack, double attention, string message)
    {
        var before = await DigestAsync();

        var refused = await Assert.ThrowsAsync<UserMessageException>(() => SaveAsync(s_admin, onTrack, attention));

        Assert.Equal(message, refused.Message);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task SavedThresholdsChangeTheDashboardColourAtOnce()
    {
        await using (var db = _db.OpenContext())
        {
            var umkm = await db.Indicators.SingleAsync(i => i.Code == "P3-UMKM-FACILITATED");
            db.Targets.Add(new Target { IndicatorId = umkm.Id, Year = 2026, Quarter = 3, Value = 100, UpdatedBy = "seed" });
            db.Observations.Add(new Observation { IndicatorId = umkm.Id, Year = 2026, Quarter = 3, ProvinceCode = "35", Value = 80 });
            await db.SaveChangesAsync();
        }
        async Task<AchievementStatus> StatusAsync()
        {
            await using var scope = _db.Scope(s_admin);
            var figures = await _db.Get<FigureQueryService>(scope).GetIndicatorFiguresAsync(new FigureFilter(2026, 3));
            return figures.Single(f => f.Code == "P3-UMKM-FACILITATED").Achievement.Status;
        }
        Assert.Equal(AchievementStatus.NeedsAttention, await StatusAsync());

        await SaveAsync(s_admin, 80, 50);

        Assert.Equal(AchievementStatus.OnTrack, await StatusAsync());
        await using var read = _db.Scope(s_admin);
        Assert.Equal(new StatusThresholds(80, 50), await _db.Get<SettingsService>(read).GetThresholdsAsync());
    }

    [Fact]
    public async Task AThresholdChangeIsAuditedWithWhoOldNewAndReason()
    {
        await SaveAsync(s_admin, 87.5, 60, "Keputusan rapat koordinasi");

        await using var db = _db.OpenContext();
        var entry = Assert.Single(await db.AuditEntries.ToListAsync());
        Assert.Equal(("admin.set@x", "Update", "Setting", AppSetting.OnTrackThreshold, "Keputusan rapat koordinasi"),
            (entry.UserName, entry.Action, entry.EntityType, entry.EntityKey, entry.Reason));
        Assert.Equal("""{"Value":"90"}""", entry.OldValues);
        Assert.Equal("""{"Value":"87.5"}""", entry.NewValues);
    }
}
