using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

/// <summary>Separation of duties: whoever entered or submitted a report cannot give the verifier's verdict on it.</summary>
public sealed class ReviewIndependenceTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_opKemendag = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_opKp2mi = TestUser.As("op.kp2mi@x", Roles.OperatorKp2mi);
    private static readonly UserAccess s_verKemendag = TestUser.As("ver.kemendag@x", Roles.Verifier, Ministry.Kemendag);

    // One person who once worked as an operator and now verifies (a role change, or a second role).
    private static readonly UserAccess s_dualAsOperator = TestUser.As("dual@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_dualAsOperatorKp2mi = TestUser.As("dual@x", Roles.OperatorKp2mi);
    private static readonly UserAccess s_dualAsVerifier = TestUser.As("dual@x", Roles.Verifier, Ministry.Kemendag);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static CellEdit Umkm(string province, double? value, int? version = null) =>
        new(new CellKey("P3-UMKM-FACILITATED", province, "", ""), value, null, null, version);

    private async Task AsAsync(UserAccess user, Func<DataEntryService, Task> action)
    {
        await using var scope = _db.Scope(user);
        await action(_db.Get<DataEntryService>(scope));
    }

    private async Task SaveAsync(UserAccess user, Ministry ministry, IReadOnlyList<CellEdit> edits, string? reason = null)
    {
        await using var scope = _db.Scope(user);
        Assert.True((await _db.Get<DataEntryService>(scope).SaveAsync(s_q3, ministry, edits, reason)).Saved);
    }

    private async Task<EntrySheet> SheetAsync(UserAccess user, Ministry ministry)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<DataEntryService>(scope).GetSheetAsync(s_q3, ministry);
    }

    private async Task<string> DigestAsync() =>
        await _db.DigestAsync("Observations") + await _db.DigestAsync("Submissions") + await _db.DigestAsync("AuditEntries");

    [Fact]
    public async Task VerifierWhoEditedAFigureInTheSubmissionCannotVerifyOrReturnItAndTheEntryPageSaysWhy()
    {
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120), Umkm("33", 80)]);
        await SaveAsync(s_dualAsOperator, Ministry.Kemendag, [Umkm("35", 125, 0)]);
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        var before = await DigestAsync();

        var verify = await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_dualAsVerifier, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));
        var giveBack = await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_dualAsVerifier, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "cek lagi")));
        var sheet = await SheetAsync(s_dualAsVerifier, Ministry.Kemendag);

        Assert.Equal("Anda mengubah 1 angka dalam laporan ini (terakhir 28 Nov 2026) — verifikasi atau pengembalian laporan harus dilakukan orang lain.",
            verify.Message);
        Assert.Equal(verify.Message, giveBack.Message);
        Assert.Equal(before, await DigestAsync());
        Assert.False(sheet.CanVerify);
        Assert.Equal(verify.Message, sheet.VerifyRefusal);

        var independent = await SheetAsync(s_verKemendag, Ministry.Kemendag);
        Assert.True(independent.CanVerify);
        Assert.Null(independent.VerifyRefusal);
        await AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag));
        await using var db = _db.OpenContext();
        Assert.Equal(SubmissionStatus.Verified, (await db.Submissions.SingleAsync()).Status);
    }

    [Fact]
    public async Task AChangeOfAJointFigureCountsInEitherMinistrysReportEvenWhenSomeoneOverwroteItLater()
    {
        var joint = new CellEdit(new CellKey("P4-COORD-MEETINGS", "", "", ""), 3, null, null, null);
        await SaveAsync(s_dualAsOperatorKp2mi, Ministry.Kp2mi, [joint]);
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [joint with { Value = 4, ExpectedVersion = 0 }, Umkm("35", 120)]);
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));

        var refused = await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_dualAsVerifier, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));

        Assert.StartsWith("Anda mengubah 1 angka dalam laporan ini", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSubmitterCannotVerifyWhateverTheirRole()
    {
        var admin = TestUser.As("dual@x", Roles.Admin);
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120)]);
        await AsAsync(admin, s => s.SubmitAsync(s_q3, Ministry.Kemendag));

        var refused = await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_dualAsVerifier, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));

        Assert.Equal("Anda yang mengirim laporan ini (28 Nov 2026) — verifikasi atau pengembalian laporan harus dilakukan orang lain.", refused.Message);
    }

    [Fact]
    public async Task ReviewingAnEarlierRoundIsNotEnteringSoTheVerifierVerifiesTheCorrectedReportAgain()
    {
        // A verified figure is changed only by Admin (ChangeVerifiedFigures); the operator's correction round starts
        // from the verifier's return — a verdict on the report, not an entry of figures.
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120), Umkm("33", 80)]);
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        await AsAsync(s_verKemendag, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "Angka Jawa Timur perlu dicek"));
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 121, 2)], "Koreksi laporan BP3MI");
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));

        Assert.True((await SheetAsync(s_verKemendag, Ministry.Kemendag)).CanVerify);
        await AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag));

        await using var db = _db.OpenContext();
        Assert.Equal(SubmissionStatus.Verified, (await db.Submissions.SingleAsync()).Status);
    }
}
