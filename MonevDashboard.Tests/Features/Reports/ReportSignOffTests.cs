using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Reports;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>
/// The quarterly workbook as a director signs it (#16 items 3 and 14): letterhead, pillar summary by status, sign-off
/// block, print areas, id-ID tagged number formats, the Data sheet's status and names, the sheet by sex, provinces in
/// code order. On the demo report of TW III 2026 (<see cref="DemoReportFixture"/>: Kemendag logo and approver set).
/// </summary>
public sealed class ReportSignOffTests(DemoReportFixture fixture) : IClassFixture<DemoReportFixture>
{
    private readonly TestDatabase _database = fixture.Database;
    private readonly XLWorkbook _workbook = fixture.Workbook;

    private IXLWorksheet Summary => _workbook.Worksheet(ReportTerms.SummarySheet);

    private async Task<IReadOnlyList<IndicatorFigure>> FiguresAsync(int quarter = 3)
    {
        await using var scope = _database.Scope();
        return await _database.Get<FigureQueryService>(scope).GetIndicatorFiguresAsync(new FigureFilter(2026, quarter));
    }

    [Fact]
    public async Task PillarSummaryCountsIndicatorsByStatusAsTheDashboardDoesAndNoRowSumsUnlikeIndicators()
    {
        var figures = await FiguresAsync();
        var cells = Summary.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.DoesNotContain(cells, c => c.StartsWith("Subtotal", StringComparison.OrdinalIgnoreCase) || c.StartsWith("Jumlah P", StringComparison.Ordinal));

        // Every row of the indicator table with a figure is one indicator's row.
        var codes = figures.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var titleRow = Summary.RowsUsed().Single(r => r.Cell(2).GetString() == ReportTerms.PillarSummaryTitle).RowNumber();
        for (var row = QuarterlyReportWriter.SummaryHeaderRow + 1; row < titleRow; row++)
        {
            if (Summary.Cell(row, 8).DataType == XLDataType.Number || Summary.Cell(row, 9).DataType == XLDataType.Number)
            {
                Assert.Contains(Summary.Cell(row, 2).GetString(), codes);
            }
        }

        var header = Summary.Row(titleRow + 1);
        Assert.Equal(["Pilar", "Nama Pilar", "Jumlah Indikator", "Tercapai", "Perlu perhatian", "Kritis", "Tanpa target", "Belum ada data"],
            header.Cells(2, 9).Select(c => c.GetString()));
        var expected = FigureQueryService.SummarizePillars(figures);
        Assert.Equal(4, expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = Summary.Row(titleRow + 2 + i);
            var p = expected[i];
            Assert.Equal(p.PillarCode, row.Cell(2).GetString());
            Assert.Equal([p.Indicators, p.OnTrack, p.NeedsAttention, p.Critical, p.NoTarget, p.NoData],
                row.Cells(4, 9).Select(c => (int)c.GetDouble()));
        }
        // P3 mixes USD export value and remittance: it is counted (how many on track), never added up.
        Assert.Equal(figures.Count(f => f.PillarCode == "P3"), expected.Single(p => p.PillarCode == "P3").Indicators);
    }

    [Fact]
    public void LetterheadNamesBothMinistriesAboveTheTitle()
    {
        Assert.Equal("KEMENTERIAN PERDAGANGAN REPUBLIK INDONESIA", Summary.Cell(1, 3).GetString());
        Assert.Equal("KEMENTERIAN PELINDUNGAN PEKERJA MIGRAN INDONESIA", Summary.Cell(2, 3).GetString());
        Assert.Contains("Pengembangan Ekspor Nasional", Summary.Cell(3, 3).GetString());
        Assert.Equal(ReportTerms.ReportTitle, Summary.Cell(QuarterlyReportWriter.LetterheadRows + 1, 1).GetString());
    }

