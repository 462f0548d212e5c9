using System.Runtime.CompilerServices;
using Bunit;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Components.Shared;
using MonevDashboard.Domain.Access;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

public sealed class GridExportTests
{
    private sealed record Row(string Code, double? Value, string Unit, DateOnly? Due, string Note);

    private static async IAsyncEnumerable<Row> RowsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new Row(i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? null : i * 10.5,
                i % 2 == 0 ? "USD" : "%", new DateOnly(2026, 1, 1).AddDays(i), i == 1 ? "=cmd|' /C calc'!A0" : "catatan");
        }
    }

    [Fact]
    public async Task AGridIsExportedAsShownWithItsFiltersTypedCellsAndATable()
    {
        await using var database = await ReportTestSupport.CreateDatabaseAsync(demoData: false);
        await using var scope = database.Scope();
        var export = database.Get<GridExport>(scope);
        var columns = new GridColumns<Row>()
            .Text("Kode", r => r.Code, 8)
            .Figure("Nilai", r => r.Value, r => r.Unit)
            .Date("Batas", r => r.Due)
            .Text("Catatan", r => r.Note, 30);
        using var output = new MemoryStream();

        var written = await export.WriteAsync(output, new GridSheet<Row>("Daftar: uji [1]", columns, RowsAsync(25)) { Notes = ["Provinsi: Jawa Timur"] });

        Assert.Equal(25, written);
        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Daftar uji 1", sheet.Name);
        Assert.Equal("Daftar: uji [1]", sheet.Cell(1, 1).GetString());
        Assert.Equal("Provinsi: Jawa Timur", sheet.Cell(2, 1).GetString());
        Assert.Equal("Diekspor: 28 Nov 2026 10.00 WIB", sheet.Cell(3, 1).GetString());
        var table = Assert.Single(sheet.Tables);
        Assert.Equal(["Kode", "Nilai", "Batas", "Catatan"], table.HeadersRow().Cells().Select(c => c.GetString()));
        Assert.Equal(25, table.DataRange.RowCount());
        var first = table.DataRange.Row(1);
        Assert.Equal("000", first.Cell(1).GetString());
        Assert.Equal(XLDataType.Text, first.Cell(1).DataType);
        Assert.True(first.Cell(2).IsEmpty());
        var second = table.DataRange.Row(2);
        Assert.Equal(0.105, second.Cell(2).GetDouble(), 12);
        Assert.Equal("[$-421]0.0%", second.Cell(2).Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2026, 1, 2), second.Cell(3).GetDateTime());
        Assert.Equal("=cmd|' /C calc'!A0", second.Cell(4).GetString());
        Assert.False(second.Cell(4).HasFormula);
        Assert.True(second.Cell(4).Style.IncludeQuotePrefix);
        Assert.Equal("[$-421]\"USD \"#,##0", table.DataRange.Row(3).Cell(2).Style.NumberFormat.Format);
        Assert.Equal(30, sheet.Column(4).Width, 1);
        Assert.Equal(table.HeadersRow().RowNumber(), sheet.SheetView.SplitRow);
    }
}

public sealed class ExportButtonTests : MonevTestContext
{
    private readonly StrongBox<DownloadService?> _downloads;

    public ExportButtonTests() : this(new StrongBox<DownloadService?>())
    {
    }

    private ExportButtonTests(StrongBox<DownloadService?> downloads)
        : base(services => services.AddScoped(_ => downloads.Value ?? throw new InvalidOperationException("Arrange first.")))
        => _downloads = downloads;

    /// <summary>The button asks DownloadService on the server: a viewer's, on a real test database.</summary>
    private async Task<TestDatabase> AsViewerAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var scope = database.Scope(TestUser.As("viewer@monev.go.id", Roles.Viewer));
        _downloads.Value = database.Get<DownloadService>(scope);
        return database;
    }

    [Fact]
    public async Task ClickingWritesTheFileAndHandsItToTheBrowserUnderItsName()
    {
        await using var database = await AsViewerAsync();
        Services.AddLogging();
        var download = JSInterop.SetupVoid("monev.downloadFromStream", _ => true);
        // The browser takes the stream at once (left pending, the call would wait out bUnit's wait timeout).
        download.SetVoidResult();
        var written = 0L;
        var button = Render<ExportButton>(p => p
            .Add(b => b.FileName, "uji.xlsx")
            .Add(b => b.Export, async (stream, progress, ct) =>
            {
                progress.Report(new ExportProgress(ExportStage.WritingRows, 5, 10));
                await stream.WriteAsync(new byte[] { 1, 2, 3 }, ct);
                written = stream.Length;
            }));

        button.Find("button").Click();

        // The file is written off the renderer's thread; on a busy machine that takes a moment.
        button.WaitForAssertion(() => Assert.Single(download.Invocations), TimeSpan.FromSeconds(10));
        Assert.Equal("uji.xlsx", download.Invocations.Single().Arguments[0]);
        Assert.Equal(3, written);
        button.WaitForAssertion(() => Assert.Equal("false", button.Find("[data-testid=export-button]").GetAttribute("data-running")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AFailedExportSaysSoAndTheButtonWorksAgain()
    {
        await using var database = await AsViewerAsync();
        Services.AddLogging();
        Render<MudBlazor.MudSnackbarProvider>();
        var button = Render<ExportButton>(p => p
            .Add(b => b.FileName, "uji.xlsx")
            .Add(b => b.Export, (_, _, _) => throw new InvalidOperationException("rusak")));

        button.Find("button").Click();

        button.WaitForAssertion(() => Assert.False(button.Find("button").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "monev.downloadFromStream");
    }
}
