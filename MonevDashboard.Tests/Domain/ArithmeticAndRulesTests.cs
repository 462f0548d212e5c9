using MonevDashboard.Data.Model;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Components.Localization;
namespace MonevDashboard.Tests.Domain;

/// <summary>The core's percentage, capaian, tenfold-jump and vocabulary rules, table-driven, and the callers that must agree with them.</summary>
public sealed class ArithmeticAndRulesTests
{
    private static readonly ObservationRules s_rules = new(new ServiceCollection().AddLogging().AddMonevLocalization()
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>());

    public static TheoryData<double?, double?, double?> Ratios => new()
    {
        { 1, 4, 25 },
        { 7, 100, 7 },          // exact: the product comes before the quotient
        { 58, 100, 58 },
        { 0, 4, 0 },
        { 5, 4, 125 },
        { 1, 0, null },         // a share of nothing is undefined
        { 0, 0, null },
        { 1, -4, null },
        { null, 4, null },
        { 1, null, null },
        { 1e308, 1e-308, null }, // overflow is refused, never infinity
        { double.NaN, 4, null },
    };

    [Theory]
    [MemberData(nameof(Ratios))]
    public void ThePercentageIsNumeratorTimesHundredOverAPositiveDenominator(double? numerator, double? denominator, double? expected)
    {
        Assert.Equal(expected, Ratio.Percent(numerator, denominator));
    }

    [Theory]
    [MemberData(nameof(Ratios))]
    public void EveryRatioCallerComputesTheCorePercentage(double? numerator, double? denominator, double? expected)
    {
        var ratioIndicator = new Indicator { Code = "R", NameId = "R", NameEn = "R", Unit = "%", Aggregation = TimeAggregation.Ratio };
        var cell = new ObservationCell("R", 2026, 3, "", "MY", "", null, numerator, denominator);

        // What the entry grid and the import store.
        Assert.Equal(expected ?? 0, ObservationRules.StoredValue(ratioIndicator, cell));
        // What a ratio cell stands for while typing (the jump check, the grid's percentage).
        Assert.Equal(expected, ObservationRules.FigureOf(true, null, numerator, denominator));
        // What the dashboard, report and review pool over one quarter.
        if (numerator is { } n && denominator is { } d)
        {
            Assert.Equal(expected, TimeAggregator.Aggregate(TimeAggregation.Ratio, [new QuarterFigure(1, 0, n, d)]));
        }
        // The rules refuse a stored ratio exactly when the core cannot compute it from valid parts.
        if (numerator is >= 0 && denominator is > 0 && double.IsFinite(numerator.Value) && double.IsFinite(denominator.Value))
        {
            var shape = new FigureShape("R", IsRatio: true, NumeratorNotAboveDenominator: false);
            Assert.Equal(expected is null, s_rules.FigureViolations(shape, null, numerator, denominator).Any(v => v.Rule == "Rule.RatioOverflow"));
        }
    }

    [Fact]
    public void APooledRatioAddsThePartsBeforeDividing()
    {
        Assert.Equal(Ratio.Percent(1 + 9, 10 + 10), TimeAggregator.Aggregate(TimeAggregation.Ratio,
            [new QuarterFigure(1, 10, 1, 10), new QuarterFigure(2, 90, 9, 10)]));
    }

    [Theory]
    [InlineData(58d, 100d, Direction.HigherIsBetter, 58d)]
    [InlineData(0d, 0d, Direction.HigherIsBetter, 100d)]
    [InlineData(50d, 100d, Direction.LowerIsBetter, 200d)]
    [InlineData(0d, 100d, Direction.LowerIsBetter, 100d)]
    [InlineData(1e307, 1e-3, Direction.HigherIsBetter, null)]
    [InlineData(1e-3, 1e307, Direction.LowerIsBetter, null)]
    [InlineData(10d, -1d, Direction.HigherIsBetter, null)]
    public void CapaianMultipliesBeforeDividingAndRefusesOverflow(double realisation, double target, Direction direction, double? expected)
    {
        Assert.Equal(expected, AchievementCalculator.AchievementPercent(realisation, target, direction));
    }