    [Fact]
    public async Task TheLogosSetInPengaturanAreDrawnInTheLetterheadAtItsHeightKeepingTheirProportions()
    {
        var kemendag = TestImages.Png(160, 80);
        var kp2mi = TestImages.JpegHeader(300, 300);
        var content = await ContentAsync(new ReportLetterhead(kemendag, kp2mi));
        using var output = new MemoryStream();
        await QuarterlyReportWriter.WriteAsync(output, content, AsyncEnumerable.Empty<ObservationExportRow>());

        var pictures = ReportTestSupport.ReadPictures(output, ReportTerms.SummarySheet);
        Assert.Equal(2, pictures.Count);
        var left = pictures.Single(p => p.Column == 0);
        Assert.Equal((0, 152, QuarterlyReportWriter.LogoHeightPixels), (left.Row, left.Width, left.Height));
        Assert.Equal(kemendag, left.Image);
        Assert.Equal("image/png", left.ContentType);
        var right = pictures.Single(p => p.Column == 11);   // the last of the summary's twelve columns
        Assert.Equal((0, 76, 76), (right.Row, right.Width, right.Height));
        Assert.Equal(kp2mi, right.Image);
        Assert.Equal("image/jpeg", right.ContentType);

        // The drawing is valid Open XML (what Excel would otherwise "repair" on opening).
        output.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(output, isEditable: false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Where(e => e.Part?.Uri.OriginalString.Contains("drawing", StringComparison.Ordinal) == true
                || e.Node?.LocalName == "drawing")
            .Select(e => $"{e.Part?.Uri}: {e.Description}")
            .ToList();
        Assert.Empty(errors);
    }

    private async Task<QuarterlyReportContent> ContentAsync(ReportLetterhead letterhead) =>
        new(new YearQuarter(2026, 3), new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc),
            new DateOnly(2026, 11, 28), StatusThresholds.Default, await FiguresAsync(), new Dictionary<string, IReadOnlyList<BreakdownRow>>(),
            new Dictionary<string, IReadOnlyList<BreakdownRow>>(), [], [], 0)
        {
            Letterhead = letterhead,
        };

    [Fact]
    public void SignOffBlockNamesThePreparerTheVerifiersAndTheApprovingOfficialWithIdIdDates()
    {
        var text = Summary.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("Disiapkan oleh,", text);
        Assert.Contains("Diperiksa oleh,", text);
        Assert.Contains("Disetujui oleh,", text);
        // The report was generated by the test's user on 28 Nov 2026 (WIB).
        Assert.Contains("tester@monev.go.id", text);
        Assert.Contains("Tanggal: 28 Nov 2026", text);
        // TW III 2026 is not verified yet in the demo data.
        Assert.Contains("Belum ada verifikasi triwulan ini", text);
        Assert.Contains("Dr. Siti Rahmawati", text);
        Assert.Contains("Direktur Pengembangan Ekspor", text);
        // The block is inside the printed summary.
        var approver = Summary.CellsUsed().Single(c => c.GetString() == "Dr. Siti Rahmawati");
        var area = Summary.PageSetup.PrintAreas.Single().RangeAddress;
        Assert.True(approver.Address.RowNumber <= area.LastAddress.RowNumber);
    }

