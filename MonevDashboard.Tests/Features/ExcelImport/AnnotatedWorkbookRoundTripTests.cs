using System.IO.Compression;
using ClosedXML.Excel;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// The annotated copy of files written as Excel, LibreOffice, Google Sheets and openpyxl/pandas write them (crafted by
/// hand in <see cref="CraftedWorkbooks"/>): refused by the import, annotated, then reopened both with ClosedXML and
/// with the import's own reader — every value is unchanged, the faulty cells are marked and commented, and the
/// Kesalahan sheet lists the issues.
/// </summary>
public sealed class AnnotatedWorkbookRoundTripTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<byte[]> AnnotateAsync(ImportPreview preview)
    {
        await using var scope = _harness.Database.Scope();
        var annotated = _harness.Database.Get<ImportService>(scope).AnnotatedWorkbook(preview);
        Assert.NotNull(annotated);
        // The user's own file, marked in place: the rebuilt copy is only for files whose parts cannot be rewritten.
        Assert.False(annotated.IsRebuilt);
        return annotated.Bytes;
    }

    private async Task<WorkbookContent> ReadAsync(byte[] file)
    {
        await using var scope = _harness.Database.Scope();
        return _harness.Database.Get<ObservationWorkbookReader>(scope).Read(file, "x.xlsx");
    }

    private static string Key(ImportIssue i) => $"{i.Sheet}!{i.CellAddress} r{i.Row} c{i.Column} {i.Rule}";

    [Theory]
    [MemberData(nameof(CraftedWorkbooks.All), MemberType = typeof(CraftedWorkbooks))]
    public async Task TheAnnotatedCopyKeepsEveryValueMarksTheFaultyCellsAndListsTheIssues(string flavorName)
    {
        var flavor = CraftedWorkbooks.Named(flavorName);
        var file = CraftedWorkbooks.Write(flavor);
        var preview = await _harness.PreviewAsync(file, "crafted.xlsx");
        Assert.True(preview.CanAnnotate, string.Join("\n", preview.Issues.Select(Key)));
        var faulty = preview.Errors.Where(e => e.Row > 0 && e.Column > 0).Select(e => e.CellAddress).ToHashSet();
        // The faults the crafted rows hold, at the cells the import names — absent cells among them.
        Assert.Superset(new HashSet<string> { "G4", "C5", "D5", "G6", "C7" }, faulty);
        Assert.Subset(new HashSet<string> { "G4", "C5", "D5", "G6", "C7" }, faulty);

        var annotated = await AnnotateAsync(preview);

        // The import's own reader: the same rows and values, and the same issues at the same cells.
        var before = await ReadAsync(file);
        var after = await ReadAsync(annotated);
        Assert.Equal(Rows(before), Rows(after));
        var again = await _harness.PreviewAsync(annotated, "crafted-kesalahan.xlsx");
        Assert.Equal(preview.Issues.Select(Key), again.Issues.Select(Key));

        // ClosedXML: values unchanged, faulty cells filled and commented, the Kesalahan sheet listing every issue.
        using var workbook = new XLWorkbook(new MemoryStream(annotated));
        var data = workbook.Worksheet("Data");
        for (var r = 0; r < CraftedWorkbooks.DataRows.Length; r++)
        {
            for (var c = 0; c < CraftedWorkbooks.DataRows[r].Length; c++)
            {
                var cell = data.Cell(r + 1, c + 1);
                switch (CraftedWorkbooks.DataRows[r][c])
                {
                    case null:
                        Assert.Equal("", cell.GetString());
                        Assert.False(cell.HasFormula);
                        break;
                    case string text:
                        Assert.Equal(text, cell.GetString());
                        Assert.False(cell.HasFormula);
                        break;
                    case var number:
                        Assert.Equal(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture), cell.GetDouble());
                        break;
                }
            }
        }
        foreach (var error in preview.Errors.Where(e => e.Row > 0 && e.Column > 0))
        {
            var cell = data.Cell(error.CellAddress);
            Assert.Equal(XLColor.FromHtml("#FFC7CE"), cell.Style.Fill.BackgroundColor);
            Assert.True(cell.HasComment, $"{flavor}: {cell.Address} has no comment");
            Assert.Contains(error.Message, cell.Comment.Text, StringComparison.Ordinal);
        }
        Assert.False(data.Cell("G3").HasComment && !flavor.Comments);
        Assert.NotEqual(XLColor.FromHtml("#FFC7CE"), data.Cell("G3").Style.Fill.BackgroundColor);
        if (flavor.Styles)
        {
            // A marked value keeps its own number format: only the fill is added.
            Assert.Equal(4, data.Cell("G4").Style.NumberFormat.NumberFormatId);
            Assert.Equal(4, data.Cell("G3").Style.NumberFormat.NumberFormatId);
        }

        var errorsName = flavor.KesalahanSheet ? "Kesalahan (2)" : DataSheetColumns.ErrorsSheet;
        var errors = workbook.Worksheet(errorsName);
        Assert.Equal(workbook.Worksheets.Count, errors.Position);
        Assert.True(errors.TabActive);
        Assert.False(data.TabSelected);
        Assert.Contains("crafted.xlsx", errors.Cell("A1").GetString(), StringComparison.Ordinal);
        Assert.Equal("Pesan", errors.Cell("G3").GetString());
        var listed = Enumerable.Range(4, preview.Issues.Count).Select(r => (errors.Cell(r, 2).GetString(), errors.Cell(r, 3).GetString(), errors.Cell(r, 7).GetString())).ToList();
        Assert.Equal(
            preview.Issues.OrderBy(i => i.IsWarning).ThenBy(i => i.Sheet, StringComparer.Ordinal).ThenBy(i => i.Row).ThenBy(i => i.Column).Select(i => (i.Sheet, i.CellAddress, i.Message)),
            listed);
        Assert.True(errors.Cell(4 + preview.Issues.Count, 1).IsEmpty());
        if (flavor.KesalahanSheet)
        {
            Assert.Equal("Kesalahan lama", workbook.Worksheet("Kesalahan").Cell("A1").GetString());
        }
    }

    [Fact]
    public async Task ExistingCommentsAreKeptExceptOnTheCellsMarkedNowAndTheNotesDrawingStaysWhole()
    {
        var preview = await _harness.PreviewAsync(CraftedWorkbooks.Write(CraftedWorkbooks.Excel), "excel.xlsx");

        var annotated = await AnnotateAsync(preview);

        using var workbook = new XLWorkbook(new MemoryStream(annotated));
        var data = workbook.Worksheet("Data");
        Assert.Contains("Diperiksa Budi", data.Cell(CraftedWorkbooks.KeptComment).Comment.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Angka lama", data.Cell(CraftedWorkbooks.ReplacedComment).Comment.Text, StringComparison.Ordinal);
        Assert.Contains("negatif", data.Cell(CraftedWorkbooks.ReplacedComment).Comment.Text, StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(annotated));
        var vml = new StreamReader(zip.GetEntry("xl/drawings/vmlDrawing1.vml")!.Open()).ReadToEnd();
        var notes = preview.Issues.Where(i => i.Row > 0 && i.Sheet == "Data").Select(i => (i.Row, Math.Max(1, i.Column))).Distinct().Count();
        // The kept note's shape, one per marked cell — the replaced note's shape gone — and the rest of the drawing as it was.
        Assert.Equal(1 + notes, System.Text.RegularExpressions.Regex.Count(vml, "ObjectType=\"Note\""));
        Assert.Contains("<x:Row>2</x:Row><x:Column>0</x:Column>", vml, StringComparison.Ordinal);
        Assert.Contains("<br/>", vml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnnotatedCopyAnnotatedAgainGetsItsOwnKesalahanSheetAndStillReadsTheSame()
    {
        var preview = await _harness.PreviewAsync(CraftedWorkbooks.Write(CraftedWorkbooks.Openpyxl), "openpyxl.xlsx");
        var once = await AnnotateAsync(preview);
        var again = await _harness.PreviewAsync(once, "openpyxl-kesalahan.xlsx");

        var twice = await AnnotateAsync(again);

        using var workbook = new XLWorkbook(new MemoryStream(twice));
        Assert.Equal(["Data", "Catatan", "Kesalahan", "Kesalahan (2)"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(Rows(await ReadAsync(once)), Rows(await ReadAsync(twice)));
    }

    /// <summary>
    /// Issue #16 item 10: a file the import reads but whose own parts cannot be rewritten (here a notes drawing cut
    /// short, which the import never reads) still gets its annotated copy — rebuilt from the rows as read, every value
    /// at its own cell, the faulty cells marked, the issues listed — and the service says it is a rebuilt one.
    /// </summary>
    [Fact]
    public async Task AFileWhosePartsCannotBeRewrittenGetsACopyRebuiltFromTheRowsRead()
    {
        var file = CraftedWorkbooks.Write(CraftedWorkbooks.ExcelWithBrokenNotes);
        var preview = await _harness.PreviewAsync(file, "catatan-rusak.xlsx");
        Assert.True(preview.CanAnnotate);

        AnnotatedCopy? copy;
        await using (var scope = _harness.Database.Scope())
        {
            copy = _harness.Database.Get<ImportService>(scope).AnnotatedWorkbook(preview);
        }

        Assert.NotNull(copy);
        Assert.True(copy.IsRebuilt);
        Assert.Matches("^[0-9A-F]{8}$", copy.RebuiltReference);
        // The import's own reader finds the same rows, values and issues in the rebuilt copy.
        Assert.Equal(Rows(await ReadAsync(file)), Rows(await ReadAsync(copy.Bytes)));
        var again = await _harness.PreviewAsync(copy.Bytes, "catatan-rusak-kesalahan.xlsx");
        Assert.Equal(preview.Issues.Select(Key), again.Issues.Select(Key));

        using var workbook = new XLWorkbook(new MemoryStream(copy.Bytes));
        var data = workbook.Worksheet("Data");
        Assert.Equal("Kode Indikator", data.Cell("A2").GetString());
        Assert.Equal("P1-PMI-TRAINED", data.Cell("A3").GetString());
        Assert.Equal(12, data.Cell("G3").GetDouble());
        Assert.Equal("35", data.Cell("D3").GetString());
        Assert.Equal(XLDataType.Text, data.Cell("D3").DataType);
        Assert.Equal("=SUM(1)", data.Cell("H7").GetString());
        Assert.False(data.Cell("H7").HasFormula);
        Assert.False(data.Cell("G3").HasComment);
        foreach (var error in preview.Errors.Where(e => e.Row > 0 && e.Column > 0))
        {
            var cell = data.Cell(error.CellAddress);
            Assert.Equal(XLColor.FromHtml("#FFC7CE"), cell.Style.Fill.BackgroundColor);
            Assert.True(cell.HasComment, $"{cell.Address} has no comment");
            Assert.Contains(error.Message, cell.Comment.Text, StringComparison.Ordinal);
        }
        var errors = workbook.Worksheet(DataSheetColumns.ErrorsSheet);
        Assert.True(errors.TabActive);
        Assert.Contains("catatan-rusak.xlsx", errors.Cell("A1").GetString(), StringComparison.Ordinal);
        Assert.Contains("dibuat ulang", errors.Cell("A2").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            preview.Issues.OrderBy(i => i.IsWarning).ThenBy(i => i.Sheet, StringComparer.Ordinal).ThenBy(i => i.Row).ThenBy(i => i.Column).Select(i => (i.Sheet, i.CellAddress, i.Message)),
            Enumerable.Range(4, preview.Issues.Count).Select(r => (errors.Cell(r, 2).GetString(), errors.Cell(r, 3).GetString(), errors.Cell(r, 7).GetString())));
    }

    [Fact]
    public async Task AWriterFailureThrowsAndAFileThatIsNoZipIsNoWorkbook()
    {
        await using var scope = _harness.Database.Scope();
        var localizer = _harness.Database.Get<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>(scope);
        Assert.Null(AnnotatedWorkbookWriter.Write(ImportWorkbooks.PlainText, "teks.xlsx", [], localizer));
        // A sheet whose XML breaks off: the writer throws, which the service turns into a message (see the page test).
        Assert.Throws<System.Xml.XmlException>(() => AnnotatedWorkbookWriter.Write(BrokenSheet, "rusak.xlsx", [new ImportIssue("Data", 1, 1, "", "", "x", "y")], localizer));
    }

    /// <summary>A workbook whose Data sheet's XML ends half-way.</summary>
    internal static byte[] BrokenSheet => ImportWorkbooks.Zip(
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        ("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));

    private static List<string> Rows(WorkbookContent content) =>
        [.. (content.Data?.Rows ?? []).Select(r => r.Number + ":" + string.Join("|", r.Cells.Select(c => c.Text + "/" + c.Number)))];
}
