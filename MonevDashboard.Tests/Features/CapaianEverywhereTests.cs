using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Components.Figures;
using MonevDashboard.Components.Shared;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Features.Reports;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features;

/// <summary>
/// One capaian, one rule (<see cref="FigureFormatter.AchievementShown"/>): a figure whose capaian rounds and cuts
/// differently (1.904 of 2.500 kegiatan = 76,16 %: rounded "76,2%", cut "76,1%") reads the same on every surface —
/// the formatter, a dashboard/pillar-slide KPI card, the catalogue, the indicator's series table, the review tab, the
/// attention slide, the meeting pack, the report preview, the report workbook and both grid exports.
/// </summary>
public sealed partial class CapaianEverywhereTests : MonevTestContext
{
    private const string Code = "P3-PROMO-EVENTS";
    private static readonly YearQuarter s_period = new(2026, 3);
    private static readonly CultureInfo s_id = CultureInfo.GetCultureInfo("id-ID");

    private readonly ScopeProvider _app;

    public CapaianEverywhereTests() : this(new ScopeProvider())
    {
    }

    private CapaianEverywhereTests(ScopeProvider app)
        : base(services => ((BunitServiceProvider)services).AddFallbackServiceProvider(app)) => _app = app;

    /// <summary>The app's services of one test database scope, behind bUnit's own (filled in before rendering).</summary>
    private sealed class ScopeProvider : IServiceProvider
    {
        public IServiceProvider? Scope { get; set; }

        public object? GetService(Type serviceType) => Scope?.GetService(serviceType);
    }

    private async Task<TestDatabase> ArrangeAsync()
    {
        var database = await TestDatabase.CreateAsync(configure: services =>
        {
            services.AddFigures();
            services.AddReportsFeature();
            services.AddQuarterlyReviewFeature();
            services.AddMonevExports();
        });
        await using (var db = database.OpenContext())
        {
            var id = await db.Indicators.Where(i => i.Code == Code).Select(i => i.Id).SingleAsync();
            db.Targets.Add(new Target { IndicatorId = id, Year = s_period.Year, Quarter = s_period.Quarter, Value = 2500, UpdatedBy = "uji", UpdatedAt = DateTime.UnixEpoch });
            var at = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
            db.Observations.Add(new Observation
            {
                IndicatorId = id, Year = s_period.Year, Quarter = s_period.Quarter, ProvinceCode = "", CountryCode = "MY", Sex = "",
                Value = 1904, Source = "uji", Status = ObservationStatus.Verified, CreatedBy = "uji", UpdatedBy = "uji", CreatedAt = at, UpdatedAt = at,
            });
            await db.SaveChangesAsync();
        }
        _app.Scope = database.Scope().ServiceProvider;
        return database;
    }

    private T Get<T>() where T : notnull => (T)(_app.Scope!.GetService(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name));

