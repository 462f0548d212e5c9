using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;

namespace MonevDashboard.Tests.Domain;

/// <summary>
/// Issue #17 item 6, "explain the change": <see cref="ChangeDecomposition"/> on constructed cases and the sentence
/// <see cref="ChangeExplanationText"/> writes from it, in Indonesian and English.
/// </summary>
public sealed class ChangeExplanationTests
{
    private static readonly IStringLocalizer<SharedResource> s_localizer = new ServiceCollection().AddLogging().AddMonevLocalization()
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();

    private static readonly YearQuarter s_tw3 = new(2026, 3);

    private static readonly Dictionary<string, string> s_provinces = new()
    {
        ["31"] = "DKI Jakarta", ["32"] = "Jawa Barat", ["33"] = "Jawa Tengah", ["35"] = "Jawa Timur",
    };

    // The issue's example: 1.050 → 711 orang, Jawa Timur −210 and Jawa Barat −95 of the −339.
    private static readonly ChangeCell[] s_issueExample =
    [
        new("31", 50, 36), new("32", 400, 305), new("33", 100, 80), new("35", 500, 290),
    ];

    private static string Name(string code) => s_provinces.TryGetValue(code, out var name) ? name : code;

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private static string Clause(ChangeExplanation explanation, string unit = "orang", string culture = "id-ID", YearQuarter? period = null) =>
        InCulture(culture, () => ChangeExplanationText.Clause(explanation, Disaggregation.Province, period ?? s_tw3, unit, Name, s_localizer));

    [Fact]
    public void TheIssuesExampleIsReproducedExactly()
    {
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum, s_issueExample);