    [Fact]
    public async Task ForAVerifiedQuarterTheCheckedByBlockNamesEachMinistrysVerifierAndTheDayTheyVerified()
    {
        using var workbook = await ReportTestSupport.WriteAndOpenReportAsync(_database, 2026, 2);
        await using var db = _database.OpenContext();
        var verifications = await db.Submissions.AsNoTracking().Where(s => s.Year == 2026 && s.Quarter == 2).OrderBy(s => s.Ministry).ToListAsync();
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.DisplayName);
        var text = workbook.Worksheet(ReportTerms.SummarySheet).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(2, verifications.Count);
        foreach (var v in verifications)
        {
            var name = names.TryGetValue(v.VerifiedBy!, out var display) && display.Length > 0 ? display : v.VerifiedBy!;
            Assert.Contains($"{name} ({Vocabulary.MinistryName(v.Ministry)})", text);
            Assert.Contains($"Tanggal: {FigureFormatter.Date(ReportingCalendar.WibDate(v.VerifiedAt!.Value))}", text);
        }
        Assert.DoesNotContain("Belum ada verifikasi triwulan ini", text);
    }

    [Fact]
    public void PrintingTheWorkbookGivesTheSummaryPagesAndLeavesTheDataSheetsRowsOut()
    {
        var area = Assert.Single(Summary.PageSetup.PrintAreas).RangeAddress;
        Assert.Equal((1, 1), (area.FirstAddress.RowNumber, area.FirstAddress.ColumnNumber));
        Assert.Equal(12, area.LastAddress.ColumnNumber);
        Assert.True(area.LastAddress.RowNumber >= Summary.LastRowUsed().RowNumber());
        foreach (var name in new[] { ReportTerms.ProvinceSheet, ReportTerms.CountrySheet, ReportTerms.SexSheet })
        {
            var columns = Assert.Single(_workbook.Worksheet(name).PageSetup.PrintAreas).RangeAddress;
            Assert.Equal(1, columns.FirstAddress.ColumnNumber);
            Assert.Equal(5, columns.LastAddress.ColumnNumber);
        }
        var data = _workbook.Worksheet(ReportTerms.DataSheet);
        Assert.True(data.LastRowUsed().RowNumber() > 100);
        var dataArea = Assert.Single(data.PageSetup.PrintAreas).RangeAddress;
        Assert.Equal(1, dataArea.LastAddress.RowNumber);
        foreach (var sheet in _workbook.Worksheets)
        {
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
        }
        Assert.True(Summary.TabActive);
    }

    [Fact]
    public void EveryFigureCellCarriesAnExplicitIndonesianTaggedFormatNotALocaleDependentBuiltIn()
    {
        var figureCells = Summary.Range(QuarterlyReportWriter.SummaryHeaderRow + 1, 6, Summary.LastRowUsed().RowNumber(), 10).CellsUsed()
            .Concat(_workbook.Worksheet(ReportTerms.ProvinceSheet).Range("C6:E5000").CellsUsed())
            .Concat(_workbook.Worksheet(ReportTerms.SexSheet).Range("C6:E5000").CellsUsed())
            .Where(c => c.DataType == XLDataType.Number)
            .ToList();
        Assert.True(figureCells.Count > 100);
        Assert.All(figureCells, c => Assert.StartsWith("[$-421]", c.Style.NumberFormat.Format, StringComparison.Ordinal));
        Assert.Contains(figureCells, c => c.Style.NumberFormat.Format == "[$-421]#,##0");
        Assert.Contains(figureCells, c => c.Style.NumberFormat.Format == "[$-421]0.0%");
    }

    [Fact]
    public async Task DataSheetShowsEachObservationsVerificationStatusAndIndicatorNameWithRoomBetweenTriwulanAndProvince()
    {
        await using var db = _database.OpenContext();
        var expected = await (
                from o in db.Observations
                join i in db.Indicators on o.IndicatorId equals i.Id
                where o.Year == 2026
                select new { i.Code, i.NameId, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex, o.Status })
            .ToListAsync();
        var byKey = expected.ToDictionary(e => (e.Code, e.Quarter, e.ProvinceCode, e.CountryCode, e.Sex));
        var data = _workbook.Worksheet(ReportTerms.DataSheet);
        var rows = data.RowsUsed().Skip(1).ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var r in rows)
        {
            var e = byKey[(r.Cell(1).GetString(), (int)r.Cell(3).GetDouble(), r.Cell(4).GetString(), r.Cell(5).GetString(), r.Cell(6).GetString())];
            Assert.Equal(Vocabulary.ObservationStatusName(e.Status), r.Cell(12).GetString());
            Assert.Equal(e.NameId, r.Cell(13).GetString());
        }
        Assert.Contains(rows, r => r.Cell(12).GetString() == "Terverifikasi");
        Assert.Contains(rows, r => r.Cell(12).GetString() == "Disampaikan");
        // Triwulan (right-aligned number) and Kode Provinsi (text) do not touch: wide columns and indented text.
        Assert.True(data.Column(3).Width >= 12);
        Assert.True(data.Column(4).Width >= 16);
        var province = rows.First(r => r.Cell(4).GetString().Length > 0).Cell(4);
        Assert.True(province.Style.Alignment.Indent >= 1);
    }

    [Fact]
    public async Task TheSheetBySexHoldsTheQueryServicesFiguresForEverySexDisaggregatedIndicator()
    {
        await using var scope = _database.Scope();
        var service = _database.Get<FigureQueryService>(scope);
        var trained = await service.GetBreakdownAsync(new FigureFilter(2026, 3), "P1-PMI-TRAINED", BreakdownDimension.Sex);
        var sheet = _workbook.Worksheet(ReportTerms.SexSheet);
        Assert.Equal("Rincian Realisasi per Jenis Kelamin", sheet.Cell(1, 1).GetString());
        var block = sheet.RowsUsed().First(r => r.Cell(1).GetString().StartsWith("P1-PMI-TRAINED", StringComparison.Ordinal)).RowNumber();
        var rows = trained.OrderBy(r => r.Code.Length == 0).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(["L", "P"], rows.Where(r => r.Code.Length > 0).Select(r => r.Code));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = sheet.Row(block + 1 + i);
            Assert.Equal(rows[i].NameId, row.Cell(2).GetString());
            Assert.Equal(rows[i].YearToDateValue!.Value, row.Cell(4).GetDouble(), 6);
        }
        var sexIndicators = (await FiguresAsync()).Where(f => (f.Disaggregations & Disaggregation.Sex) == Disaggregation.Sex).Select(f => f.Code).ToList();
        Assert.Equal(4, sexIndicators.Count);
        Assert.All(sexIndicators, code => Assert.Contains(sheet.RowsUsed(), r => r.Cell(1).GetString().StartsWith(code + " — ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ProvincesAreListedInTheOrderOfTheirCodesWithUnspecifiedLast()
    {
        var sheet = _workbook.Worksheet(ReportTerms.ProvinceSheet);
        var blocks = 0;
        List<string> codes = [];
        foreach (var row in sheet.RowsUsed().Where(r => r.RowNumber() > 5))
        {
            var first = row.Cell(1).GetString();
            if (first.Contains(" — ", StringComparison.Ordinal) || first.Length == 0)
            {
                Check(codes);
                codes = [];
                blocks += first.Length > 0 ? 1 : 0;
                continue;
            }
            codes.Add(first);
        }
        Check(codes);
        Assert.True(blocks >= 5);

        static void Check(List<string> codes)
        {
            var named = codes.Where(c => c != "–").ToList();
            Assert.Equal(named.Order(StringComparer.Ordinal), named);
            Assert.All(named, c => Assert.Matches("^[0-9]{2}$", c));
            if (codes.Contains("–"))
            {
                Assert.Equal("–", codes[^1]);
            }
        }
    }

    [Fact]
    public async Task WithoutLogosTheLetterheadShowsTheNamesOnly()
    {
        using var output = new MemoryStream();
        await QuarterlyReportWriter.WriteAsync(output, await ContentAsync(ReportLetterhead.NamesOnly), AsyncEnumerable.Empty<ObservationExportRow>());
        Assert.Empty(ReportTestSupport.ReadPictures(output, ReportTerms.SummarySheet));
        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        var summary = workbook.Worksheet(ReportTerms.SummarySheet);
        Assert.Equal("KEMENTERIAN PERDAGANGAN REPUBLIK INDONESIA", summary.Cell(1, 3).GetString());
        Assert.Equal(ReportTerms.ReportTitle, summary.Cell(QuarterlyReportWriter.LetterheadRows + 1, 1).GetString());
    }
}
