using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Features.Dashboard;

using MonevDashboard.Features.Reports;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>One demo database and its TW III 2026 report, shared by the tests that only read them.</summary>
public sealed class DemoReportFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public XLWorkbook Workbook { get; private set; } = null!;
    public List<ExportProgress> Progress { get; } = [];

    public async Task InitializeAsync()
    {
        Database = await ReportTestSupport.CreateDatabaseAsync(demoData: true);
        // No logos here: ClosedXML 0.95 reads a picture with System.Drawing, which Linux lacks (ReportSignOffTests opens those with the Open XML SDK).
        await ReportTestSupport.SetLetterheadAsync(Database, null, null, "Dr. Siti Rahmawati", "Direktur Pengembangan Ekspor");
        Workbook = await ReportTestSupport.WriteAndOpenReportAsync(Database, 2026, 3, Progress);
    }

    public async Task DisposeAsync()
    {
        Workbook.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>The quarterly report on the seeded demo data (TW III 2026), opened with ClosedXML like a reader would.</summary>
public sealed class QuarterlyReportWriterTests(DemoReportFixture fixture) : IClassFixture<DemoReportFixture>
{
    private readonly TestDatabase _database = fixture.Database;
    private readonly XLWorkbook _workbook = fixture.Workbook;
    private readonly List<ExportProgress> _progress = fixture.Progress;

    [Fact]
    public void WorkbookHasTheSheetsOfTheExcelContractAndTheSheetBySexInOrder()
    {
        Assert.Equal(["Ringkasan", "Per Provinsi", "Per Negara", "Per Jenis Kelamin", "Data", "Narasi", "Tindak Lanjut"], _workbook.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public void DataSheetHeaderIsTheImportTemplatesColumnsThenStatusAndIndicatorNameInAnExcelTableWithFilterButtons()
    {
        var data = _workbook.Worksheet("Data");
        Assert.Equal(
            ["Kode Indikator", "Tahun", "Triwulan", "Kode Provinsi", "Kode Negara", "Jenis Kelamin", "Nilai", "Pembilang", "Penyebut", "Sumber", "Keterangan",
             "Status Verifikasi", "Nama Indikator"],
            data.Row(1).Cells(1, 13).Select(c => c.GetString()));
        var table = Assert.Single(data.Tables);
        Assert.True(table.ShowAutoFilter);
        Assert.Equal(1, table.RangeAddress.FirstAddress.RowNumber);
        Assert.Equal(data.LastRowUsed().RowNumber(), table.RangeAddress.LastAddress.RowNumber);
        Assert.Equal(13, table.RangeAddress.LastAddress.ColumnNumber);
        Assert.Equal(1, data.SheetView.SplitRow);
    }

    [Fact]
    public async Task EveryRingkasanFigureEqualsTheFigureQueryServicesFigure()
    {
        await using var scope = _database.Scope();
        var figures = await _database.Get<FigureQueryService>(scope).GetIndicatorFiguresAsync(new FigureFilter(2026, 3));
        var summary = _workbook.Worksheet("Ringkasan");
        var header = summary.Row(QuarterlyReportWriter.SummaryHeaderRow);
        Assert.Equal(["No", "Kode", "Indikator", "Satuan", "Pemilik", "Target Tahunan", "Target TW III", "Realisasi TW III", "Realisasi s.d. TW III", "Capaian", "Target Acuan", "Status"],
            header.Cells(1, 12).Select(c => c.GetString()));

        Assert.Equal(14, figures.Count);
        foreach (var figure in figures)
        {
            var row = summary.RowsUsed().Single(r => r.Cell(2).GetString() == figure.Code);
            var scale = figure.Unit == "%" ? 100 : 1;
            AssertFigure(figure.AnnualTarget, row.Cell(6), scale);
            AssertFigure(figure.QuarterTarget, row.Cell(7), scale);
            AssertFigure(figure.QuarterValue, row.Cell(8), scale);
            AssertFigure(figure.YearToDateValue, row.Cell(9), scale);
            // Capaian as every screen shows it (one decimal, cut), so the sheet never reads otherwise than the dashboard.
            AssertFigure(FigureFormatter.AchievementShown(figure.Achievement.AchievementPercent), row.Cell(10), 100);
            // The capaian names the target it used: the quarter's where one is set, else the annual one.
            Assert.Equal(figure.Achievement.TargetUsed is null ? ""
                : figure.Achievement.UsesQuarterTarget ? "Target TW III" : "Target tahunan", row.Cell(11).GetString());
            Assert.Equal(figure.Achievement.UsesQuarterTarget ? figure.QuarterTarget : figure.AnnualTarget, figure.Achievement.TargetUsed);
            Assert.Equal(Vocabulary.StatusName(figure.Achievement.Status), row.Cell(12).GetString());
            Assert.Equal(figure.NameId, row.Cell(3).GetString());
            Assert.Equal(figure.Unit, row.Cell(4).GetString());
        }
        // The demo data shows every colour, so the report does too.
        var kinds = summary.Column(11).CellsUsed().Select(c => c.GetString()).ToHashSet();
        Assert.Contains("Target TW III", kinds);
        Assert.Contains("Target tahunan", kinds);
        var statuses = summary.Column(12).CellsUsed().Select(c => c.GetString()).ToHashSet();
        Assert.Contains("Tercapai", statuses);
        Assert.Contains("Perlu perhatian", statuses);
        Assert.Contains("Kritis", statuses);
    }

    private static void AssertFigure(double? expected, IXLCell cell, double scale)
    {
        if (expected is null)
        {
            Assert.True(cell.IsEmpty(), $"{cell.Address} should be empty but holds {cell.Value}");
            return;
        }
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal(expected.Value / scale, cell.GetDouble(), 9);
    }

    [Fact]
    public void StatusCellsAreColouredByConditionalFormatsForEachStatus()
    {
        var summary = _workbook.Worksheet("Ringkasan");
        var rules = summary.ConditionalFormats.Where(f => f.Range.RangeAddress.FirstAddress.ColumnNumber == 12).ToList();
        var labels = rules.SelectMany(r => r.Values.Values).Select(v => v.Value).ToList();
        foreach (var status in Enum.GetValues<AchievementStatus>())
        {
            Assert.Contains($"\"{Vocabulary.StatusName(status)}\"", labels);
        }
        Assert.All(rules, r => Assert.Equal(XLConditionalFormatType.CellIs, r.ConditionalFormatType));
        Assert.Contains(rules, r => r.Style.Fill.BackgroundColor.Color.ToArgb() == System.Drawing.ColorTranslator.FromHtml("#C62828").ToArgb());
    }

    [Fact]
    public void SummaryHasNumberFormatsFrozenHeaderAndLandscapePrintSetUp()
    {
        var summary = _workbook.Worksheet("Ringkasan");
        var trained = summary.RowsUsed().Single(r => r.Cell(2).GetString() == "P1-PMI-TRAINED");
        var exports = summary.RowsUsed().Single(r => r.Cell(2).GetString() == "P3-EXPORT-VALUE");
        var share = summary.RowsUsed().Single(r => r.Cell(2).GetString() == "P1-SKILLED-SHARE");
        Assert.Equal("[$-421]#,##0", trained.Cell(8).Style.NumberFormat.Format);
        Assert.Equal("[$-421]\"USD \"#,##0", exports.Cell(8).Style.NumberFormat.Format);
        Assert.Equal("[$-421]0.0%", share.Cell(8).Style.NumberFormat.Format);
        Assert.Equal("[$-421]0.0%", trained.Cell(10).Style.NumberFormat.Format);
        Assert.Equal(QuarterlyReportWriter.SummaryHeaderRow, summary.SheetView.SplitRow);
        foreach (var sheet in _workbook.Worksheets)
        {
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.True(sheet.PageSetup.FirstRowToRepeatAtTop > 0, sheet.Name);
            Assert.Contains("Halaman", sheet.PageSetup.Footer.Right.GetText(XLHFOccurrence.OddPages));
            Assert.NotEqual(sheet.ColumnWidth, sheet.Column(1).Width, 2);
            Assert.NotEqual(sheet.ColumnWidth, sheet.Column(3).Width, 2);
        }
    }

    [Fact]
    public void SummaryTitleBlockNamesTheProgrammePeriodAndGenerationTimeInWib()
    {
        var summary = _workbook.Worksheet("Ringkasan");
        Assert.Equal(ReportTerms.ReportTitle, summary.Cell(5, 1).GetString());
        Assert.Contains("Kementerian Perdagangan", summary.Cell(6, 1).GetString());
        Assert.Equal("Periode: Triwulan III 2026 (1 Jul 2026 – 30 Sep 2026)", summary.Cell(7, 1).GetString());
        // The test clock says 28 Nov 2026 03.00 UTC: 10.00 WIB.
        Assert.Equal("Dibuat: 28 Nov 2026 10.00 WIB", summary.Cell(8, 1).GetString());
    }

    [Fact]
    public async Task BreakdownSheetsHoldTheQueryServicesProvinceAndCountryFigures()
    {
        await using var scope = _database.Scope();
        var service = _database.Get<FigureQueryService>(scope);
        var filter = new FigureFilter(2026, 3);
        var trained = await service.GetBreakdownAsync(filter, "P1-PMI-TRAINED", BreakdownDimension.Province);
        var remittance = await service.GetBreakdownAsync(filter, "P3-REMITTANCE", BreakdownDimension.Country);

        var provinces = _workbook.Worksheet("Per Provinsi");
        var block = provinces.RowsUsed().First(r => r.Cell(1).GetString().StartsWith("P1-PMI-TRAINED", StringComparison.Ordinal)).RowNumber();
        // The report lists provinces in the order of their codes (the dashboard's chart, largest first).
        trained = [.. trained.OrderBy(r => r.Code.Length == 0).ThenBy(r => r.Code, StringComparer.Ordinal)];
        for (var i = 0; i < trained.Count; i++)
        {
            var row = provinces.Row(block + 1 + i);
            Assert.Equal(trained[i].Code, row.Cell(1).GetString());
            Assert.Equal(trained[i].NameId, row.Cell(2).GetString());
            Assert.Equal(trained[i].QuarterValue!.Value, row.Cell(3).GetDouble(), 6);
            Assert.Equal(trained[i].YearToDateValue!.Value, row.Cell(4).GetDouble(), 6);
        }
        Assert.Equal("Jumlah", provinces.Row(block + 1 + trained.Count).Cell(2).GetString());
        Assert.Equal(trained.Sum(r => r.YearToDateValue!.Value), provinces.Row(block + 1 + trained.Count).Cell(4).GetDouble(), 6);

        var countries = _workbook.Worksheet("Per Negara");
        var first = countries.RowsUsed().First(r => r.Cell(1).GetString().StartsWith("P3-REMITTANCE", StringComparison.Ordinal)).RowNumber() + 1;
        Assert.Equal(remittance[0].Code, countries.Row(first).Cell(1).GetString());
        Assert.Equal(remittance[0].YearToDateValue!.Value, countries.Row(first).Cell(4).GetDouble(), 6);
        Assert.Equal("[$-421]\"USD \"#,##0", countries.Row(first).Cell(4).Style.NumberFormat.Format);
    }

    [Fact]
    public async Task DataSheetReadsBackExactlyAsTheYearsObservations()
    {
        await using var db = _database.OpenContext();
        var expected = await (
                from o in db.Observations
                join i in db.Indicators on o.IndicatorId equals i.Id
                where o.Year == 2026
                select new { i.Code, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex, o.Value, o.Numerator, o.Denominator, o.Source, o.Note })
            .ToListAsync();
        // ClosedXML 0.95 reads (and writes) numbers with Excel's 15 significant digits; only computed ratio values
        // carry more, so they are compared at that precision. Counts and money are exact.
        expected = [.. expected.Select(e => e with { Value = Significant15(e.Value) })];
        var data = _workbook.Worksheet("Data");
        var rows = data.RowsUsed().Skip(1).Select(r => new
        {
            Code = r.Cell(1).GetString(), Year = (int)r.Cell(2).GetDouble(), Quarter = (int)r.Cell(3).GetDouble(),
            ProvinceCode = r.Cell(4).GetString(), CountryCode = r.Cell(5).GetString(), Sex = r.Cell(6).GetString(),
            Value = r.Cell(7).GetDouble(), Numerator = r.Cell(8).IsEmpty() ? (double?)null : r.Cell(8).GetDouble(),
            Denominator = r.Cell(9).IsEmpty() ? (double?)null : r.Cell(9).GetDouble(), Source = r.Cell(10).GetString(), Note = r.Cell(11).GetString(),
        }).ToList();

        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(
            expected.OrderBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.Quarter).ThenBy(e => e.ProvinceCode, StringComparer.Ordinal)
                .ThenBy(e => e.CountryCode, StringComparer.Ordinal).ThenBy(e => e.Sex, StringComparer.Ordinal).Select(e => e.ToString()),
            rows.OrderBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.Quarter).ThenBy(e => e.ProvinceCode, StringComparer.Ordinal)
                .ThenBy(e => e.CountryCode, StringComparer.Ordinal).ThenBy(e => e.Sex, StringComparer.Ordinal).Select(e => e.ToString()));
        Assert.All(data.Column(7).CellsUsed().Skip(1), c => Assert.Equal(XLDataType.Number, c.DataType));
        Assert.All(data.Column(2).CellsUsed().Skip(1), c => Assert.Equal(XLDataType.Number, c.DataType));
    }

    private static double Significant15(double value) =>
        double.Parse(value.ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void NarrativesAndActionItemsOfTheQuarterAreWrittenWithOverdueComputedFromToday()
    {
        var narratives = _workbook.Worksheet("Narasi");
        Assert.Contains(narratives.RowsUsed(), r => r.Cell(1).GetString().StartsWith('P') && r.Cell(3).GetString().Length > 20);
        var actions = _workbook.Worksheet("Tindak Lanjut");
        var items = actions.RowsUsed().Where(r => r.Cell(1).DataType == XLDataType.Number).ToList();
        Assert.NotEmpty(items);
        // Today is 28 Nov 2026: an unfinished item due before it is overdue, one due in December is not.
        Assert.Contains(items, r => r.Cell(10).GetString() == "Ya" && r.Cell(7).GetDateTime() < new DateTime(2026, 11, 28) && r.Cell(8).GetString() != "Selesai");
        Assert.Contains(items, r => r.Cell(10).GetString() == "Tidak" && r.Cell(7).GetDateTime() > new DateTime(2026, 11, 28));
        Assert.All(items, r => Assert.Equal(XLDataType.DateTime, r.Cell(7).DataType));
    }

    [Fact]
    public void ProgressIsReportedUpToAllRowsWritten()
    {
        Assert.Equal(ExportStage.Preparing, _progress[0].Stage);
        var done = _progress[^1];
        Assert.Equal(ExportStage.Done, done.Stage);
        Assert.Equal(100, done.Percent);
        Assert.Equal(_workbook.Worksheet("Data").RowsUsed().Count() - 1, done.RowsWritten);
    }
}
