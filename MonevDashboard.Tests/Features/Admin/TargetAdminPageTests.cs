using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Targets;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Admin;

/// <summary>The target grid page against the real service and SQLite: what is typed is what is stored.</summary>
public sealed class TargetAdminPageTests : MonevTestContext
{
    private const string Trained = "P1-PMI-TRAINED";

    private readonly Arranged _arranged;

    public TargetAdminPageTests() : this(new Arranged())
    {
    }

    private TargetAdminPageTests(Arranged arranged)
        : base(services =>
        {
            services.AddSingleton(_ => arranged.Service ?? throw new InvalidOperationException("Arrange first."));
            services.AddSingleton(_ => arranged.Clock ?? throw new InvalidOperationException("Arrange first."));
        }) => _arranged = arranged;

    /// <summary>The real service of a test database, filled in by each test before it renders.</summary>
    private sealed class Arranged
    {
        public TargetAdminService? Service { get; set; }
        public TimeProvider? Clock { get; set; }
    }

    private async Task<(TestDatabase Database, int IndicatorId)> ArrangeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        int id;
        await using (var db = database.OpenContext())
        {
            id = await db.Indicators.Where(i => i.Code == Trained).Select(i => i.Id).SingleAsync();
            db.Targets.AddRange(
                new Target { IndicatorId = id, Year = 2026, Quarter = Target.Annual, Value = 6000 },
                new Target { IndicatorId = id, Year = 2026, Quarter = 1, Value = 1500 });
            await db.SaveChangesAsync();
        }
        var scope = database.Scope(TestUser.As("admin.grid@x", Roles.Admin));
        _arranged.Service = database.Get<TargetAdminService>(scope);
        _arranged.Clock = database.Clock;
        return (database, id);
    }

    private static string Cell(int quarter) => $"input[data-cell='{Trained}|{quarter}']";

    [Fact]
    public async Task TypedIdIdNumbersAreStoredAndBlankRemovesATargetWhileZeroIsATargetOfZero()
    {
        var (database, id) = await ArrangeAsync();
        await using var _ = database;
        var page = Render<TargetAdminPage>();
        page.WaitForAssertion(() => Assert.Equal("1.500", page.Find(Cell(1)).GetAttribute("value")));

        page.Find(Cell(1)).Change("");
        page.Find(Cell(2)).Change("1.234");
        page.Find(Cell(3)).Change("0");
        page.Find(Cell(4)).Change("5.000");

        page.WaitForAssertion(() => Assert.Equal("4 perubahan belum disimpan", page.Find("[data-testid=target-dirty]").TextContent.Trim()));
        Assert.Equal("⚠ TW I–IV berjumlah 6.234, target tahunan 6.000.",
            page.Find($"[data-code='{Trained}'] [data-testid=sum-hint]").TextContent.Trim());
        page.Find("[data-testid=save-targets]").Click();

        page.WaitForAssertion(() => Assert.Equal("0 perubahan belum disimpan", page.Find("[data-testid=target-dirty]").TextContent.Trim()));
        await using var db = database.OpenContext();
        var stored = await db.Targets.Where(t => t.IndicatorId == id && t.Year == 2026).ToDictionaryAsync(t => t.Quarter, t => t.Value);
        Assert.Equal(new Dictionary<int, double> { [0] = 6000, [2] = 1234, [3] = 0, [4] = 5000 }, stored);
        Assert.Equal("", page.Find(Cell(1)).GetAttribute("value"));
        Assert.Equal("0", page.Find(Cell(3)).GetAttribute("value"));
        Assert.Equal("1.234", page.Find(Cell(2)).GetAttribute("value"));
    }

    [Fact]
    public async Task TextThatIsNotANumberOrANegativeTargetMarksTheCellAndBlocksSaving()
    {
        var (database, _) = await ArrangeAsync();
        await using var __ = database;
        var page = Render<TargetAdminPage>();
        page.WaitForAssertion(() => page.Find(Cell(0)));

        page.Find(Cell(2)).Change("seribu");
        page.Find(Cell(3)).Change("-5");
        page.Find(Cell(4)).Change("1,5");

        // The change handlers render asynchronously; on a loaded machine the marks come a moment after Change returns.
        page.WaitForAssertion(() =>
        {
            Assert.Contains("entry-error", page.Find(Cell(2)).ClassList);
            Assert.Equal("Bukan angka yang valid; gunakan format 1.234,5.", page.Find(Cell(2)).GetAttribute("title"));
            Assert.Equal("Nilai tidak boleh negatif (tertulis -5).", page.Find(Cell(3)).GetAttribute("title"));
            // People are counted whole: a target of 1,5 orang is refused with the figures' own words.
            Assert.Equal("Nilai harus bilangan bulat karena satuannya orang dihitung utuh (tertulis 1,5).", page.Find(Cell(4)).GetAttribute("title"));
            Assert.True(page.Find("[data-testid=save-targets]").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task CellsOfALockedQuarterAndTheAnnualTargetOfItsYearAreReadOnlyWithTheReason()
    {
        var (database, _) = await ArrangeAsync();
        await using var __ = database;
        await using (var admin = database.Scope(TestUser.As("admin.lock@x", Roles.Admin)))
        {
            await database.Get<MonevDashboard.Features.Periods.PeriodService>(admin).LockAsync(new YearQuarter(2026, 1));
        }
        var page = Render<TargetAdminPage>();
        page.WaitForAssertion(() => page.Find(Cell(2)));

        Assert.Empty(page.FindAll(Cell(0)));
        Assert.Empty(page.FindAll(Cell(1)));
        var quarterOne = page.Find($"td[data-cell='{Trained}|1']");
        Assert.Equal("true", quarterOne.GetAttribute("data-locked"));
        Assert.Equal("1.500", quarterOne.TextContent.Trim());
        Assert.StartsWith("Triwulan I 2026 sudah dikunci", quarterOne.GetAttribute("title"), StringComparison.Ordinal);
        Assert.StartsWith("Target tahunan dibekukan karena Triwulan I 2026", page.Find($"td[data-cell='{Trained}|0']").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("[data-testid=target-locked]").Count);
        Assert.Null(page.Find(Cell(2)).GetAttribute("readonly"));
    }
}
