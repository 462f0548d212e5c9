using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// The pre-filled template (issue 17 item 3): a ministry's quarter laid out as the entry sheet expects it, last quarter's
/// figures beside it in locked grey reference columns, and an import of it that takes only the contract's columns.
/// </summary>
public sealed class PrefilledTemplateTests : IAsyncLifetime
{
    private static readonly YearQuarter s_quarter = new(2026, 3);
    private const int FirstRow = 3;
    private const int Reference = 12; // L: "Referensi: Nilai TW II 2026"

    private ImportHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await ImportHarness.CreateAsync();
        // Last quarter (TW II 2026): a joint indicator by province × sex, a Kemendag one by country, and KP2MI's own.
        await _harness.SeedAsync("P2-INFO-REACH", 2026, 2, 1200, province: "35", sex: "P");
        await _harness.SeedAsync("P3-EXPORT-VALUE", 2026, 2, 5000, country: "SA");
        await _harness.SeedAsync("P1-PMI-TRAINED", 2026, 2, 700, province: "35", sex: "P");
        // This quarter: one figure already entered.
        await _harness.SeedAsync("P2-INFO-EVENTS", 2026, 3, 4, province: "35", status: ObservationStatus.Draft);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<XLWorkbook> PrefilledAsync(Ministry ministry, UserAccess? user = null)
    {
        await using var scope = _harness.Database.Scope(user ?? ImportHarness.OperatorKemendag);
        var bytes = await _harness.Database.Get<ImportService>(scope).PrefilledTemplateAsync(ministry, s_quarter);
        return new XLWorkbook(new MemoryStream(bytes));
    }

    private static IXLRow RowOf(IXLWorksheet data, string code, string province = "", string country = "", string sex = "") =>
        data.RowsUsed().Single(r => r.RowNumber() >= FirstRow && r.Cell(1).GetString() == code && r.Cell(4).GetString() == province
            && r.Cell(5).GetString() == country && r.Cell(6).GetString() == sex);

