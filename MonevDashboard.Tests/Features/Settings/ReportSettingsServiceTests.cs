using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Settings;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Settings;

/// <summary>The quarterly report's letterhead logos and signatories under Administrasi → Pengaturan.</summary>
public sealed class ReportSettingsServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_admin = TestUser.As("admin.logo@x", Roles.Admin);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> DigestAsync() => await _db.DigestAsync("Settings") + await _db.DigestAsync("AuditEntries");

    private async Task SaveLogoAsync(UserAccess user, string key, byte[] image)
    {
        await using var scope = _db.Scope(user);
        var service = _db.Get<SettingsService>(scope);
        ReportSettings loaded;
        await using (var admin = _db.Scope(s_admin))
        {
            loaded = await _db.Get<SettingsService>(admin).GetReportSettingsAsync();
        }
        await service.SaveLogoAsync(key, image, loaded, "kop baru");
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "not an image", "GIF89a not what we take"u8.ToArray(), "Berkas ini bukan gambar PNG atau JPEG. Unggah logo dalam format PNG atau JPEG." },
        { "a PDF named .png", "%PDF-1.7\n%âãÏÓ"u8.ToArray(), "Berkas ini bukan gambar PNG atau JPEG. Unggah logo dalam format PNG atau JPEG." },
        { "empty", [], "Berkas ini bukan gambar PNG atau JPEG. Unggah logo dalam format PNG atau JPEG." },
        { "a PNG signature without its header", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "Berkas ini bukan gambar PNG atau JPEG. Unggah logo dalam format PNG atau JPEG." },
        { "a PNG of 600 KB", [.. TestImages.Png(10, 10), .. new byte[600 * 1024]], "Berkas 601 KB terlalu besar: logo paling besar 512 KB." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadLogoFileIsRefusedWithAnIndonesianMessageAndNothingIsStored(string what, byte[] file, string message)
    {
        var before = await DigestAsync();

        var refused = await Assert.ThrowsAsync<UserMessageException>(() => SaveLogoAsync(s_admin, AppSetting.LogoKemendag, file));

        Assert.Equal(message, refused.Message);
        Assert.Equal(before, await DigestAsync());
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public async Task APngOrJpegLogoIsStoredInTheDatabaseAndAuditedByItsDescriptionNotItsBytes()
    {
        var png = TestImages.Png(120, 60);
        await SaveLogoAsync(s_admin, AppSetting.LogoKemendag, png);
        var jpeg = TestImages.JpegHeader(300, 100);
        await SaveLogoAsync(s_admin, AppSetting.LogoKp2mi, jpeg);

        await using var db = _db.OpenContext();
        var stored = await db.Settings.AsNoTracking().SingleAsync(s => s.Key == AppSetting.LogoKemendag);
        Assert.Equal(png, stored.BinaryContent);
        Assert.StartsWith("image/png; 120×60 px; ", stored.Value, StringComparison.Ordinal);
        Assert.Equal(jpeg, (await db.Settings.AsNoTracking().SingleAsync(s => s.Key == AppSetting.LogoKp2mi)).BinaryContent);

        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Setting" && a.EntityKey == AppSetting.LogoKemendag).SingleAsync();
        Assert.Equal("admin.logo@x", audit.UserName);
        Assert.Equal("kop baru", audit.Reason);
        Assert.Contains("SHA-256", audit.NewValues, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(png)[..40], audit.NewValues ?? "", StringComparison.Ordinal);
        Assert.True((audit.NewValues ?? "").Length < 400, "the audit entry holds the description, not the image");
    }

    [Fact]
    public async Task NonAdminsCannotChangeTheLogoAndNothingIsStored()
    {
        var before = await DigestAsync();
        var user = TestUser.As("viewer@x", Roles.Viewer);

        await Assert.ThrowsAsync<AccessDeniedException>(() => SaveLogoAsync(user, AppSetting.LogoKemendag, TestImages.Png(20, 20)));

        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task SignatoriesAreSavedAuditedAndAStaleFormIsRefused()
    {
        ReportSettings loaded;
        await using (var scope = _db.Scope(s_admin))
        {
            var service = _db.Get<SettingsService>(scope);
            loaded = await service.GetReportSettingsAsync();
            await service.SaveSignatoriesAsync("", "Dr. Ir. Budi Santoso, M.Sc.", "Direktur Pengembangan Ekspor", loaded);
            var saved = await service.GetReportSettingsAsync();
            Assert.Equal("Dr. Ir. Budi Santoso, M.Sc.", saved.ApproverName);
            Assert.Equal("Direktur Pengembangan Ekspor", saved.ApproverTitle);
            Assert.Equal("", saved.PreparerName);
            await Assert.ThrowsAsync<EditConflictException>(() => service.SaveSignatoriesAsync("", "Orang Lain", "Direktur", loaded));
            var tooLong = await Assert.ThrowsAsync<UserMessageException>(() => service.SaveSignatoriesAsync(new string('a', 151), "", "", saved));
            Assert.Equal("Nama penyusun (kosong: nama pengunduh laporan) terlalu panjang: paling banyak 150 karakter.", tooLong.Message);
        }
        await using var db = _db.OpenContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "Setting"));
    }
}
