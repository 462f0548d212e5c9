using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

/// <summary>
/// The issue's example laid out as observations (by province and sex, TW II → TW III 2026): what the maintained totals
/// give <see cref="ChangeExplanationService"/>, and the indicator page's panel and the narrative editor's draft button.
/// </summary>
public static class ChangeExplanationExample
{
    public static readonly YearQuarter Period = new(2026, 3);
    public const string Indicator = "P1-PMI-TRAINED";

    /// <summary>The sentence the issue asks for, opening the draft.</summary>
    public const string Clause = "Turun 339 orang dibanding TW II; Jawa Timur −210 dan Jawa Barat −95 menjelaskan 90%";

    // Province, L, P: TW II 1.050 (L 640, P 410); TW III 711 (L 440, P 271). Both sexes would need two names as well,
    // so the provinces, the finer dimension, explain it.
    private static readonly (string Province, double L2, double P2, double L3, double P3)[] s_cells =
    [
        ("31", 30, 20, 20, 16), ("32", 250, 150, 200, 105), ("33", 60, 40, 50, 30), ("35", 300, 200, 170, 120),
    ];

    public static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        var id = await db.Indicators.Where(i => i.Code == Indicator).Select(i => i.Id).SingleAsync();
        foreach (var (province, l2, p2, l3, p3) in s_cells)
        {
            foreach (var (quarter, sex, value) in new[] { (2, "L", l2), (2, "P", p2), (3, "L", l3), (3, "P", p3) })
            {
                db.Observations.Add(new Observation { IndicatorId = id, Year = 2026, Quarter = quarter, ProvinceCode = province, Sex = sex, Value = value });
            }
        }
        await db.SaveChangesAsync();
    }
}

