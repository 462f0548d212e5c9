using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

/// <summary>
/// The stored side of cross-indicator checks: the rules seeded with the results framework, evaluated over the
/// maintained totals; only Admin edits them (audited); a reviewer's explanation is stored with who and when, audited,
/// and moves the violation to the explained list.
/// </summary>
public sealed class CrossIndicatorRuleServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_admin = TestUser.As("admin.rules@x", Roles.Admin);
    private static readonly UserAccess s_chair = TestUser.As("pimpinan.rules@x", Roles.Pimpinan);
    private static readonly YearQuarter s_quarter = new(2026, 3);

    private TestDatabase _db = null!;
    private int _trained;
    private int _certified;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.OpenContext();
        _trained = (await db.Indicators.SingleAsync(i => i.Code == "P1-PMI-TRAINED")).Id;
        _certified = (await db.Indicators.SingleAsync(i => i.Code == "P1-PMI-CERTIFIED")).Id;
        Observation Cell(int indicator, string province, string sex, double value) => new()
        {
            IndicatorId = indicator, Year = s_quarter.Year, Quarter = s_quarter.Quarter, ProvinceCode = province, Sex = sex, Value = value, UpdatedAt = DateTime.UtcNow,
        };
        // Jawa Timur: 70 certified of 50 trained men (broken); Jawa Tengah: 20 of 40 (holds).
        db.Observations.AddRange(Cell(_trained, "35", "L", 50), Cell(_certified, "35", "L", 70), Cell(_trained, "33", "L", 40), Cell(_certified, "33", "L", 20));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<IReadOnlyList<CrossRuleViolation>> ViolationsAsync()
    {
        await using var scope = _db.Scope(s_chair);
        return await _db.Get<CrossIndicatorChecks>(scope).ForQuarterAsync(s_quarter);
    }

    [Fact]
    public async Task TheFrameworksRulesAreSeededAndReadFromTheMaintainedTotals()
    {
        await using (var db = _db.OpenContext())
        {
            Assert.Equal(["CERTIFIED-LE-TRAINED", "ENTREPRENEURS-LE-TRAINED"], await db.IndicatorRules.OrderBy(r => r.Code).Select(r => r.Code).ToListAsync());
        }

        var violations = await ViolationsAsync();

        // Per province: Jawa Timur 70 > 50; and per sex: men 90 > 90? no — 90 ≤ 90 holds. The totals rule has no entrepreneurs: missing.
        var v = Assert.Single(violations);
        Assert.Equal(("CERTIFIED-LE-TRAINED", FigureLevel.Province, "35", 70d, 50d), (v.Rule.Code, v.Place.Level, v.Place.Code, v.Left, v.Right));
        Assert.Null(v.Explanation);
    }

    public static TheoryData<string> NonAdminRoles() => [Roles.OperatorKemendag, Roles.OperatorKp2mi, Roles.Verifier, Roles.Pimpinan, Roles.Viewer];

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task OnlyAdminListsOrEditsRulesAndARefusalChangesNothing(string role)
    {
        var user = TestUser.As("someone@x", role, Ministry.Kp2mi);
        var before = await _db.DigestAsync("IndicatorRules") + await _db.DigestAsync("AuditEntries");
        await using (var scope = _db.Scope(user))
        {
            var service = _db.Get<IndicatorRuleAdminService>(scope);
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveAsync(new IndicatorRuleEdit
            {
                Code = "SNEAKY", LeftIndicatorId = _certified, RightIndicatorId = _trained, MessageId = "x",
            }));
        }
        Assert.Equal(before, await _db.DigestAsync("IndicatorRules") + await _db.DigestAsync("AuditEntries"));
    }

    [Fact]
    public async Task AdminDisablesARuleAndItIsAuditedAndNoLongerChecked()
    {
        await using (var scope = _db.Scope(s_admin))
        {
            var service = _db.Get<IndicatorRuleAdminService>(scope);
            var row = (await service.ListAsync()).Single(r => r.Code == "CERTIFIED-LE-TRAINED");
            var edit = IndicatorRuleEdit.Of(row);
            edit.IsActive = false;
            Assert.Empty(await service.SaveAsync(edit));
        }

        Assert.Empty(await ViolationsAsync());
        await using var db = _db.OpenContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "IndicatorRule");
        Assert.Equal(("Update", "CERTIFIED-LE-TRAINED", "admin.rules@x"), (entry.Action, entry.EntityKey, entry.UserName));
        Assert.False(JsonDocument.Parse(entry.NewValues!).RootElement.GetProperty("IsActive").GetBoolean());
    }

    [Fact]
    public async Task AdminAddsARuleThatIsCheckedAtOnceAndBadRulesAreRefusedWithReasons()
    {
        await using (var scope = _db.Scope(s_admin))
        {
            var service = _db.Get<IndicatorRuleAdminService>(scope);
            var derived = await ListIdAsync("P4-REPORT-ONTIME");
            Assert.Equal(["Indikator kiri dan kanan harus berbeda."],
                await service.SaveAsync(new IndicatorRuleEdit { Code = "SAME", LeftIndicatorId = _trained, RightIndicatorId = _trained, MessageId = "x" }));
            Assert.Equal(["Kode aturan CERTIFIED-LE-TRAINED sudah dipakai.", "Indikator P4-REPORT-ONTIME dihitung sistem dan tidak dapat dipakai dalam aturan.", "Pesan dalam Bahasa Indonesia wajib diisi."],
                await service.SaveAsync(new IndicatorRuleEdit { Code = "certified-le-trained", LeftIndicatorId = derived, RightIndicatorId = _trained, MessageId = " " }));
            Assert.Empty(await service.SaveAsync(new IndicatorRuleEdit
            {
                Code = "trained-ge-certified-total", LeftIndicatorId = _trained, Comparison = RuleComparison.AtLeast, RightIndicatorId = _certified,
                Scope = RuleScope.Totals, MessageId = "Total dilatih paling sedikit total bersertifikat.",
            }));
        }

        // Totals: trained 90 ≥ certified 90 holds; make it 91 certified and it breaks.
        await using (var db = _db.OpenContext())
        {
            db.Observations.Add(new Observation { IndicatorId = _certified, Year = 2026, Quarter = 3, ProvinceCode = "31", Sex = "P", Value = 1, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var added = Assert.Single(await ViolationsAsync(), v => v.Rule.Code == "TRAINED-GE-CERTIFIED-TOTAL");
        Assert.Equal((FigurePlace.Totals, 90d, 91d), (added.Place, added.Left, added.Right));
        await using var check = _db.OpenContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.EntityType == "IndicatorRule" && a.Action == "Create"));
    }

    private async Task<int> ListIdAsync(string code)
    {
        await using var db = _db.OpenContext();
        return (await db.Indicators.SingleAsync(i => i.Code == code)).Id;
    }

    [Fact]
    public async Task AReviewersExplanationIsStoredWithWhoAndWhenAuditedAndMovesTheViolationToExplained()
    {
        var open = Assert.Single(await ViolationsAsync());
        _db.Clock.Now = new DateTimeOffset(2026, 10, 20, 3, 15, 0, TimeSpan.Zero);

        await using (var scope = _db.Scope(s_chair))
        {
            await _db.Get<CrossIndicatorChecks>(scope).ExplainAsync(open.Rule.Id, s_quarter, open.Place,
                "  Sertifikasi Jawa Timur mencakup peserta pelatihan TW II.  ");
        }

        var explained = Assert.Single(await ViolationsAsync());
        Assert.Equal("Sertifikasi Jawa Timur mencakup peserta pelatihan TW II.", explained.Explanation!.Text);
        Assert.Equal("pimpinan.rules@x", explained.Explanation.ExplainedBy);
        await using var db = _db.OpenContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "RuleExplanation");
        Assert.Equal(("Create", "pimpinan.rules@x", 2026, 3), (entry.Action, entry.UserName, entry.Year, entry.Quarter));
        Assert.Contains("Sertifikasi Jawa Timur", entry.NewValues, StringComparison.Ordinal);
        var stored = await db.RuleExplanations.SingleAsync();
        Assert.Equal((FigureLevel.Province, "35", "pimpinan.rules@x"), (stored.Level, stored.Code, stored.UpdatedBy));
        Assert.Equal(_db.Clock.Now.UtcDateTime, stored.UpdatedAt);
    }

    [Fact]
    public async Task OnlyThoseWhoManageTheReviewMayExplainAndAnEmptyExplanationIsRefused()
    {
        var open = Assert.Single(await ViolationsAsync());
        await using (var scope = _db.Scope(TestUser.As("op@x", Roles.OperatorKp2mi, Ministry.Kp2mi)))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<CrossIndicatorChecks>(scope).ExplainAsync(open.Rule.Id, s_quarter, open.Place, "Alasan"));
        }
        await using (var scope = _db.Scope(s_chair))
        {
            var empty = await Assert.ThrowsAsync<UserMessageException>(() => _db.Get<CrossIndicatorChecks>(scope).ExplainAsync(open.Rule.Id, s_quarter, open.Place, "   "));
            Assert.Equal("Tulis penjelasan sebelum menyimpan.", empty.Message);
        }
        Assert.Null(Assert.Single(await ViolationsAsync()).Explanation);
        await using var db = _db.OpenContext();
        Assert.Equal(0, await db.RuleExplanations.CountAsync());
    }
}
