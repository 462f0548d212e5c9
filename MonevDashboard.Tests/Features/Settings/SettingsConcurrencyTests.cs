using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

using MonevDashboard.Features.Settings;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Settings;

/// <summary>Two Admins changing the status thresholds from two browsers (two scopes, two service instances, one SQLite file).</summary>
public sealed class SettingsConcurrencyTests : IAsyncLifetime
{
    private static readonly UserAccess s_ani = TestUser.As("ani@x", Roles.Admin);
    private static readonly UserAccess s_budi = TestUser.As("budi@x", Roles.Admin);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<ThresholdSettings> LoadAsync(UserAccess user)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<SettingsService>(scope).GetThresholdSettingsAsync();
    }

    private async Task SaveAsync(UserAccess user, ThresholdSettings loaded, double onTrack, double attention)
    {
        await using var scope = _db.Scope(user);
        await _db.Get<SettingsService>(scope).SaveThresholdsAsync(new StatusThresholds(onTrack, attention), loaded, "Keputusan rapat");
    }

    private async Task<StatusThresholds> StoredAsync()
    {
        await using var scope = _db.Scope(s_ani);
        return await _db.Get<SettingsService>(scope).GetThresholdsAsync();
    }

    [Fact]
    public async Task TheSecondOfTwoAdminsSavingTheThresholdsIsRefusedWithTheFirstsValuesAndNothingIsOverwritten()
    {
        var aniForm = await LoadAsync(s_ani);
        var budiForm = await LoadAsync(s_budi);

        await SaveAsync(s_ani, aniForm, 85, 55);
        var afterAni = await _db.DigestAsync("Settings") + await _db.DigestAsync("AuditEntries");
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => SaveAsync(s_budi, budiForm, 95, 65));

        Assert.Equal("Ambang Tercapai (hijau): 85%; Ambang Perlu perhatian (kuning): 55%", conflict.CurrentValue);
        Assert.Equal("ani@x", conflict.ChangedBy);
        Assert.Equal("Ambang status capaian sudah diubah oleh ani@x pada 28 Nov 2026 10.00 WIB setelah Anda membukanya. Yang tersimpan sekarang — "
            + "Ambang Tercapai (hijau): 85%; Ambang Perlu perhatian (kuning): 55%. Isian Anda belum disimpan dan tetap di formulir; "
            + "muat ulang untuk melihat perubahan itu, lalu ulangi perubahan Anda bila masih perlu.", conflict.Message);
        Assert.Equal(afterAni, await _db.DigestAsync("Settings") + await _db.DigestAsync("AuditEntries"));
        Assert.Equal(new StatusThresholds(85, 55), await StoredAsync());

        await SaveAsync(s_budi, await LoadAsync(s_budi), 95, 65);
        Assert.Equal(new StatusThresholds(95, 65), await StoredAsync());
    }

    [Fact]
    public async Task TwoContextsUpdatingTheSameSettingRowCannotBothWrite()
    {
        await using var scope = _db.Scope(s_ani);
        var factory = _db.Get<IDbContextFactory<MonevDbContext>>(scope);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var a = await first.Settings.SingleAsync(s => s.Key == AppSetting.OnTrackThreshold);
        var b = await second.Settings.SingleAsync(s => s.Key == AppSetting.OnTrackThreshold);
        a.Value = "80";
        b.Value = "95";

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal(80, (await StoredAsync()).OnTrackPercent);
    }
}