    [Fact]
    public void AFigureWhoseCapaianOverflowsIsNotShownAsOnTrack()
    {
        var result = AchievementCalculator.Evaluate(
            new AchievementInput(TimeAggregation.Sum, Direction.HigherIsBetter, 1, [new QuarterFigure(1, 1e307, null, null)], null, 1e-3),
            StatusThresholds.Default);
        Assert.Null(result.AchievementPercent);
        Assert.NotEqual(AchievementStatus.OnTrack, result.Status);
    }

    /// <summary>The previous quarter, the figure as given (count or ratio parts) and whether it is a tenfold jump.</summary>
    public static TheoryData<double?, bool, double?, double?, double?, bool> Jumps => new()
    {
        { 10, false, 100, null, null, false },   // exactly tenfold is not more than tenfold
        { 10, false, 100.5, null, null, true },
        { 10, false, 1, null, null, false },     // exactly a tenth
        { 10, false, 0.99, null, null, true },
        { 10, false, 0, null, null, false },     // zero is no jump: it may be a real nothing
        { 0, false, 500, null, null, false },    // nor from zero
        { null, false, 500, null, null, false }, // nothing to compare with
        { 5, true, null, 60, 100, true },        // a ratio compares its percentage: 60 % after 5 %
        { 50, true, null, 60, 100, false },
        { 5, true, null, 60, 0, false },         // a ratio that cannot be computed cannot jump
    };

    [Theory]
    [MemberData(nameof(Jumps))]
    public void TheTenfoldJumpIsDecidedOnceForTheGridThePageAndTheImport(double? previous, bool isRatio, double? value, double? numerator, double? denominator, bool jump)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("id-ID");
        var warning = s_rules.JumpWarning(isRatio, value, numerator, denominator, previous);
        Assert.Equal(jump, warning is not null);
        if (warning is not null)
        {
            Assert.True(warning.IsWarning);
            Assert.Equal("Rule.Jump", warning.Rule);
        }

        // The entry page and the section editor both ask their section, with the draft the official typed.
        var key = new CellKey("X", "35", "", "");
        var section = new EntrySection("X", "X", "X", isRatio ? "%" : "orang", Ministry.Kemendag,
            isRatio ? TimeAggregation.Ratio : TimeAggregation.Sum, Disaggregation.Province, false, ["35"], [],
            new Dictionary<CellKey, StoredCell>(), previous is { } p ? new Dictionary<CellKey, double> { [key] = p } : [], 1);
        var draft = new CellDraft(key, null)
        {
            Value = Typed(value), Numerator = Typed(numerator), Denominator = Typed(denominator),
        };
        Assert.Equal(warning?.Message, section.JumpWarning(s_rules, draft)?.Message);

