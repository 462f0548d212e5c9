using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.QuarterlyReview;

/// <summary>
/// Two officials saving the same meeting record, narrative or follow-up from two browsers (two scopes, two service
/// instances, one SQLite file): the second is refused with the first's value, who and when; nothing is overwritten.
/// </summary>
public sealed class ReviewConcurrencyTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q4 = new(2026, 4);
    private static readonly UserAccess s_ani = TestUser.As("ani@x", Roles.Admin);
    private static readonly UserAccess s_budi = TestUser.As("budi@x", Roles.Admin);
    private const string Reach = "P2-INFO-REACH";

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> AsAsync<T>(UserAccess user, Func<ReviewService, Task<T>> action)
    {
        await using var scope = _db.Scope(user);
        return await action(_db.Get<ReviewService>(scope));
    }

    private async Task AsAsync(UserAccess user, Func<ReviewService, Task> action)
    {
        await using var scope = _db.Scope(user);
        await action(_db.Get<ReviewService>(scope));
    }

    private const string Stale = "Isian Anda belum disimpan dan tetap di formulir; muat ulang untuk melihat perubahan itu, lalu ulangi perubahan Anda bila masih perlu.";

    [Fact]
    public async Task TheSecondOfTwoSavesOfTheSameMeetingRecordIsRefusedWithTheFirstsValuesAndNothingIsOverwritten()
    {
        await AsAsync(s_ani, r => r.SaveMeetingAsync(new MeetingRecord(s_q4, new DateOnly(2026, 12, 3), "Ruang Rapat Kemendag", "Dirjen PEN", "", "", false)));
        var aniForm = await AsAsync(s_ani, r => r.GetMeetingAsync(s_q4));
        var budiForm = await AsAsync(s_budi, r => r.GetMeetingAsync(s_q4));

        await AsAsync(s_ani, r => r.SaveMeetingAsync(aniForm with { Chair = "Sekjen Kemendag" }));
        var afterAni = await _db.DigestAsync("ReviewMeetings") + await _db.DigestAsync("AuditEntries");
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            AsAsync(s_budi, r => r.SaveMeetingAsync(budiForm with { Place = "Ruang Rapat KP2MI", Minutes = "Notulen Budi" })));

        Assert.Equal("Tempat: “Ruang Rapat Kemendag”; Pimpinan rapat: “Sekjen Kemendag”; Notulen: –", conflict.CurrentValue);
        Assert.Equal("ani@x", conflict.ChangedBy);
        Assert.Equal("Catatan rapat tinjauan TW IV 2026 sudah diubah oleh ani@x pada 28 Nov 2026 10.00 WIB setelah Anda membukanya. "
            + "Yang tersimpan sekarang — Tempat: “Ruang Rapat Kemendag”; Pimpinan rapat: “Sekjen Kemendag”; Notulen: –. " + Stale, conflict.Message);
        Assert.Equal(afterAni, await _db.DigestAsync("ReviewMeetings") + await _db.DigestAsync("AuditEntries"));
        var stored = await AsAsync(s_ani, r => r.GetMeetingAsync(s_q4));
        Assert.Equal(("Ruang Rapat Kemendag", "Sekjen Kemendag", ""), (stored.Place, stored.Chair, stored.Minutes));
    }

    [Fact]
    public async Task TwoOfficialsCreatingTheSameMeetingRecordCannotBothWriteIt()
    {
        var aniForm = await AsAsync(s_ani, r => r.GetMeetingAsync(s_q4));
        var budiForm = await AsAsync(s_budi, r => r.GetMeetingAsync(s_q4));

        await AsAsync(s_ani, r => r.SaveMeetingAsync(aniForm with { MeetingDate = new DateOnly(2026, 12, 3), Chair = "Dirjen PEN" }));
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            AsAsync(s_budi, r => r.SaveMeetingAsync(budiForm with { MeetingDate = new DateOnly(2026, 12, 4), Chair = "Dirjen KP2MI" })));

        Assert.Contains("Pimpinan rapat: “Dirjen PEN”", conflict.CurrentValue);
        Assert.Equal("Dirjen PEN", (await AsAsync(s_ani, r => r.GetMeetingAsync(s_q4))).Chair);
    }

    [Fact]
    public async Task TheSecondOfTwoSavesOfTheSameNarrativeIsRefusedWithTheFirstsTextWhoAndWhenAndNothingIsOverwritten()
    {
        var aniRow = (await AsAsync(s_ani, r => r.GetNarrativesAsync(s_q4))).Single(n => n.IndicatorCode == Reach);
        var budiRow = (await AsAsync(s_budi, r => r.GetNarrativesAsync(s_q4))).Single(n => n.IndicatorCode == Reach);

        // Neither had a narrative when loading: the first creates it, the second must not overwrite it.
        await AsAsync(s_ani, r => r.SaveNarrativeAsync(Reach, s_q4, "Jangkauan naik di NTB.", "", "", aniRow.Version));
        var afterAni = await _db.DigestAsync("Narratives") + await _db.DigestAsync("AuditEntries");
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            AsAsync(s_budi, r => r.SaveNarrativeAsync(Reach, s_q4, "Jangkauan turun.", "Anggaran", "", budiRow.Version)));

        Assert.Equal("Analisis capaian: “Jangkauan naik di NTB.”; Kendala: –", conflict.CurrentValue);
        Assert.Equal(("ani@x", _db.Clock.Now.UtcDateTime), (conflict.ChangedBy, conflict.ChangedAt));
        Assert.Equal("Narasi P2-INFO-REACH TW IV 2026 sudah diubah oleh ani@x pada 28 Nov 2026 10.00 WIB setelah Anda membukanya. "
            + "Yang tersimpan sekarang — Analisis capaian: “Jangkauan naik di NTB.”; Kendala: –. " + Stale, conflict.Message);
        Assert.Equal(afterAni, await _db.DigestAsync("Narratives") + await _db.DigestAsync("AuditEntries"));

        // Both load the stored narrative; again only the first save goes through.
        aniRow = (await AsAsync(s_ani, r => r.GetNarrativesAsync(s_q4))).Single(n => n.IndicatorCode == Reach);
        budiRow = (await AsAsync(s_budi, r => r.GetNarrativesAsync(s_q4))).Single(n => n.IndicatorCode == Reach);
        await AsAsync(s_budi, r => r.SaveNarrativeAsync(Reach, s_q4, budiRow.Analysis, "Anggaran terbatas", "", budiRow.Version));
        var second = await Assert.ThrowsAsync<EditConflictException>(() =>
            AsAsync(s_ani, r => r.SaveNarrativeAsync(Reach, s_q4, aniRow.Analysis, "", "Tambah desa sasaran", aniRow.Version)));
        Assert.Equal("Kendala: “Anggaran terbatas”; Rencana Tindak Lanjut: –", second.CurrentValue);
        Assert.Equal("budi@x", second.ChangedBy);
        var stored = (await AsAsync(s_ani, r => r.GetNarrativesAsync(s_q4))).Single(n => n.IndicatorCode == Reach);
        Assert.Equal(("Jangkauan naik di NTB.", "Anggaran terbatas", ""), (stored.Analysis, stored.Obstacles, stored.FollowUpPlan));
    }

    [Fact]
    public async Task TheSecondOfTwoStatusChangesOfTheSameFollowUpIsRefusedWithTheFirstsStatusAndNothingIsOverwritten()
    {
        await AsAsync(s_ani, r => r.SaveMeetingAsync(new MeetingRecord(s_q4, new DateOnly(2026, 12, 3), "Jakarta", "Dirjen PEN", "", "", false)));
        var id = await AsAsync(s_ani, r => r.AddActionItemAsync(s_q4, "Susun jadwal sosialisasi 2027", "Dit. Sosialisasi", new DateOnly(2027, 1, 31), null));
        var aniItem = (await AsAsync(s_ani, r => r.GetActionItemsAsync(new ActionItemFilter()))).Single(a => a.Id == id);
        var budiItem = (await AsAsync(s_budi, r => r.GetActionItemsAsync(new ActionItemFilter()))).Single(a => a.Id == id);

        await AsAsync(s_ani, r => r.SetActionItemStatusAsync(id, ActionItemStatus.InProgress, aniItem.Version));
        var afterAni = await _db.DigestAsync("ActionItems") + await _db.DigestAsync("AuditEntries");
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            AsAsync(s_budi, r => r.SetActionItemStatusAsync(id, ActionItemStatus.Done, budiItem.Version)));

        Assert.Equal("Dalam proses", conflict.CurrentValue);
        Assert.Equal("ani@x", conflict.ChangedBy);
        Assert.Equal("Tindak lanjut “Susun jadwal sosialisasi 2027” sudah diubah oleh ani@x pada 28 Nov 2026 10.00 WIB setelah Anda membukanya. "
            + "Yang tersimpan sekarang — Dalam proses. " + Stale, conflict.Message);
        Assert.Equal(afterAni, await _db.DigestAsync("ActionItems") + await _db.DigestAsync("AuditEntries"));
        var stored = (await AsAsync(s_ani, r => r.GetActionItemsAsync(new ActionItemFilter()))).Single(a => a.Id == id);
        Assert.Equal((ActionItemStatus.InProgress, (DateOnly?)null), (stored.Status, stored.CompletedOn));
    }

    public static TheoryData<string> Tables() => ["ReviewMeetings", "Narratives", "ActionItems"];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task TwoContextsUpdatingTheSameReviewRecordCannotBothWrite(string table)
    {
        await AsAsync(s_ani, r => r.SaveMeetingAsync(new MeetingRecord(s_q4, new DateOnly(2026, 12, 3), "Jakarta", "Dirjen PEN", "", "", false)));
        await AsAsync(s_ani, r => r.AddActionItemAsync(s_q4, "Tindak lanjut", "Unit", new DateOnly(2027, 1, 31), null));
        await AsAsync(s_ani, r => r.SaveNarrativeAsync(Reach, s_q4, "Awal", "", "", 0));
        await using var scope = _db.Scope(s_ani);
        var factory = _db.Get<IDbContextFactory<MonevDbContext>>(scope);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        Func<MonevDbContext, Task<Action<string>>> load = table switch
        {
            "ReviewMeetings" => async db => { var m = await db.ReviewMeetings.SingleAsync(); return text => m.Minutes = text; },
            "Narratives" => async db => { var n = await db.Narratives.SingleAsync(); return text => n.Analysis = text; },
            _ => async db => { var a = await db.ActionItems.SingleAsync(); return text => a.Description = text; },
        };
        (await load(first))("Pertama");
        (await load(second))("Kedua");

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal("Pertama", await ReadAsync(table));
    }

    private async Task<string> ReadAsync(string table)
    {
        await using var db = _db.OpenContext();
        return table switch
        {
            "ReviewMeetings" => (await db.ReviewMeetings.SingleAsync()).Minutes,
            "Narratives" => (await db.Narratives.SingleAsync()).Analysis,
            _ => (await db.ActionItems.SingleAsync()).Description,
        };
    }
}