        Assert.Equal(ChangeExplanationKind.Explained, explanation.Kind);
        Assert.Equal((1050d, 711d, -339d), (explanation.Before!.Value, explanation.After!.Value, explanation.Change!.Value));
        Assert.Equal(["35", "32"], explanation.Contributors.Select(c => c.Code));
        Assert.Equal([-210d, -95d], explanation.Contributors.Select(c => c.Change));
        Assert.Equal(305d / 339, explanation.ExplainedShare, 12);
        Assert.False(explanation.Offsetting);
        Assert.Equal("turun 339 orang dibanding TW II; Jawa Timur −210 dan Jawa Barat −95 menjelaskan 90%", Clause(explanation));
    }

    [Fact]
    public void TheEnglishSentenceSaysTheSameWithTheSameIdIdNumbers()
    {
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum, s_issueExample);

        Assert.Equal("down 339 people on Q2; Jawa Timur −210 and Jawa Barat −95 explain 90%", Clause(explanation, "people", "en-US"));
        var rise = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("35", 1000, 2250)]);
        Assert.Equal("up 1.250 people on Q2; Jawa Timur +1.250 explains 100%", Clause(rise, "people", "en-US"));
    }

    [Fact]
    public void TheDraftSentenceAddsTheGapToTheTargetTheCapaianUsedNamedAsEverywhere()
    {
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum, s_issueExample);
        var quarterTarget = new AchievementResult(711, 2400, 1000, UsesQuarterTarget: true, 71.1, AchievementStatus.NeedsAttention);
        var annualTarget = new AchievementResult(711, 2100, 2000, UsesQuarterTarget: false, 105, AchievementStatus.OnTrack);

        string Sentence(AchievementResult? achievement, string culture, string unit) => InCulture(culture,
            () => ChangeExplanationText.Sentence(explanation, Disaggregation.Province, s_tw3, unit, Name, achievement, s_localizer));

        Assert.Equal("Turun 339 orang dibanding TW II; Jawa Timur −210 dan Jawa Barat −95 menjelaskan 90%; 289 orang di bawah Target TW III.",
            Sentence(quarterTarget, "id-ID", "orang"));
        Assert.Equal("Turun 339 orang dibanding TW II; Jawa Timur −210 dan Jawa Barat −95 menjelaskan 90%; 100 orang di atas Target tahunan.",
            Sentence(annualTarget, "id-ID", "orang"));
        Assert.Equal("Down 339 people on Q2; Jawa Timur −210 and Jawa Barat −95 explain 90%; 289 people below Q3 target.",
            Sentence(quarterTarget, "en-US", "people"));
        Assert.Equal("Turun 339 orang dibanding TW II; Jawa Timur −210 dan Jawa Barat −95 menjelaskan 90%.",
            Sentence(new AchievementResult(711, 2400, null, false, null, AchievementStatus.NoTarget), "id-ID", "orang"));
        Assert.Equal(-289d, ChangeDecomposition.GapToTarget(quarterTarget));
        Assert.Equal(100d, ChangeDecomposition.GapToTarget(annualTarget));
    }

    [Fact]
    public void NoNetChangeSaysSoAndNamesTheOffsettingMovesWhenCellsMoved()
    {
        var still = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("35", 40, 40), new ChangeCell("32", 10, 10)]);
        var offset = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("35", 40, 90), new ChangeCell("32", 60, 10)]);

        Assert.Equal((ChangeExplanationKind.NoChange, false), (still.Kind, still.Offsetting));
        Assert.Empty(still.Contributors);
        Assert.Equal("tidak berubah dibanding TW II", Clause(still));
        Assert.Equal((ChangeExplanationKind.NoChange, true, -50d), (offset.Kind, offset.Offsetting, offset.AgainstChange));
        Assert.Equal("tidak berubah dibanding TW II; kenaikan dan penurunan sebesar 50 orang saling mengimbangi", Clause(offset));
    }

    [Fact]
    public void OffsettingCellsAreToldHonestlyAndSharesAreOfTheNetChange()
    {
        // Net −100: Jawa Timur −150 is 150% of it, because Jawa Barat rose 60 (DKI −10 is not needed).
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum,
            [new ChangeCell("31", 20, 10), new ChangeCell("32", 100, 160), new ChangeCell("35", 300, 150)]);

        Assert.Equal(-100d, explanation.Change);
        Assert.Equal(["35"], explanation.Contributors.Select(c => c.Code));
        Assert.Equal(1.5, explanation.Contributors[0].Share, 12);
        Assert.Equal((true, 60d), (explanation.Offsetting, explanation.AgainstChange));
        Assert.Equal("turun 100 orang dibanding TW II; Jawa Timur −150 menjelaskan 150% dari perubahan bersih (sebagian diimbangi +60 di provinsi lain)", Clause(explanation));
    }

    [Fact]
    public void ANewCellCountsItsWholeFigureAndADroppedCellItsWholeFormerFigure()
    {
        // Jawa Timur stopped reporting (−100), Jawa Barat is new (+30), DKI did not move: 150 → 80.
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum,
            [new ChangeCell("35", 100, null), new ChangeCell("32", null, 30), new ChangeCell("31", 50, 50)]);

        Assert.Equal((150d, 80d), (explanation.Before!.Value, explanation.After!.Value));
        Assert.Equal([("35", -100d)], explanation.Contributors.Select(c => (c.Code, c.Change)));
        Assert.Equal(30d, explanation.AgainstChange);
        Assert.Equal("turun 70 orang dibanding TW II; Jawa Timur −100 menjelaskan 143% dari perubahan bersih (sebagian diimbangi +30 di provinsi lain)", Clause(explanation));
    }

    [Fact]
    public void ASingleCellExplainsAllOfItsChange()
    {
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("35", 10, 25)]);

        Assert.Equal([("35", 15d, 1d)], explanation.Contributors.Select(c => (c.Code, c.Change, c.Share)));
        Assert.Equal("naik 15 orang dibanding TW II; Jawa Timur +15 menjelaskan 100%", Clause(explanation));
    }

    [Fact]
    public void AtMostThreeAreNamedLargestFirstWithTiesByCode()
    {
        // Five provinces fell 10 each: 80% would need four, the cap stops at three, in code order.
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum,
            [new ChangeCell("35", 20, 10), new ChangeCell("33", 20, 10), new ChangeCell("32", 20, 10), new ChangeCell("31", 20, 10), new ChangeCell("36", 20, 10)]);
        var larger = ChangeDecomposition.Explain(TimeAggregation.Sum,
            [new ChangeCell("31", 20, 10), new ChangeCell("35", 100, 10), new ChangeCell("32", 20, 10)]);

        Assert.Equal(["31", "32", "33"], explanation.Contributors.Select(c => c.Code));
        Assert.Equal(0.6, explanation.ExplainedShare, 12);
        Assert.Equal("turun 50 orang dibanding TW II; DKI Jakarta −10, Jawa Barat −10 dan Jawa Tengah −10 menjelaskan 60%", Clause(explanation));
        Assert.Equal(["35"], larger.Contributors.Select(c => c.Code));   // 90 of 110 is past 80% alone
    }

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void ARatiosChangeIsNotSplitAndTheSentenceSaysSo(TimeAggregation aggregation)
    {
        var explanation = ChangeDecomposition.Explain(aggregation, 40, 42.5, [new ChangeCell("MY", 10, 20)]);

        Assert.Equal(ChangeExplanationKind.NotDecomposable, explanation.Kind);
        Assert.Empty(explanation.Contributors);
        Assert.Equal("naik 2,5 poin dibanding TW II; perubahan persentase atau rasio tidak dapat diuraikan per provinsi, negara atau jenis kelamin",
            Clause(explanation, "%"));
    }

    [Fact]
    public void AStockIsSplitLikeAFlowSinceAQuartersStockIsTheSumOfItsCells()
    {
        Assert.True(ChangeDecomposition.IsDecomposable(TimeAggregation.Latest));
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Latest, [new ChangeCell("35", 10, 5), new ChangeCell("32", 10, 9)]);
        Assert.Equal(["35"], explanation.Contributors.Select(c => c.Code));
    }

    [Fact]
    public void WithoutAFigureInEitherQuarterThereIsNothingToExplain()
    {
        var noPrevious = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("35", null, 10)]);
        var noCells = ChangeDecomposition.Explain(TimeAggregation.Sum, 10, 12, []);

        Assert.Equal(ChangeExplanationKind.NoData, noPrevious.Kind);
        Assert.Null(noPrevious.Change);
        Assert.Equal("belum dapat dibandingkan dengan TW II: salah satu triwulan belum berisi angka", Clause(noPrevious));
        Assert.Equal(ChangeExplanationKind.NotBrokenDown, noCells.Kind);
        Assert.Equal("naik 2 orang dibanding TW II; indikator ini tidak dirinci per provinsi, negara atau jenis kelamin", Clause(noCells));
    }

    [Fact]
    public void ThePreviousQuarterOfAFirstQuarterIsTheLastOfTheYearBefore()
    {
        var explanation = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("35", 10, 25)]);

        Assert.Equal("naik 15 orang dibanding TW IV 2025; Jawa Timur +15 menjelaskan 100%", Clause(explanation, period: new YearQuarter(2026, 1)));
    }

    [Fact]
    public void TheBestDimensionNamesFewestAndPrefersAProvinceToTheTwoSexes()
    {
        var provinces = ChangeDecomposition.Explain(TimeAggregation.Sum, s_issueExample);
        var sexes = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("L", 600, 400), new ChangeCell("P", 450, 311)]);
        var oneSex = ChangeDecomposition.Explain(TimeAggregation.Sum, [new ChangeCell("L", 600, 300), new ChangeCell("P", 450, 411)]);
        var unexplained = ChangeDecomposition.Explain(TimeAggregation.Sum, 10, 10, []);

        Assert.Equal(0, ChangeDecomposition.Best([provinces, sexes]));   // two names each: the province
        Assert.Equal(1, ChangeDecomposition.Best([provinces, oneSex]));  // one sex (−300 of −339) says it with one name
        Assert.Equal(-1, ChangeDecomposition.Best([unexplained]));
    }
}