/// <summary><see cref="ChangeExplanationService"/> on real SQLite: the figures come from the maintained totals.</summary>
public sealed class ChangeExplanationServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await ChangeExplanationExample.SeedAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TheIssuesExampleIsExplainedByProvinceFromTheMaintainedTotals()
    {
        await using var scope = _database.Scope();
        var explanation = await _database.Get<ChangeExplanationService>(scope).GetAsync(ChangeExplanationExample.Period, ChangeExplanationExample.Indicator);

        Assert.NotNull(explanation);
        Assert.Equal((Disaggregation.Province, 1050d, 711d), (explanation.Dimension, explanation.Change.Before!.Value, explanation.Change.After!.Value));
        Assert.Equal(["35", "32"], explanation.Change.Contributors.Select(c => c.Code));
        Assert.StartsWith(ChangeExplanationExample.Clause, explanation.Sentence(TestLocalizer(scope), english: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryActiveIndicatorIsExplainedOnceAndARatioIsNeverSplit()
    {
        await using var scope = _database.Scope();
        var all = await _database.Get<ChangeExplanationService>(scope).GetAllAsync(ChangeExplanationExample.Period);

        Assert.Equal(Disaggregation.Province, all[ChangeExplanationExample.Indicator].Dimension);
        await using var db = _database.OpenContext();
        var ratios = await db.Indicators.Where(i => i.IsActive && (i.Aggregation == TimeAggregation.Ratio || i.Aggregation == TimeAggregation.Derived)).Select(i => i.Code).ToListAsync();
        Assert.NotEmpty(ratios);
        Assert.All(ratios, code => Assert.Empty(all[code].Change.Contributors));
        Assert.Equal(await db.Indicators.CountAsync(i => i.IsActive), all.Count);
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer TestLocalizer(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
}

/// <summary>The panel on the indicator page and the draft button of the narrative editor (bUnit over real SQLite).</summary>
public sealed class ChangeExplanationSurfaceTests : MonevTestContext
{
    private static TestDatabase? s_db;
    private static AsyncServiceScope s_scope;

    public ChangeExplanationSurfaceTests() : base(Register)
    {
    }

    // bUnit needs its services before the first render, so the database is made here, synchronously, once.
    private static void Register(IServiceCollection services)
    {
        if (s_db is null)
        {
            s_db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
            ChangeExplanationExample.SeedAsync(s_db).GetAwaiter().GetResult();
            s_scope = s_db.Scope(TestUser.As("admin@x", Roles.Admin));
        }
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<ChangeExplanationService>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<ReviewService>());
    }

    [Fact]
    public void TheIndicatorPagePanelShowsTheSentenceAndSaysTheTargetIsNotSplit()
    {
        var panel = Render<ChangeExplanationPanel>(p => p
            .Add(c => c.Period, ChangeExplanationExample.Period).Add(c => c.IndicatorCode, ChangeExplanationExample.Indicator));

        panel.WaitForAssertion(() => Assert.StartsWith(ChangeExplanationExample.Clause,
            panel.Find("[data-testid=change-explanation-text]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("Penjelasan perubahan", panel.Find("h2").TextContent.Trim());
        Assert.Equal("Province", panel.Find("[data-testid=change-explanation-text]").GetAttribute("data-dimension"));
    }

    [Fact]
    public void WithAProvinceFilterThePanelSaysItExplainsOnlyTheNationalFigure()
    {
        var panel = Render<ChangeExplanationPanel>(p => p
            .Add(c => c.Period, ChangeExplanationExample.Period).Add(c => c.IndicatorCode, ChangeExplanationExample.Indicator).Add(c => c.Filtered, true));

        Assert.Empty(panel.FindAll("[data-testid=change-explanation-text]"));
        Assert.Contains("hapus filter provinsi", panel.Find("[data-testid=change-explanation-filtered]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDraftButtonPutsTheSentenceInTheAnalysisOnceAndStoresNothing()
    {
        var explanation = await s_scope.ServiceProvider.GetRequiredService<ChangeExplanationService>()
            .GetAsync(ChangeExplanationExample.Period, ChangeExplanationExample.Indicator);
        var row = new NarrativeRow(ChangeExplanationExample.Indicator, "Dilatih", "Trained", "P1", Ministry.Kp2mi, AchievementStatus.NeedsAttention,
            70, "Pelatihan tertunda.", "", "", null, null, 0, CanEdit: true);

        var editor = Render<NarrativeEditor>(p => p.Add(c => c.Row, row).Add(c => c.Period, ChangeExplanationExample.Period).Add(c => c.Explanation, explanation));
        Assert.Equal("Sisipkan draf penjelasan", editor.Find("[data-testid=insert-explanation]").TextContent.Trim());
        editor.Find("[data-testid=insert-explanation]").Click();
        editor.Find("[data-testid=insert-explanation]").Click();   // a second press does not repeat it

        var analysis = editor.Find("[data-testid=narrative-analysis] textarea, textarea").GetAttribute("value") ?? editor.Find("textarea").TextContent;
        Assert.StartsWith("Pelatihan tertunda.\n" + ChangeExplanationExample.Clause, analysis, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(analysis, "menjelaskan 90%"));
        await using var db = s_db!.OpenContext();
        Assert.Empty(db.Narratives);
    }

    [Fact]
    public async Task AReaderWhoCannotEditGetsNoDraftButton()
    {
        var row = new NarrativeRow(ChangeExplanationExample.Indicator, "Dilatih", "Trained", "P1", Ministry.Kp2mi, AchievementStatus.NeedsAttention,
            70, "", "", "", null, null, 0, CanEdit: false);
        var explanation = await s_scope.ServiceProvider.GetRequiredService<ChangeExplanationService>()
            .GetAsync(ChangeExplanationExample.Period, ChangeExplanationExample.Indicator);

        var editor = Render<NarrativeEditor>(p => p.Add(c => c.Row, row).Add(c => c.Period, ChangeExplanationExample.Period).Add(c => c.Explanation, explanation));

        Assert.Empty(editor.FindAll("[data-testid=insert-explanation]"));
    }
}
