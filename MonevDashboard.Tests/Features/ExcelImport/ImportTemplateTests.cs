using ClosedXML.Excel;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>The template is generated from the catalogue and imports back once filled in.</summary>
public sealed class ImportTemplateTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<XLWorkbook> TemplateAsync()
    {
        await using var scope = _harness.Database.Scope();
        var bytes = await _harness.Database.Get<ImportService>(scope).TemplateAsync();
        return new XLWorkbook(new MemoryStream(bytes));
    }

    [Fact]
    public async Task TemplateHasTheContractsSheetsColumnsDropdownsWidthsAndFrozenHeaders()
    {
        using var template = await TemplateAsync();

        Assert.Equal(["Petunjuk", "Data", "Target", "Ref_Indikator", "Ref_Provinsi", "Ref_Negara"], template.Worksheets.Select(w => w.Name));
        var data = template.Worksheet("Data");
        Assert.Equal(["Kode Indikator", "Tahun", "Triwulan", "Kode Provinsi", "Kode Negara", "Jenis Kelamin", "Nilai", "Pembilang", "Penyebut", "Sumber", "Keterangan"],
            Enumerable.Range(1, 11).Select(c => data.Cell(1, c).GetString()));
        Assert.Equal(["Kode Indikator", "Tahun", "Triwulan", "Target"], Enumerable.Range(1, 4).Select(c => template.Worksheet("Target").Cell(1, c).GetString()));
        Assert.Equal(1, data.SheetView.SplitRow);
        Assert.Equal(DataSheetColumns.IndicatorCode.Width, data.Column(1).Width);
        Assert.Equal(DataSheetColumns.Note.Width, data.Column(11).Width);

        var lists = data.DataValidations.ToDictionary(v => v.Ranges.First().RangeAddress.FirstAddress.ColumnNumber, v => v.Value);
        Assert.Equal("'Ref_Indikator'!$A$2:$A$15", lists[1]);
        Assert.Equal("'Ref_Provinsi'!$A$2:$A$39", lists[4]);
        Assert.Equal("'Ref_Negara'!$A$2:$A$250", lists[5]);
        Assert.Equal("\"L,P\"", lists[6]);
        Assert.Equal(14, template.Worksheet("Ref_Indikator").RowsUsed().Count() - 1);
        Assert.Equal("Jawa Timur", template.Worksheet("Ref_Provinsi").Column(1).CellsUsed().First(c => c.GetString() == "35").CellRight().GetString());
        Assert.Contains(template.Worksheet("Petunjuk").CellsUsed(), c => c.GetString().Contains("Langkah pengisian", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTemplateFilledInImportsCleanly()
    {
        using var template = await TemplateAsync();
        var data = template.Worksheet("Data");
        data.Cell("A2").SetValue("P2-INFO-REACH");
        data.Cell("B2").SetValue(2026);
        data.Cell("C2").SetValue(3);
        data.Cell("D2").SetValue("52");
        data.Cell("F2").SetValue("P");
        data.Cell("G2").SetValue(1450);
        data.Cell("J2").SetValue("Daftar hadir");
        var target = template.Worksheet("Target");
        target.Cell("A2").SetValue("P2-INFO-REACH");
        target.Cell("B2").SetValue(2027);
        target.Cell("D2").SetValue(60000);
        using var filled = new MemoryStream();
        template.SaveAs(filled);

        var (preview, _) = await _harness.ImportAsync(filled.ToArray(), "Template-Impor-Monev.xlsx");

        Assert.Empty(preview.Issues);
        Assert.Equal((1, 1), (preview.Observations.New, preview.Targets.New));
        Assert.Equal(1450, (await _harness.ObservationAsync("P2-INFO-REACH", 2026, 3, "52", sex: "P"))!.Value);
    }

    [Fact]
    public async Task AnEmptyTemplateIsRefusedForHavingNoRows()
    {
        using var template = await TemplateAsync();
        using var bytes = new MemoryStream();
        template.SaveAs(bytes);

        var preview = await _harness.PreviewAsync(bytes.ToArray());

        Assert.Equal("Import.NoRows", Assert.Single(preview.Errors).Rule);
    }
}