        // The import compares the stored figure of the row.
        var indicator = new Indicator { Code = "X", NameId = "X", NameEn = "X", Unit = "orang", Aggregation = section.Aggregation };
        var stored = ObservationRules.StoredValue(indicator, new ObservationCell("X", 2026, 3, "35", "", "", value, numerator, denominator));
        Assert.Equal(warning?.Message, s_rules.JumpWarning(isRatio, stored, numerator, denominator, previous)?.Message);
    }

    private static string Typed(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.GetCultureInfo("id-ID")) : "";

    [Theory]
    [InlineData("L", "L")]
    [InlineData("laki-laki", "L")]
    [InlineData(" Pria ", "L")]
    [InlineData("male", "L")]
    [InlineData("P", "P")]
    [InlineData("Perempuan", "P")]
    [InlineData("wanita", "P")]
    [InlineData("F", "P")]
    [InlineData("", "")]
    [InlineData("X", "X")]
    public void ASexIsReadOnceWhereverItIsWritten(string text, string code)
    {
        Assert.Equal(code, Vocabulary.ParseSex(text));
        Assert.Equal(code, CellValueParser.Sex(new RawCell(text)));
        Assert.Equal(code is "L" or "P", Vocabulary.Sexes.Contains(code));
    }

    [Theory]
    [InlineData("L", "Laki-laki", "Male")]
    [InlineData("P", "Perempuan", "Female")]
    [InlineData("", "", "")]
    public void ASexHasOneNameInEachLanguage(string code, string indonesian, string english)
    {
        Assert.Equal(indonesian, Vocabulary.SexName(code));
        Assert.Equal(english, Vocabulary.SexName(code, english: true));
    }

    [Fact]
    public void TheDataSheetHeadersAreTheColumnsOfTheContract()
    {
        Assert.Equal(
            ["Kode Indikator", "Tahun", "Triwulan", "Kode Provinsi", "Kode Negara", "Jenis Kelamin", "Nilai", "Pembilang", "Penyebut", "Sumber", "Keterangan"],
            DataSheetColumns.DataHeaders);
        Assert.Equal(DataSheetColumns.DataSheet, MonevDashboard.Features.Reports.ReportTerms.DataSheet);
    }

    [Theory]
    [InlineData(2024, false, true)]
    [InlineData(2025, true, true)]
    [InlineData(2029, true, true)]
    [InlineData(2023, false, false)]
    [InlineData(2030, false, false)]
    public void TargetsAreForThePksYearsAndFiguresAlsoForTheBaselineYear(int year, bool targetYear, bool dataYear)
    {
        Assert.Equal(targetYear, ReportingYears.IsTargetYear(year));
        Assert.Equal(targetYear, ReportingYears.TargetYears.Contains(year));
        Assert.Equal(targetYear, MonevDashboard.Features.Targets.TargetAdminService.Years.Contains(year));
        Assert.Equal(dataYear, ReportingYears.IsDataYear(year));
        Assert.Equal(dataYear, ReportingYears.DataYears.Contains(year));
    }

    [Fact]
    public void CountsOfPeopleFirmsEventsAndVacanciesAreWholeWhileMoneyAndSharesTakeDecimals()
    {
        var whole = MonevDashboard.Data.ResultsFramework.Indicators
            .Where(i => ObservationRules.TakesWholeNumbers(i.Unit, i.Aggregation)).Select(i => i.Code).ToHashSet();
        Assert.Equal(
            ["P1-PMI-TRAINED", "P1-PMI-CERTIFIED", "P2-INFO-EVENTS", "P2-INFO-REACH", "P2-JOB-ORDERS", "P3-UMKM-FACILITATED",
             "P3-PROMO-EVENTS", "P3-PMI-ENTREPRENEURS", "P4-COORD-MEETINGS"],
            MonevDashboard.Data.ResultsFramework.Indicators.Select(i => i.Code).Where(whole.Contains));

        var umkm = FigureShape.Of("P3-UMKM-FACILITATED", "UMKM", TimeAggregation.Sum, false);
        Assert.Equal("Rule.WholeNumber", Assert.Single(s_rules.FigureViolations(umkm, 1.5, null, null)).Rule);
        Assert.Empty(s_rules.FigureViolations(umkm, 2, null, null));
        // A spreadsheet formula's noise (=0,1*30) is still three.
        Assert.Empty(s_rules.FigureViolations(umkm, 0.1 * 30, null, null));
        Assert.Empty(s_rules.FigureViolations(FigureShape.Of("P3-EXPORT-VALUE", "USD", TimeAggregation.Sum, false), 1.5, null, null));
        Assert.Empty(s_rules.FigureViolations(FigureShape.Of("P1-SKILLED-SHARE", "%", TimeAggregation.Ratio, true), null, 1.5, 2.5));
        // A unit nobody foresaw is never refused its decimals.
        Assert.Empty(s_rules.FigureViolations(FigureShape.Of("X", "ton", TimeAggregation.Sum, false), 1.5, null, null));
    }
}