    [Fact]
    public async Task EverySurfaceShowsTheSameCapaianForAFigureThatRoundsAndCutsDifferently()
    {
        await using var database = await ArrangeAsync();
        var figures = Get<FigureQueryService>();
        var figure = (await figures.GetIndicatorFiguresAsync(new FigureFilter(s_period.Year, s_period.Quarter))).Single(f => f.Code == Code);
        var percent = figure.Achievement.AchievementPercent!.Value;
        Assert.Equal(76.16, percent, 9);
        // The figure tells the rules apart: rounding would read 76,2 %.
        Assert.Equal("76,2", Math.Round(percent, 1, MidpointRounding.AwayFromZero).ToString("N1", s_id));
        var expected = FigureFormatter.Achievement(percent);
        Assert.Equal("76,1%", expected);

        var shown = new Dictionary<string, string>();

        var card = Render<KpiCard>(p => p.Add(c => c.Figure, figure).Add(c => c.Period, s_period).Add(c => c.Href, "/indikator/" + Code));
        shown["KPI card (dashboard, pillar slide)"] = card.Find("[data-testid=kpi-achievement]").TextContent.Trim();

        var catalogue = Render<IndicatorCatalogPage>();
        catalogue.WaitForAssertion(() => Assert.NotEmpty(catalogue.FindAll($"tr[data-code={Code}]")));
        shown["catalogue"] = catalogue.Find($"tr[data-code={Code}]").QuerySelectorAll("td")[6].TextContent.Trim();
        shown["catalogue export"] = await ExportedAsync(catalogue.FindComponent<ExportButton>().Instance);

        var points = await figures.GetTimeSeriesAsync(new FigureFilter(s_period.Year, s_period.Quarter), Code);
        var series = Render<TimeSeriesTable>(p => p.Add(c => c.Points, points).Add(c => c.Unit, figure.Unit));
        series.Find("[data-testid=series-table-toggle] .mud-expand-panel-header").Click();
        series.WaitForAssertion(() => Assert.NotEmpty(series.FindAll($"tr[data-period='{s_period}']")));
        shown["indicator series table"] = series.Find($"tr[data-period='{s_period}']").QuerySelectorAll("td")[4].TextContent.Trim();

        var review = Render<NarrativeList>(p => p.Add(c => c.Period, s_period));
        review.WaitForAssertion(() => Assert.NotEmpty(review.FindAll($"tr[data-code={Code}]")));
        shown["review tab"] = review.Find($"tr[data-code={Code}]").QuerySelectorAll("td")[4].TextContent.Trim();

        var narratives = await Get<ReviewService>().GetNarrativesAsync(s_period);
        var slide = Render<AttentionSlide>(p => p.Add(c => c.Period, s_period).Add(c => c.Narratives, narratives));
        var heading = slide.FindAll(".slide-narrative h3").Single(h => h.TextContent.Contains(Code)).TextContent.Trim();
        shown["attention slide"] = TrailingPercent().Match(heading).Groups[1].Value;

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/tinjauan/paket?{YearQuarter.YearParameter}={s_period.Year}&{YearQuarter.QuarterParameter}={s_period.Quarter}");
        var pack = Render<MeetingPackPage>();
        pack.WaitForAssertion(() => Assert.NotEmpty(pack.FindAll("[data-testid=pack-pillar]")));
        var packRow = pack.FindAll("[data-testid=pack-pillar] tr").Single(r => r.QuerySelector("td b")?.TextContent == Code);
        shown["meeting pack"] = packRow.QuerySelectorAll("td")[4].TextContent.Trim();

        var reports = Get<ReportService>();
        var content = await reports.GetContentAsync(s_period);
        var preview = Render<ReportSummaryPreview>(p => p.Add(c => c.Content, content).Add(c => c.PeriodLabel, "TW III 2026"));
        shown["report preview"] = preview.Find($"tr[data-code={Code}]").QuerySelectorAll("td")[5].TextContent.Trim();
        shown["report preview export"] = await ExportedAsync(preview.FindComponent<ExportButton>().Instance);

        var output = new MemoryStream();
        await reports.WriteQuarterlyReportAsync(output, s_period);
        output.Position = 0;
        using (var workbook = new XLWorkbook(output))
        {
            shown["report workbook"] = AchievementCell(workbook.Worksheet("Ringkasan"), "Capaian");
        }

        Assert.All(shown, s => Assert.True(s.Value == expected, $"{s.Key} shows {s.Value}, not {expected}"));
        Assert.Equal(10, shown.Count);
    }

