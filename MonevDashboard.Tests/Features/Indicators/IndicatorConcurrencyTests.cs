using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

/// <summary>Two Admins editing the same indicator definition from two browsers (two scopes, two service instances, one SQLite file).</summary>
public sealed class IndicatorConcurrencyTests : IAsyncLifetime
{
    private static readonly UserAccess s_ani = TestUser.As("ani@x", Roles.Admin);
    private static readonly UserAccess s_budi = TestUser.As("budi@x", Roles.Admin);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<IndicatorAdminRow> LoadAsync(UserAccess user)
    {
        await using var scope = _db.Scope(user);
        return (await _db.Get<IndicatorAdminService>(scope).ListAsync()).Single(r => r.Code == "P2-INFO-REACH");
    }

    private async Task<IndicatorSaveResult> SaveAsync(UserAccess user, IndicatorEdit edit)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<IndicatorAdminService>(scope).SaveAsync(edit, "Penyesuaian definisi");
    }

    private async Task<Indicator> StoredAsync()
    {
        await using var db = _db.OpenContext();
        return await db.Indicators.AsNoTracking().SingleAsync(i => i.Code == "P2-INFO-REACH");
    }

    [Fact]
    public async Task TheSecondOfTwoAdminsSavingTheSameIndicatorIsRefusedWithTheFirstsValuesAndNothingIsOverwritten()
    {
        var aniForm = await LoadAsync(s_ani);
        var budiForm = await LoadAsync(s_budi);

        Assert.True((await SaveAsync(s_ani, aniForm.ToEdit() with { NameId = "Peserta sosialisasi peluang kerja luar negeri" })).Saved);
        var afterAni = await _db.DigestAsync("Indicators") + await _db.DigestAsync("AuditEntries");
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => SaveAsync(s_budi, budiForm.ToEdit() with { Unit = "jiwa" }));

        var theirs = $"Nama (Indonesia): “Peserta sosialisasi peluang kerja luar negeri”; Satuan: “{aniForm.Unit}”";
        Assert.Equal(theirs, conflict.CurrentValue);
        Assert.Equal("ani@x", conflict.ChangedBy);
        Assert.Equal(_db.Clock.Now.UtcDateTime, conflict.ChangedAt);
        Assert.Equal("Indikator P2-INFO-REACH sudah diubah oleh ani@x pada 28 Nov 2026 10.00 WIB setelah Anda membukanya. Yang tersimpan sekarang — "
            + theirs + ". Isian Anda belum disimpan dan tetap di formulir; "
            + "muat ulang untuk melihat perubahan itu, lalu ulangi perubahan Anda bila masih perlu.", conflict.Message);
        Assert.Equal(afterAni, await _db.DigestAsync("Indicators") + await _db.DigestAsync("AuditEntries"));
        var stored = await StoredAsync();
        Assert.Equal(("Peserta sosialisasi peluang kerja luar negeri", aniForm.Unit), (stored.NameId, stored.Unit));

        // Reloaded, Budi's change goes through on top of Ani's.
        Assert.True((await SaveAsync(s_budi, (await LoadAsync(s_budi)).ToEdit() with { Unit = "jiwa" })).Saved);
        stored = await StoredAsync();
        Assert.Equal(("Peserta sosialisasi peluang kerja luar negeri", "jiwa"), (stored.NameId, stored.Unit));
    }

    [Fact]
    public async Task EverySaveOfAnIndicatorMovesItsVersionOn()
    {
        var form = await LoadAsync(s_ani);

        Assert.True((await SaveAsync(s_ani, form.ToEdit() with { DataSource = "Laporan Dit. Sosialisasi" })).Saved);

        Assert.Equal(form.Version + 1, (await StoredAsync()).Version);
        Assert.Equal(form.Version + 1, (await LoadAsync(s_budi)).Version);
    }

    [Fact]
    public async Task TwoContextsUpdatingTheSameIndicatorRowCannotBothWrite()
    {
        await using var scope = _db.Scope(s_ani);
        var factory = _db.Get<IDbContextFactory<MonevDbContext>>(scope);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var a = await first.Indicators.SingleAsync(i => i.Code == "P2-INFO-REACH");
        var b = await second.Indicators.SingleAsync(i => i.Code == "P2-INFO-REACH");
        a.NameId = "Versi pertama";
        b.NameId = "Versi kedua";

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal("Versi pertama", (await StoredAsync()).NameId);
    }
}
