using ClosedXML.Excel;
using MonevDashboard.Features.ExcelImport;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>A rejected file comes back as the official's own workbook with the faulty cells marked and commented.</summary>
public sealed class AnnotatedWorkbookTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<byte[]?> AnnotateAsync(ImportPreview preview)
    {
        await using var scope = _harness.Database.Scope();
        var annotated = _harness.Database.Get<ImportService>(scope).AnnotatedWorkbook(preview);
        Assert.True(annotated is null || !annotated.IsRebuilt);
        return annotated?.Bytes;
    }

    [Fact]
    public async Task EachFaultyCellIsFilledAndCommentedWithItsMessageAndAKesalahanSheetListsThemAll()
    {
        var file = Build(wb =>
        {
            var sheet = Sheet(wb, "Data", [.. DataHeader, "Petugas"], [
                Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", 12),
                Row("P1-PMI-TRAINED", 2026, 3, "35", null, "P", -5),
                Row("P1-PMI-TRAINED", 2026, "TW 7", "Atlantis", null, "L", 3)], headerRow: 2);
            sheet.Cell(1, 1).SetValue("Realisasi TW III 2026");
        });
        var preview = await _harness.PreviewAsync(file, "realisasi-tw3.xlsx");
        Assert.Equal(3, preview.Errors.Count());

        var annotated = await AnnotateAsync(preview);

        Assert.NotNull(annotated);
        Assert.Equal("realisasi-tw3-kesalahan.xlsx", preview.AnnotatedFileName);
        using var workbook = new XLWorkbook(new MemoryStream(annotated));
        var data = workbook.Worksheet("Data");
        Assert.Equal("Realisasi TW III 2026", data.Cell("A1").GetString());
        Assert.Equal(12, data.Cell("G3").GetDouble());
        Assert.False(data.Cell("G3").HasComment);
        AssertMarked(data.Cell("G4"), "Nilai tidak boleh negatif (tertulis -5).");
        AssertMarked(data.Cell("C5"), "Triwulan \"TW 7\" tidak valid; isi 1–4 atau I–IV.");
        AssertMarked(data.Cell("D5"), "Kode provinsi \"Atlantis\" tidak dikenal.");
        Assert.True(data.Cell("L2").HasComment); // the unknown column's warning
        Assert.Equal(XLColor.FromHtml("#FFEB9C"), data.Cell("L2").Style.Fill.BackgroundColor);

        var errors = workbook.Worksheet(DataSheetColumns.ErrorsSheet);
        Assert.Equal("Pesan", errors.Cell("G3").GetString());
        var listed = Enumerable.Range(4, 4).Select(r => (errors.Cell(r, 1).GetString(), errors.Cell(r, 3).GetString(), errors.Cell(r, 7).GetString())).ToList();
        Assert.Equal([("Kesalahan", "G4"), ("Kesalahan", "C5"), ("Kesalahan", "D5"), ("Peringatan", "L2")], listed.Select(l => (l.Item1, l.Item2)));
        Assert.Equal("Nilai tidak boleh negatif (tertulis -5).", listed[0].Item3);
    }

    private static void AssertMarked(IXLCell cell, string message)
    {
        Assert.True(cell.HasComment, $"{cell.Address} has no comment");
        Assert.True(cell.Comment.Text.Contains(message, StringComparison.Ordinal), $"{cell.Address}: [{cell.Comment.Text}]");
        Assert.Equal(XLColor.FromHtml("#FFC7CE"), cell.Style.Fill.BackgroundColor);
    }

    [Fact]
    public async Task AnAnnotatedWorkbookCorrectedAndUploadedAgainImports()
    {
        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: "=tiga")));
        var annotated = (await AnnotateAsync(preview))!;
        using var workbook = new XLWorkbook(new MemoryStream(annotated));
        workbook.Worksheet("Data").Cell("G2").SetValue(3);
        using var corrected = new MemoryStream();
        workbook.SaveAs(corrected);

        var (again, result) = await _harness.ImportAsync(corrected.ToArray());

        Assert.Equal(1, again.Observations.New);
        Assert.NotNull(result.BatchId);
        // The Kesalahan sheet of the earlier round is ignored, and its "=tiga" stayed text, never a formula.
        Assert.False(workbook.Worksheet(DataSheetColumns.ErrorsSheet).Cell("F4").HasFormula);
    }

    [Fact]
    public async Task AFileThatIsNotAWorkbookHasNoAnnotatedVersion()
    {
        var preview = await _harness.PreviewAsync(WordDocument);

        Assert.False(preview.CanAnnotate);
        Assert.Null(await AnnotateAsync(preview));
    }
}
