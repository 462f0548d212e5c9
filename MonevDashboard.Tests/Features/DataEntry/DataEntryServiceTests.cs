using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

public sealed class DataEntryServiceTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_opKemendag = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_opKp2mi = TestUser.As("op.kp2mi@x", Roles.OperatorKp2mi);
    private static readonly UserAccess s_verKemendag = TestUser.As("ver.kemendag@x", Roles.Verifier, Ministry.Kemendag);
    private static readonly UserAccess s_verKp2mi = TestUser.As("ver.kp2mi@x", Roles.Verifier, Ministry.Kp2mi);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static CellEdit Umkm(string province, double? value, int? version = null) =>
        new(new CellKey("P3-UMKM-FACILITATED", province, "", ""), value, null, null, version);

    private async Task<SaveResult> SaveAsync(UserAccess user, Ministry ministry, IReadOnlyList<CellEdit> edits, string? reason = null)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<DataEntryService>(scope).SaveAsync(s_q3, ministry, edits, reason);
    }

    private async Task AsAsync(UserAccess user, Func<DataEntryService, Task> action)
    {
        await using var scope = _db.Scope(user);
        await action(_db.Get<DataEntryService>(scope));
    }

    private async Task<string> DigestAsync() =>
        await _db.DigestAsync("Observations") + await _db.DigestAsync("Submissions") + await _db.DigestAsync("AuditEntries");

    [Fact]
    public async Task OperatorSavesOwnFiguresAsDraftAndBlankStaysDistinctFromZero()
    {
        var result = await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120), Umkm("33", 0), Umkm("32", null)]);

        Assert.True(result.Saved);
        Assert.Equal(2, result.Inserted);
        await using var db = _db.OpenContext();
        var rows = await db.Observations.OrderBy(o => o.ProvinceCode).ToListAsync();
        Assert.Equal(["33", "35"], rows.Select(r => r.ProvinceCode));
        Assert.Equal([0d, 120d], rows.Select(r => r.Value));
        Assert.All(rows, r => Assert.Equal(ObservationStatus.Draft, r.Status));
        Assert.All(rows, r => Assert.Equal("op.kemendag@x", r.CreatedBy));
    }

    [Fact]
    public async Task AFractionOfACountIsRefusedWithItsMessageAndNothingIsStoredWhileMoneyKeepsItsCents()
    {
        var before = await DigestAsync();

        // "1,5" typed in the grid reaches the service as 1.5; UMKM are counted whole.
        var result = await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120), Umkm("33", 1.5)]);

        Assert.False(result.Saved);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Nilai harus bilangan bulat karena satuannya UMKM dihitung utuh (tertulis 1,5).", error.Message);
        Assert.Equal(before, await DigestAsync());

        // A whole number is a count; USD keeps its decimals.
        var money = new CellEdit(new CellKey("P3-EXPORT-VALUE", "", "MY", ""), 1234.5, null, null, null);
        var saved = await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("33", 2), money]);
        Assert.True(saved.Saved, string.Join("; ", saved.Errors.Select(e => e.Message)));
        await using var db = _db.OpenContext();
        Assert.Equal([2d, 1234.5], await db.Observations.OrderBy(o => o.Value).Select(o => o.Value).ToListAsync());
    }

    [Fact]
    public async Task OperatorOfOneMinistryCannotSaveSubmitOrVerifyTheOthersFiguresAndNothingChanges()
    {
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120)]);
        var before = await DigestAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => SaveAsync(s_opKp2mi, Ministry.Kemendag, [Umkm("35", 999)]));
        var sneaky = await SaveAsync(s_opKp2mi, Ministry.Kp2mi, [Umkm("35", 999)]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(s_opKp2mi, s => s.SubmitAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(s_opKp2mi, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(s_verKp2mi, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "salah")));

        Assert.False(sneaky.Saved);
        Assert.Contains("bukan milik kementerian ini", Assert.Single(sneaky.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task JointIndicatorsAreEditableByEitherMinistrysOperators()
    {
        var joint = new CellEdit(new CellKey("P4-COORD-MEETINGS", "", "", ""), 3, null, null, null);

        Assert.True((await SaveAsync(s_opKemendag, Ministry.Kemendag, [joint])).Saved);
        Assert.True((await SaveAsync(s_opKp2mi, Ministry.Kp2mi, [joint with { Value = 4, ExpectedVersion = 0 }])).Saved);
    }

    [Fact]
    public async Task WholeWorkflowDraftSubmitReturnCorrectResubmitVerify()
    {
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120)]);
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        await AsAsync(s_verKemendag, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "Angka Jawa Timur belum sesuai laporan BP3MI"));

        await using (var scope = _db.Scope(s_opKemendag))
        {
            var sheet = await _db.Get<DataEntryService>(scope).GetSheetAsync(s_q3, Ministry.Kemendag);
            Assert.Equal(SubmissionStatus.Returned, sheet.Status);
            Assert.Equal("Angka Jawa Timur belum sesuai laporan BP3MI", sheet.ReturnReason);
            Assert.True(sheet.ReasonRequired);
            Assert.True(sheet.CanSubmit);
        }
        var noReason = await Assert.ThrowsAsync<WorkflowException>(() => SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 125, 2)]));
        Assert.Contains("alasan", noReason.Message, StringComparison.Ordinal);
        Assert.True((await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 125, 2)], "Dikoreksi sesuai laporan BP3MI")).Saved);
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        await AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag));

        await using var db = _db.OpenContext();
        var submission = await db.Submissions.SingleAsync();
        Assert.Equal(SubmissionStatus.Verified, submission.Status);
        Assert.Equal("ver.kemendag@x", submission.VerifiedBy);
        Assert.NotNull(submission.FirstSubmittedAt);
        var observation = await db.Observations.SingleAsync();
        Assert.Equal(ObservationStatus.Verified, observation.Status);
        Assert.Equal(125, observation.Value);
    }

    [Fact]
    public async Task InvalidTransitionsAreRefusedAndChangeNothing()
    {
        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag)));
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120)]);
        var draft = await DigestAsync();

        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_verKemendag, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "x")));
        Assert.Equal(draft, await DigestAsync());

        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        var submitted = await DigestAsync();
        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_verKemendag, s => s.ReturnAsync(s_q3, Ministry.Kemendag, " ")));
        Assert.Equal(submitted, await DigestAsync());

        await AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag));
        var verified = await DigestAsync();
        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<WorkflowException>(() => AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag)));
        Assert.Equal(verified, await DigestAsync());
    }

    [Fact]
    public async Task SecondSaveOfTheSameFigureIsAConflictShowingTheOtherValueUntilOverwritten()
    {
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120)]);
        // Two people loaded version 0; the first saves 130.
        Assert.True((await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 130, 0)])).Saved);
        var before = await DigestAsync();

        var second = await SaveAsync(TestUser.As("admin@x", Roles.Admin), Ministry.Kemendag, [Umkm("35", 140, 0), Umkm("33", 7)]);

        var conflict = Assert.Single(second.Conflicts);
        Assert.Equal(130, conflict.TheirValue);
        Assert.Equal("op.kemendag@x", conflict.TheirUser);
        Assert.Equal(before, await DigestAsync());

        var overwrite = await SaveAsync(TestUser.As("admin@x", Roles.Admin), Ministry.Kemendag, [Umkm("35", 140, 0) with { Overwrite = true }]);
        Assert.True(overwrite.Saved);
        await using var db = _db.OpenContext();
        Assert.Equal(140, (await db.Observations.SingleAsync()).Value);
    }

    [Fact]
    public async Task LockedQuarterRefusesEveryWriteAndUnlockNeedsAReason()
    {
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120)]);
        await using (var admin = _db.Scope(TestUser.As("admin@x", Roles.Admin)))
        {
            await _db.Get<PeriodService>(admin).LockAsync(s_q3);
        }
        var before = await DigestAsync();

        await Assert.ThrowsAsync<QuarterLockedException>(() => SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 1, 0)]));
        await Assert.ThrowsAsync<QuarterLockedException>(() => AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<QuarterLockedException>(() => AsAsync(s_verKemendag, s => s.VerifyAsync(s_q3, Ministry.Kemendag)));
        await Assert.ThrowsAsync<QuarterLockedException>(() => AsAsync(s_verKemendag, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "x")));
        await using (var scope = _db.Scope(s_opKemendag))
        {
            var sheet = await _db.Get<DataEntryService>(scope).GetSheetAsync(s_q3, Ministry.Kemendag);
            Assert.True(sheet.IsLocked);
            Assert.False(sheet.CanEdit);
        }
        Assert.Equal(before, await DigestAsync());

        await using var unlock = _db.Scope(TestUser.As("admin@x", Roles.Admin));
        await Assert.ThrowsAsync<UserMessageException>(() => _db.Get<PeriodService>(unlock).UnlockAsync(s_q3, " "));
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
        {
            await using var op = _db.Scope(s_opKemendag);
            await _db.Get<PeriodService>(op).UnlockAsync(s_q3, "koreksi");
        });
        await _db.Get<PeriodService>(unlock).UnlockAsync(s_q3, "Koreksi data BP3MI setelah rapat");
        Assert.True((await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 1, 0)])).Saved);
    }

    [Fact]
    public async Task EachWriteLeavesExactlyTheAuditEntriesExpected()
    {
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 120), Umkm("33", 80)]);
        await SaveAsync(s_opKemendag, Ministry.Kemendag, [Umkm("35", 125, 0), Umkm("33", null, 0)]);
        await AsAsync(s_opKemendag, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        await AsAsync(s_verKemendag, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "Cek ulang"));
        await using (var admin = _db.Scope(TestUser.As("admin@x", Roles.Admin)))
        {
            await _db.Get<PeriodService>(admin).LockAsync(s_q3);
            await _db.Get<PeriodService>(admin).UnlockAsync(s_q3, "Koreksi");
        }

        await using var db = _db.OpenContext();
        var trail = await db.AuditEntries.OrderBy(a => a.Id)
            .Select(a => new { a.UserName, a.Action, a.EntityType, a.Reason, a.NewValues, a.OldValues }).ToListAsync();
        Assert.Equal(
        [
            "op.kemendag@x Create Observation", "op.kemendag@x Create Observation",
            "op.kemendag@x Update Observation", "op.kemendag@x Delete Observation",
            // A workflow step is one entry: the figures it moved are listed in the report's entry.
            "op.kemendag@x Create Submission",
            "ver.kemendag@x StatusChange Submission",
            "admin@x StatusChange Period", "admin@x StatusChange Period",
        ], trail.Select(a => $"{a.UserName} {a.Action} {a.EntityType}").ToList());
        var update = trail[2];
        Assert.Contains("120", update.OldValues, StringComparison.Ordinal);
        Assert.Contains("125", update.NewValues, StringComparison.Ordinal);
        Assert.Contains("\"Moved\":{\"Observation\":[", trail[4].NewValues, StringComparison.Ordinal);
        Assert.Equal("Cek ulang", trail[5].Reason);
        Assert.Equal("Koreksi", trail[7].Reason);
    }
}