    [Fact]
    public async Task EverySurfaceNamesTheTargetTheCapaianWasMeasuredAgainst()
    {
        // Issue #16: the catalogue put the quarter's figure beside the annual target with a capaian computed against the
        // quarter target, which was never shown. Here the capaian (76,1%) is measured against the TW III target, 2.500.
        await using var database = await ArrangeAsync();
        var figures = Get<FigureQueryService>();
        var figure = (await figures.GetIndicatorFiguresAsync(new FigureFilter(s_period.Year, s_period.Quarter))).Single(f => f.Code == Code);
        Assert.Equal((TargetKind.Quarter, 2500.0), (figure.Achievement.TargetKind, figure.Achievement.TargetUsed!.Value));
        const string Named = "Target TW III";
        const string Value = "2.500 kegiatan";
        var named = new Dictionary<string, string>();
        string Kind(AngleSharp.Dom.IElement row) => row.QuerySelector("[data-testid=target-kind]")?.TextContent.Trim() ?? "";

        var card = Render<KpiCard>(p => p.Add(c => c.Figure, figure).Add(c => c.Period, s_period));
        named["KPI card (dashboard, pillar slide)"] = card.Find("[data-testid=kpi-target]").TextContent.Trim();

        var catalogue = Render<IndicatorCatalogPage>();
        catalogue.WaitForAssertion(() => Assert.NotEmpty(catalogue.FindAll($"tr[data-code={Code}]")));
        var catalogueRow = catalogue.Find($"tr[data-code={Code}]");
        named["catalogue"] = Kind(catalogueRow);
        Assert.Equal(Value, catalogueRow.QuerySelector("[data-testid=target-used]")!.TextContent.Trim());
        named["catalogue export"] = await ExportedKindAsync(catalogue.FindComponent<ExportButton>().Instance, "Jenis target");

        var points = await figures.GetTimeSeriesAsync(new FigureFilter(s_period.Year, s_period.Quarter), Code);
        var series = Render<TimeSeriesTable>(p => p.Add(c => c.Points, points).Add(c => c.Unit, figure.Unit));
        series.Find("[data-testid=series-table-toggle] .mud-expand-panel-header").Click();
        series.WaitForAssertion(() => Assert.NotEmpty(series.FindAll($"tr[data-period='{s_period}']")));
        named["indicator series table"] = Kind(series.Find($"tr[data-period='{s_period}']"));

        var review = Render<NarrativeList>(p => p.Add(c => c.Period, s_period));
        review.WaitForAssertion(() => Assert.NotEmpty(review.FindAll($"tr[data-code={Code}]")));
        named["review tab"] = Kind(review.Find($"tr[data-code={Code}]"));

        var narratives = await Get<ReviewService>().GetNarrativesAsync(s_period);
        var slide = Render<AttentionSlide>(p => p.Add(c => c.Period, s_period).Add(c => c.Narratives, narratives));
        var heading = slide.FindAll(".slide-narrative h3").Single(h => h.TextContent.Contains(Code)).TextContent.Trim();
        Assert.EndsWith($"(76,1% terhadap {Named} {Value})", heading, StringComparison.Ordinal);
        named["attention slide"] = Named;

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/tinjauan/paket?{YearQuarter.YearParameter}={s_period.Year}&{YearQuarter.QuarterParameter}={s_period.Quarter}");
        var pack = Render<MeetingPackPage>();
        pack.WaitForAssertion(() => Assert.NotEmpty(pack.FindAll("[data-testid=pack-pillar]")));
        named["meeting pack"] = Kind(pack.FindAll("[data-testid=pack-pillar] tr").Single(r => r.QuerySelector("td b")?.TextContent == Code));

        var reports = Get<ReportService>();
        var content = await reports.GetContentAsync(s_period);
        var preview = Render<ReportSummaryPreview>(p => p.Add(c => c.Content, content).Add(c => c.PeriodLabel, "TW III 2026"));
        named["report preview"] = Kind(preview.Find($"tr[data-code={Code}]"));
        named["report preview export"] = await ExportedKindAsync(preview.FindComponent<ExportButton>().Instance, "Jenis target");

        var output = new MemoryStream();
        await reports.WriteQuarterlyReportAsync(output, s_period);
        output.Position = 0;
        using (var workbook = new XLWorkbook(output))
        {
            named["report workbook"] = TextCell(workbook.Worksheet("Ringkasan"), "Target Acuan");
        }

        Assert.Equal($"{Named}: 2.500 kegiatan", named["KPI card (dashboard, pillar slide)"]);
        named["KPI card (dashboard, pillar slide)"] = Named;
        Assert.All(named, s => Assert.True(s.Value == Named, $"{s.Key} names {s.Value}, not {Named}"));
        Assert.Equal(10, named.Count);
    }

    private static async Task<string> ExportedKindAsync(ExportButton button, string header)
    {
        var stream = new MemoryStream();
        await button.Export(stream, new Progress<ExportProgress>(), CancellationToken.None);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        return TextCell(workbook.Worksheet(1), header);
    }

    /// <summary>The text in <see cref="Code"/>'s row under <paramref name="header"/>.</summary>
    private static string TextCell(IXLWorksheet sheet, string header)
    {
        var used = sheet.RangeUsed()!;
        var column = used.CellsUsed(c => c.DataType == XLDataType.Text && c.GetString() == header).First().Address.ColumnNumber;
        var row = used.CellsUsed(c => c.DataType == XLDataType.Text && c.GetString() == Code).First().Address.RowNumber;
        return sheet.Cell(row, column).GetString();
    }

    /// <summary>The capaian of <see cref="Code"/> in the workbook an export button writes.</summary>
    private static async Task<string> ExportedAsync(ExportButton button)
    {
        var stream = new MemoryStream();
        await button.Export(stream, new Progress<ExportProgress>(), CancellationToken.None);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        return AchievementCell(workbook.Worksheet(1), "Capaian");
    }

    /// <summary>
    /// The capaian cell of <see cref="Code"/>'s row, as the screen would print it: the stored number must be the one the
    /// screen shows (a fraction with the explicit 0.0% format, so Excel adds no rounding of its own).
    /// </summary>
    private static string AchievementCell(IXLWorksheet sheet, string header)
    {
        var used = sheet.RangeUsed()!;
        var column = used.CellsUsed(c => c.DataType == XLDataType.Text && c.GetString() == header).First().Address.ColumnNumber;
        var row = used.CellsUsed(c => c.DataType == XLDataType.Text && c.GetString() == Code).First().Address.RowNumber;
        var cell = sheet.Cell(row, column);
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal("[$-421]0.0%", cell.Style.NumberFormat.Format);
        var fraction = cell.GetDouble();
        // Nothing beyond the shown decimal: Excel's own rounding of the 0.0% format cannot differ from the screen.
        Assert.Equal(Math.Round(fraction, 3), fraction);
        return (fraction * 100).ToString("N1", s_id) + "%";
    }

    [GeneratedRegex(@"\((\S*%)[^()]*\)$")]
    private static partial Regex TrailingPercent();
}
