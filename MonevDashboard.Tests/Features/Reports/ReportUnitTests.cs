using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Cli;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Reports;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

public sealed class FaithfulCellWriterTests
{
    [Theory]
    [InlineData("=SUM(A1)", true)]
    [InlineData("+62 812", true)]
    [InlineData("-5", true)]
    [InlineData("@user", true)]
    [InlineData("\tx", true)]
    [InlineData("\rx", true)]
    [InlineData("001", false)]
    [InlineData("a=b", false)]
    [InlineData("", false)]
    public void FormulaLikeTextIsRecognisedByItsFirstCharacter(string text, bool expected) =>
        Assert.Equal(expected, FaithfulCellWriter.NeedsQuotePrefix(text));

    [Fact]
    public void CharactersXmlCannotHoldAreDroppedAndEverythingElseKept()
    {
        Assert.Equal("ab\tc\r\nd😀", FaithfulCellWriter.XmlSafe("a\u0001b\tc\r\nd\u001F😀\uFFFE"));
        Assert.Equal("lone", FaithfulCellWriter.XmlSafe("lo\uD800ne"));
    }

    [Fact]
    public void ClosedXmlCellsGetTextAsTextNumbersAsNumbersAndTheQuotePrefixForFormulaLikeText()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("S");
        FaithfulCellWriter.Write(sheet.Cell(1, 1), "2026-01-02");
        FaithfulCellWriter.Write(sheet.Cell(2, 1), "=1+2");
        FaithfulCellWriter.Write(sheet.Cell(3, 1), CellContent.FromFigure(45.3, "%"));
        FaithfulCellWriter.Write(sheet.Cell(4, 1), CellContent.FromFigure(1500, "USD"));
        FaithfulCellWriter.Write(sheet.Cell(5, 1), CellContent.FromDate(new DateOnly(2026, 11, 28)));

        Assert.Equal(XLDataType.Text, sheet.Cell(1, 1).DataType);
        Assert.Equal("2026-01-02", sheet.Cell(1, 1).GetString());
        Assert.False(sheet.Cell(2, 1).HasFormula);
        Assert.True(sheet.Cell(2, 1).Style.IncludeQuotePrefix);
        Assert.Equal(0.453, sheet.Cell(3, 1).GetDouble(), 12);
        Assert.Equal("[$-421]0.0%", sheet.Cell(3, 1).Style.NumberFormat.Format);
        Assert.Equal("[$-421]\"USD \"#,##0", sheet.Cell(4, 1).Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2026, 11, 28), DateTime.FromOADate(sheet.Cell(5, 1).GetDouble()));
    }

    [Fact]
    public void CountsWithDecimalsAreNotRoundedAwayByTheirFormat()
    {
        Assert.Equal(CellFormat.Count, CellContent.FromFigure(12, "orang").Format);
        Assert.Equal(CellFormat.Amount, CellContent.FromFigure(12.5, "orang").Format);
        Assert.Equal(CellKind.Empty, CellContent.FromFigure(double.NaN, "orang").Kind);
        Assert.Equal(CellKind.Empty, CellContent.FromText("").Kind);
    }

    [Fact]
    public void StreamedSheetColumnNamesFollowExcel()
    {
        Assert.Equal("A", StreamedTableSheet.ColumnName(1));
        Assert.Equal("K", StreamedTableSheet.ColumnName(11));
        Assert.Equal("Z", StreamedTableSheet.ColumnName(26));
        Assert.Equal("AA", StreamedTableSheet.ColumnName(27));
        Assert.Equal("AZ", StreamedTableSheet.ColumnName(52));
    }
}

public sealed class ReportTermsTests
{
    [Fact]
    public async Task WorkbookStatusLabelsAreTheAppsIndonesianLabels()
    {
        await using var database = await ReportTestSupport.CreateDatabaseAsync(demoData: false);
        var localizer = database.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("id-ID");
        try
        {
            foreach (var status in Enum.GetValues<AchievementStatus>())
            {
                Assert.Equal(localizer["Status." + status].Value, Vocabulary.StatusName(status));
            }
            foreach (var status in Enum.GetValues<ActionItemStatus>())
            {
                Assert.Equal(localizer["ActionStatus." + status].Value, Vocabulary.ActionStatusName(status));
            }
            foreach (var status in Enum.GetValues<ObservationStatus>())
            {
                Assert.Equal(localizer["ObservationStatus." + status].Value, Vocabulary.ObservationStatusName(status));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

public sealed class BreakdownsTests
{
    [Fact]
    public async Task AllBreakdownsInOneQueryEqualEachIndicatorsOwnBreakdown()
    {
        await using var database = await ReportTestSupport.CreateDatabaseAsync(demoData: true);
        await using var scope = database.Scope();
        var service = database.Get<FigureQueryService>(scope);
        var filter = new FigureFilter(2026, 2);
        foreach (var dimension in new[] { BreakdownDimension.Province, BreakdownDimension.Country, BreakdownDimension.Sex })
        {
            var all = await service.GetBreakdownsAsync(filter, dimension);
            Assert.NotEmpty(all);
            foreach (var figure in await service.GetIndicatorFiguresAsync(filter))
            {
                var single = await service.GetBreakdownAsync(filter, figure.Code, dimension);
                Assert.Equal(single, all.TryGetValue(figure.Code, out var rows) ? rows : []);
            }
        }
    }
}

public sealed class ExportCommandTests
{
    [Theory]
    [InlineData(new[] { "--year", "2026", "--quarter", "3" }, 2026, 3, null)]
    [InlineData(new[] { "--year=2026", "--quarter=IV", "--out", "x.xlsx" }, 2026, 4, "x.xlsx")]
    [InlineData(new[] { "--quarter", "ii", "--year", "2025", "--ConnectionStrings:Monev=Data Source=a.db" }, 2025, 2, null)]
    public void ValidArgumentsAreRead(string[] args, int year, int quarter, string? output)
    {
        var (errors, arguments) = CommandLine.Read(["export", .. args]);

        Assert.Empty(errors);
        Assert.Equal(new ExportCommand.Arguments(year, quarter, output), arguments);
    }

    [Theory]
    [InlineData(new[] { "--year", "2026" }, "Opsi --quarter wajib diisi")]
    [InlineData(new[] { "--quarter", "1" }, "Opsi --year wajib diisi")]
    [InlineData(new[] { "--year", "2026", "--quarter", "1", "--out", "" }, "Nama berkas --out tidak boleh kosong")]
    [InlineData(new[] { "--year", "2026", "--quarter", "1", "--out=" }, "Opsi --out memerlukan nilai")]
    [InlineData(new[] { "--year", "dua ribu", "--quarter", "1" }, "Tahun \"dua ribu\" tidak valid")]
    [InlineData(new[] { "--year", "2026", "--quarter", "5" }, "Triwulan \"5\" tidak valid")]
    [InlineData(new[] { "--year", "2026", "--quarter" }, "Opsi --quarter memerlukan nilai")]
    [InlineData(new[] { "--year", "2026", "--quarter", "1", "--format", "pdf" }, "Opsi tidak dikenal: --format")]
    [InlineData(new[] { "--year", "2026", "--year", "2025", "--quarter", "1" }, "Opsi --year diberikan lebih dari sekali")]
    public void UsageErrorsSayWhatIsWrongInIndonesian(string[] args, string message)
    {
        var (errors, arguments) = CommandLine.Read(["export", .. args]);

        Assert.Null(arguments);
        Assert.StartsWith(message, errors[0], StringComparison.Ordinal);
    }
}
