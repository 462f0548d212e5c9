using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

/// <summary>The verifier's aids on the service side: a return reason pointing at cells, and the cells changed since the
/// last verification with their value then (from the audit trail).</summary>
public sealed class EntryVerifierAidsServiceTests : IAsyncLifetime
{
    private const string Umkm = "P3-UMKM-FACILITATED";
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_operator = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_verifier = TestUser.As("ver.kemendag@x", Roles.Verifier, Ministry.Kemendag);
    private static readonly UserAccess s_admin = TestUser.As("admin@x", Roles.Admin);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static CellKey Key(string province) => new(Umkm, province, "", "");

    private async Task<T> AsAsync<T>(UserAccess user, Func<DataEntryService, Task<T>> action)
    {
        await using var scope = _db.Scope(user);
        return await action(_db.Get<DataEntryService>(scope));
    }

    private Task AsAsync(UserAccess user, Func<DataEntryService, Task> action) => AsAsync(user, async s => { await action(s); return true; });

    private Task<EntrySheet> SheetAsync(UserAccess user) => AsAsync(user, s => s.GetSheetAsync(s_q3, Ministry.Kemendag));

    /// <summary>Saves the values (null = blank) against the versions the user's sheet shows now.</summary>
    private async Task SaveAsync(UserAccess user, string? reason, params (string Province, double? Value)[] values)
    {
        var cells = (await SheetAsync(user)).Sections.Single(s => s.Code == Umkm).Cells;
        var edits = values.Select(v => new CellEdit(Key(v.Province), v.Value, null, null, cells.GetValueOrDefault(Key(v.Province))?.Version)).ToList();
        var result = await AsAsync(user, s => s.SaveAsync(s_q3, Ministry.Kemendag, edits, reason));
        Assert.True(result.Saved, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private async Task<IReadOnlyDictionary<CellKey, StoredCell>> CellsAsync() =>
        (await SheetAsync(s_operator)).Sections.Single(s => s.Code == Umkm).Cells;

    [Fact]
    public async Task TheReturnReasonPointsOnlyAtTheTickedCellsUntilTheyAreCorrectedOrResubmitted()
    {
        await SaveAsync(s_operator, null, ("35", 120), ("33", 80), ("32", 10));
        await AsAsync(s_operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        await AsAsync(s_verifier, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "Jawa Timur dan Jawa Barat tidak sesuai", [Key("35"), Key("32")]));

        var cells = await CellsAsync();
        Assert.All(cells.Values, c => Assert.Equal(ObservationStatus.Returned, c.Status));
        Assert.Equal("Jawa Timur dan Jawa Barat tidak sesuai", cells[Key("35")].ReturnReason);
        Assert.Equal("Jawa Timur dan Jawa Barat tidak sesuai", cells[Key("32")].ReturnReason);
        Assert.Null(cells[Key("33")].ReturnReason);
        Assert.Equal("Jawa Timur dan Jawa Barat tidak sesuai", (await SheetAsync(s_operator)).ReturnReason);

        // Corrected, a cell no longer carries the reason; the other pointed cell still does until the report goes again.
        await SaveAsync(s_operator, "Dikoreksi", ("35", 125));
        cells = await CellsAsync();
        Assert.Null(cells[Key("35")].ReturnReason);
        Assert.Equal("Jawa Timur dan Jawa Barat tidak sesuai", cells[Key("32")].ReturnReason);
        await AsAsync(s_operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        Assert.All((await CellsAsync()).Values, c => Assert.Null(c.ReturnReason));

        // One audit entry for the return, as for every workflow step.
        await using var db = _db.OpenContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == SubmissionAudit.Name && a.Reason == "Jawa Timur dan Jawa Barat tidak sesuai"));
    }

    [Fact]
    public async Task AReturnPointingAtACellThatIsNoSubmittedFigureIsRefusedAndNothingMoves()
    {
        await SaveAsync(s_operator, null, ("35", 120));
        await AsAsync(s_operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        var before = await _db.DigestAsync("Observations") + await _db.DigestAsync("Submissions");

        var refused = await Assert.ThrowsAsync<WorkflowException>(() =>
            AsAsync(s_verifier, s => s.ReturnAsync(s_q3, Ministry.Kemendag, "cek", [Key("35"), Key("31")])));

        Assert.Contains("31", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _db.DigestAsync("Observations") + await _db.DigestAsync("Submissions"));
    }

    [Fact]
    public async Task TheCellsChangedSinceTheLastVerificationAreThoseThatDifferNowWithTheirValueThen()
    {
        await SaveAsync(s_operator, null, ("35", 120), ("33", 80), ("32", 10));
        await AsAsync(s_operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        Assert.Empty((await SheetAsync(s_verifier)).Sections.SelectMany(s => s.ChangedSinceVerification));
        await AsAsync(s_verifier, s => s.VerifyAsync(s_q3, Ministry.Kemendag));
        Assert.Equal(0, (await SheetAsync(s_verifier)).ChangedSinceVerificationCount);

        // Changed twice, changed and changed back, removed, added.
        await SaveAsync(s_admin, "Koreksi 1", ("35", 130), ("33", 90), ("32", null), ("31", 5));
        await SaveAsync(s_admin, "Koreksi 2", ("35", 140), ("33", 80));
        await AsAsync(s_operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));

        var sheet = await SheetAsync(s_verifier);
        var changed = sheet.Sections.Single(s => s.Code == Umkm).ChangedSinceVerification;
        Assert.True(sheet.ShowsChangesSinceVerification);
        Assert.NotNull(sheet.LastVerifiedAt);
        Assert.Equal(3, sheet.ChangedSinceVerificationCount);
        Assert.Equal(["31", "32", "35"], changed.Keys.Select(k => k.ProvinceCode).Order());
        Assert.Equal(120, changed[Key("35")].Value);
        Assert.Equal(10, changed[Key("32")].Value);
        Assert.True(changed[Key("31")].IsBlank);

        // The entering official is not shown the verifier's marks.
        var forOperator = await SheetAsync(s_operator);
        Assert.False(forOperator.ShowsChangesSinceVerification);
        Assert.Empty(forOperator.Sections.SelectMany(s => s.ChangedSinceVerification));

        // Verified again, nothing differs from the new verification.
        await AsAsync(s_verifier, s => s.VerifyAsync(s_q3, Ministry.Kemendag));
        Assert.Equal(0, (await SheetAsync(s_verifier)).ChangedSinceVerificationCount);
    }
}

/// <summary>The one rule of what the grid says about a cell, and the list that takes (cell, message) pairs from any check.</summary>
public sealed class EntryCellMessagesTests : MonevTestContext
{
    private const string Umkm = "P3-UMKM-FACILITATED";

    public EntryCellMessagesTests() : base(services => services.AddScoped<ObservationRules>())
    {
    }

    private static CellKey Key(string province) => new(Umkm, province, "", "");

    private static EntrySheet Sheet(IReadOnlyDictionary<CellKey, StoredCell> cells)
    {
        var section = new EntrySection(Umkm, "UMKM yang difasilitasi ekspor", "MSMEs", "UMKM", Ministry.Kemendag, TimeAggregation.Sum,
            Disaggregation.Province, false, ["33", "35"], [], cells, new Dictionary<CellKey, double>(), 2);
        return new EntrySheet(new YearQuarter(2026, 3), Ministry.Kemendag, SubmissionStatus.Returned, null, null, null, "Cek", "ver", false,
            true, true, false, true, [section], new Dictionary<string, string>(), new Dictionary<string, string>())
        {
            Report = ReportState.Of(new YearQuarter(2026, 3), SubmissionStatus.Returned, new DateOnly(2026, 11, 28)),
        };
    }

    [Fact]
    public void EveryCellWithAMessageIsListedTheTypedErrorAndTheCellTheReturnPointsAtButNotAPlainReturnedCell()
    {
        var stored = new Dictionary<CellKey, StoredCell>
        {
            [Key("33")] = new(Key("33"), 80, null, null, ObservationStatus.Returned, null, 2, "op", DateTime.UtcNow),
            [Key("35")] = new(Key("35"), 120, null, null, ObservationStatus.Returned, "Tidak sesuai laporan Dinas", 2, "op", DateTime.UtcNow),
        };
        var sheet = Sheet(stored);
        var drafts = new Dictionary<CellKey, CellDraft> { [Key("11")] = new(Key("11"), null) { Value = "1,5" } };
        var rules = Services.GetRequiredService<ObservationRules>();
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var messages = EntryCellMessages.All(sheet, drafts, rules, new Dictionary<CellKey, string>(), localizer);

        Assert.Equal([Key("11"), Key("35")], messages.Select(m => m.Key));
        Assert.Equal(EntryMessageKind.Error, messages[0].Kind);
        Assert.Contains("bilangan bulat", messages[0].Message, StringComparison.Ordinal);
        Assert.Equal(EntryMessageKind.Returned, messages[1].Kind);
        Assert.Equal("Dikembalikan: Tidak sesuai laporan Dinas", messages[1].Message);

        // Once the pointed cell is typed over, it says what the new value needs, not the old reason.
        drafts[Key("35")] = new CellDraft(Key("35"), stored[Key("35")]) { Value = "125" };
        Assert.DoesNotContain(EntryCellMessages.All(sheet, drafts, rules, new Dictionary<CellKey, string>(), localizer), m => m.Key == Key("35"));
    }

    [Fact]
    public void TheListShowsEachMessageWithItsCellAndJumpsToTheCellClicked()
    {
        CellKey? jumped = null;
        var list = Render<EntryMessageList>(p => p
            .Add(c => c.Messages, [new EntryCellMessage(Key("35"), "Nilai harus bilangan bulat"), new EntryCellMessage(Key("33"), "Naik sepuluh kali", EntryMessageKind.Warning)])
            .Add(c => c.CellLabel, k => $"{k.IndicatorCode} · {k.ProvinceCode}")
            .Add(c => c.OnJump, (CellKey k) => jumped = k));

        var lines = list.FindAll("li");
        Assert.Equal(2, lines.Count);
        Assert.Contains("P3-UMKM-FACILITATED · 35", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Nilai harus bilangan bulat", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Warning", lines[1].GetAttribute("data-kind"));
        Assert.Contains("1 kesalahan, 1 peringatan", list.Find("h2").TextContent, StringComparison.Ordinal);

        list.FindAll("[data-testid=entry-message-jump]")[1].Click();
        Assert.Equal(Key("33"), jumped);
        Assert.Equal(EntryCellMessages.ElementId(Key("33")), list.FindAll("[data-testid=entry-message-jump]")[1].GetAttribute("data-target"));
    }

    [Fact]
    public void AnEmptyListRendersNothing()
    {
        var list = Render<EntryMessageList>(p => p
            .Add(c => c.Messages, [])
            .Add(c => c.CellLabel, k => k.IndicatorCode));

        Assert.Empty(list.Markup.Trim());
    }
}