    [Fact]
    public async Task EachIndicatorOfTheMinistryHasTheRowsItsBreakdownsNeedWithLastQuartersFigureBeside()
    {
        using var template = await PrefilledAsync(Ministry.Kemendag);
        var data = template.Worksheet("Data");

        Assert.Equal(DataSheetColumns.DataHeaders, Enumerable.Range(1, 11).Select(c => data.Cell(2, c).GetString()));
        Assert.Equal(["Referensi: Nilai TW II 2026", "Referensi: Pembilang TW II 2026", "Referensi: Penyebut TW II 2026"],
            Enumerable.Range(Reference, 3).Select(c => data.Cell(2, c).GetString()));
        Assert.Equal("Referensi TW sebelumnya (tidak diimpor)", data.Cell(1, Reference).GetString());
        Assert.StartsWith("Isian TW III 2026", data.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(2, data.SheetView.SplitRow);

        // The indicators Kemendag reports (its own and the joint ones, none computed), each with the entry sheet's cells.
        await using var db = _harness.Database.OpenContext();
        var entered = await db.Indicators.AsNoTracking().Where(EntryCells.EnteredBy(Ministry.Kemendag)).ToListAsync();
        var rows = data.RowsUsed().Where(r => r.RowNumber() >= FirstRow).ToList();
        var byCode = rows.GroupBy(r => r.Cell(1).GetString()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(entered.Select(i => i.Code).Order(), byCode.Keys.Order());
        Assert.DoesNotContain("P1-PMI-TRAINED", byCode.Keys);
        Assert.Equal(38 * 2, byCode["P2-INFO-REACH"]);
        Assert.Equal(38, byCode["P2-INFO-EVENTS"]);
        Assert.Equal(1, byCode["P3-EXPORT-VALUE"]);
        Assert.Equal(1, byCode["P4-COORD-MEETINGS"]);
        var provinces = await db.Provinces.CountAsync();
        foreach (var indicator in entered)
        {
            var countries = indicator.Code == "P3-EXPORT-VALUE" ? 1 : 0;
            Assert.Equal(EntryCells.Expected(indicator, provinces, countries), byCode[indicator.Code]);
        }
        Assert.All(rows, r => Assert.Equal((2026, 3), (r.Cell(2).GetValue<int>(), r.Cell(3).GetValue<int>())));

        // Last quarter's figures in the reference column; this quarter's stored figure in Nilai; nothing invented.
        var reach = RowOf(data, "P2-INFO-REACH", "35", sex: "P");
        Assert.Equal(1200, reach.Cell(Reference).GetDouble());
        Assert.True(reach.Cell(7).IsEmpty());
        Assert.True(RowOf(data, "P2-INFO-REACH", "35", sex: "L").Cell(Reference).IsEmpty());
        Assert.Equal(5000, RowOf(data, "P3-EXPORT-VALUE", country: "SA").Cell(Reference).GetDouble());
        Assert.Equal(4, RowOf(data, "P2-INFO-EVENTS", "35").Cell(7).GetDouble());
        Assert.Equal(2, rows.Count(r => !r.Cell(Reference).IsEmpty()));

        // Visibly read-only: grey, and locked on a protected sheet where the contract's columns are not.
        Assert.True(data.IsProtected);
        Assert.False(reach.Cell(7).Style.Protection.Locked);
        Assert.False(data.Cell(FirstRow + rows.Count + 10, 7).Style.Protection.Locked);
        Assert.True(reach.Cell(Reference).Style.Protection.Locked);
        Assert.True(data.Cell(2, 7).Style.Protection.Locked);
        Assert.Equal(XLColor.FromHtml("#E7E6E6").Color.ToArgb(), reach.Cell(Reference).Style.Fill.BackgroundColor.Color.ToArgb());
        Assert.Equal(XLFillPatternValues.Solid, reach.Cell(Reference).Style.Fill.PatternType);
        Assert.Equal(XLFillPatternValues.None, reach.Cell(7).Style.Fill.PatternType);
        Assert.Equal(XLColor.FromHtml("#595959").Color.ToArgb(), data.Cell(1, Reference).Style.Fill.BackgroundColor.Color.ToArgb());
        Assert.Equal(XLColor.White.Color.ToArgb(), data.Cell(1, Reference).Style.Font.FontColor.Color.ToArgb());

        // The dropdowns of today's template, starting under the header.
        var lists = data.DataValidations.ToDictionary(v => v.Ranges.First().RangeAddress.FirstAddress.ColumnNumber, v => v);
        Assert.Equal("'Ref_Indikator'!$A$2:$A$15", lists[1].Value);
        Assert.Equal(FirstRow, lists[1].Ranges.First().RangeAddress.FirstAddress.RowNumber);
        Assert.Equal("\"L,P\"", lists[6].Value);
        Assert.Contains(template.Worksheet("Petunjuk").CellsUsed(), c => c.GetString() == "Templat terisi: Kemendag, Triwulan III 2026");
    }

    [Fact]
    public async Task FilledInAndImportedOnlyTheCurrentValuesLandTheReferenceColumnsAreIgnoredEvenWhenEdited()
    {
        using var template = await PrefilledAsync(Ministry.Kemendag);
        var data = template.Worksheet("Data");
        var women = RowOf(data, "P2-INFO-REACH", "35", sex: "P");
        women.Cell(7).SetValue(1300);
        women.Cell(Reference).SetValue(999_999); // typed over the reference: still not imported
        RowOf(data, "P2-INFO-REACH", "35", sex: "L").Cell(7).SetValue(800);
        RowOf(data, "P2-INFO-EVENTS", "31").Cell(Reference).SetValue(7); // a reference alone is no figure
        RowOf(data, "P3-EXPORT-VALUE", country: "SA").Cell(Reference + 1).SetValue("tidak berlaku");
        using var filled = new MemoryStream();
        template.SaveAs(filled);
        var laidOut = data.RowsUsed().Count(r => r.RowNumber() >= FirstRow);

        var (preview, _) = await _harness.ImportAsync(filled.ToArray(), "templat-terisi.xlsx", ImportHarness.OperatorKemendag);

        // No "extra column" warning for the reference columns; the untouched rows are named as skipped.
        var warning = Assert.Single(preview.Issues);
        Assert.Equal("PrefilledTemplate.BlankRowsSkipped", warning.Rule);
        Assert.True(warning.IsWarning);
        Assert.Contains((laidOut - 3).ToString("N0", CellValueParser.Indonesian), warning.Message, StringComparison.Ordinal);
        Assert.Equal((3, 2, 0, 1), (preview.Observations.Read, preview.Observations.New, preview.Observations.Changed, preview.Observations.Unchanged));

        Assert.Equal(1300, (await _harness.ObservationAsync("P2-INFO-REACH", 2026, 3, "35", sex: "P"))!.Value);
        Assert.Equal(800, (await _harness.ObservationAsync("P2-INFO-REACH", 2026, 3, "35", sex: "L"))!.Value);
        Assert.Null(await _harness.ObservationAsync("P2-INFO-EVENTS", 2026, 3, "31"));
        Assert.Equal(1200, (await _harness.ObservationAsync("P2-INFO-REACH", 2026, 2, "35", sex: "P"))!.Value);
        Assert.Equal(5000, (await _harness.ObservationAsync("P3-EXPORT-VALUE", 2026, 2, country: "SA"))!.Value);
        Assert.Equal(6, (await _harness.ObservationsAsync()).Count);
    }

    [Fact]
    public async Task AnOldStyleTemplateStillImportsAndARowWithoutAFigureThereIsStillRefused()
    {
        await using var scope = _harness.Database.Scope(ImportHarness.OperatorKemendag);
        var bytes = await _harness.Database.Get<ImportService>(scope).TemplateAsync();
        using var template = new XLWorkbook(new MemoryStream(bytes));
        var data = template.Worksheet("Data");
        data.Cell("A2").SetValue("P2-INFO-REACH");
        data.Cell("B2").SetValue(2026);
        data.Cell("C2").SetValue(3);
        data.Cell("D2").SetValue("52");
        data.Cell("F2").SetValue("P");
        data.Cell("G2").SetValue(1450);
        using var good = new MemoryStream();
        template.SaveAs(good);
        data.Cell("A3").SetValue("P2-INFO-REACH");
        data.Cell("B3").SetValue(2026);
        data.Cell("C3").SetValue(3);
        data.Cell("D3").SetValue("35");
        data.Cell("F3").SetValue("L");
        using var blank = new MemoryStream();
        template.SaveAs(blank);

        var refused = await _harness.PreviewAsync(blank.ToArray(), user: ImportHarness.OperatorKemendag);
        Assert.Equal(("Rule.ValueRequired", "G3"), (Assert.Single(refused.Errors).Rule, refused.Errors.Single().CellAddress));

        var (preview, _) = await _harness.ImportAsync(good.ToArray(), "Template-Impor-Monev.xlsx", ImportHarness.OperatorKemendag);
        Assert.Empty(preview.Issues);
        Assert.Equal(1450, (await _harness.ObservationAsync("P2-INFO-REACH", 2026, 3, "52", sex: "P"))!.Value);
    }

    [Fact]
    public async Task AnOperatorTakesOnlyTheirOwnMinistrysTemplateAndTheKp2miOneHoldsItsIndicators()
    {
        await using (var scope = _harness.Database.Scope(ImportHarness.OperatorKemendag))
        {
            var service = _harness.Database.Get<ImportService>(scope);
            Assert.Equal([Ministry.Kemendag], service.PrefilledTemplateMinistries);
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.PrefilledTemplateAsync(Ministry.Kp2mi, s_quarter));
        }
        await using (var scope = _harness.Database.Scope(ImportHarness.Admin))
        {
            Assert.Equal([Ministry.Kemendag, Ministry.Kp2mi], _harness.Database.Get<ImportService>(scope).PrefilledTemplateMinistries);
        }

        using var template = await PrefilledAsync(Ministry.Kp2mi, ImportHarness.OperatorKp2mi);
        var data = template.Worksheet("Data");
        Assert.Equal(700, RowOf(data, "P1-PMI-TRAINED", "35", sex: "P").Cell(Reference).GetDouble());
        var codes = data.RowsUsed().Where(r => r.RowNumber() >= FirstRow).Select(r => r.Cell(1).GetString()).ToHashSet();
        Assert.DoesNotContain("P3-EXPORT-VALUE", codes);
        Assert.DoesNotContain("P4-FOLLOWUP-ONTIME", codes);
        Assert.Contains("P2-INFO-REACH", codes);
        Assert.Equal("Template-Impor-Monev-Kp2mi-2026-TW3.xlsx", ImportService.PrefilledTemplateFileName(Ministry.Kp2mi, s_quarter));
    }

    [Theory]
    [InlineData(Disaggregation.None, 1)]
    [InlineData(Disaggregation.Province, 38)]
    [InlineData(Disaggregation.Province | Disaggregation.Sex, 76)]
    [InlineData(Disaggregation.Country, 3)]
    [InlineData(Disaggregation.Country | Disaggregation.Sex, 6)]
    [InlineData(Disaggregation.Province | Disaggregation.Country, 114)]
    public void TheLayoutHasTheCellsTheEntrySheetExpects(Disaggregation allowed, int cells)
    {
        var provinces = Enumerable.Range(11, 38).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        string[] countries = ["MY", "SA", "TW"];

        var layout = EntryCells.Layout(allowed, provinces, countries).ToList();

        Assert.Equal(cells, layout.Count);
        Assert.Equal(EntryCells.Expected(allowed, provinces.Count, countries.Length), layout.Count);
        Assert.Equal(layout.Count, layout.Distinct().Count());
        Assert.Equal(EntryCells.Expected(allowed, provinces.Count, 0), EntryCells.Layout(allowed, provinces, []).Count());
    }
}
