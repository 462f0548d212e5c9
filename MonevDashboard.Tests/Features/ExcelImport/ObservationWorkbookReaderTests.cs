using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>The streaming reader on workbooks written by other tools than Excel: hand-made XML.</summary>
public sealed class ObservationWorkbookReaderTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        ImportHarness.UseIndonesian();
        _database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private WorkbookContent Read(byte[] bytes)
    {
        using var scope = _database.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ObservationWorkbookReader>().Read(new MemoryStream(bytes), "data.xlsx");
    }

    /// <summary>A minimal package: no styles, no theme, one sheet whose XML is given.</summary>
    private static byte[] Package(string sheetXml, string? sharedStrings = null, string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main") =>
        ImportWorkbooks.Zip([
            ("[Content_Types].xml", """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                </Types>
                """),
            ("_rels/.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>
                </Relationships>
                """),
            ("xl/workbook.xml", $"""
                <workbook xmlns="{ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                  <sheets><sheet name="Catatan" sheetId="2" r:id="rId2"/><sheet name=" DATA " sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>
                  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/notes.xml"/>
                  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                </Relationships>
                """),
            ("xl/worksheets/notes.xml", $"""<worksheet xmlns="{ns}"><sheetData/></worksheet>"""),
            ("xl/worksheets/data.xml", sheetXml),
            ("xl/sharedStrings.xml", sharedStrings ?? $"""<sst xmlns="{ns}"/>"""),
        ]);

    [Fact]
    public void InlineStringsCellsWithoutReferencesRichTextAndErrorCellsAreRead()
    {
        const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var strings = $"""
            <sst xmlns="{ns}">
              <si><t>Kode Indikator</t></si>
              <si><r><t>Tri</t></r><r><rPr><b/></rPr><t xml:space="preserve">wulan</t></r><rPh><t>x</t></rPh></si>
            </sst>
            """;
        var sheet = $"""
            <worksheet xmlns="{ns}"><sheetData>
              <row><c t="s"><v>0</v></c><c t="inlineStr"><is><t>Tahun</t></is></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>Nilai</t></is></c></row>
              <row r="2"><c r="A2" t="inlineStr"><is><t>P4-COORD-MEETINGS</t></is></c><c r="B2"><v>2026</v></c><c r="C2" t="str"><f>"III"</f><v>III</v></c><c r="D2"><f>1+1</f><v>2</v></c></row>
              <row r="3"><c r="A3" t="inlineStr"><is><t>P4-COORD-MEETINGS</t></is></c><c r="B3"><v>2026</v></c><c r="C3"><v>2</v></c><c r="D3" t="e"><v>#DIV/0!</v></c></row>
              <row r="5"><c r="D5" t="b"><v>1</v></c></row>
            </sheetData></worksheet>
            """;

        var content = Read(Package(sheet, strings));

        Assert.Empty(content.Issues);
        var data = content.Data!;
        Assert.Equal((" DATA ", 1), (data.Name, data.HeaderRow));
        Assert.Equal([2, 3, 5], data.Rows.Select(r => r.Number));
        Assert.Equal(("P4-COORD-MEETINGS", 2026.0, "III", 2.0), (data.Rows[0][SheetField.IndicatorCode].Text, data.Rows[0][SheetField.Year].Number!.Value,
            data.Rows[0][SheetField.Quarter].Text, data.Rows[0][SheetField.Value].Number!.Value));
        Assert.Equal(("#DIV/0!", true), (data.Rows[1][SheetField.Value].Text, data.Rows[1][SheetField.Value].IsError));
        Assert.Equal("TRUE", data.Rows[2][SheetField.Value].Text);
    }

    [Fact]
    public void StrictOpenXmlNamespacesAreReadToo()
    {
        const string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
        var sheet = $"""
            <worksheet xmlns="{strict}"><sheetData>
              <row r="1"><c r="A1" t="inlineStr"><is><t>Kode Indikator</t></is></c><c r="B1" t="inlineStr"><is><t>Tahun</t></is></c><c r="C1" t="inlineStr"><is><t>Triwulan</t></is></c><c r="D1" t="inlineStr"><is><t>Nilai</t></is></c></row>
              <row r="2"><c r="A2" t="inlineStr"><is><t>P4-COORD-MEETINGS</t></is></c><c r="B2"><v>2026</v></c><c r="C2"><v>1</v></c><c r="D2"><v>4</v></c></row>
            </sheetData></worksheet>
            """;

        var content = Read(Package(sheet, ns: strict));

        Assert.Empty(content.Issues);
        Assert.Equal(4, Assert.Single(content.Data!.Rows)[SheetField.Value].Number);
    }

    [Fact]
    public void BrokenSheetXmlIsRefusedAsUnreadableNotThrown()
    {
        var content = Read(Package("<worksheet><sheetData><row><c><v>1</v></row></worksheet>"));

        Assert.Equal("Import.Unreadable", Assert.Single(content.Issues).Rule);
        Assert.False(content.IsWorkbook);
    }

    [Fact]
    public void AnEntityExpansionBombInTheSheetXmlIsRefused()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>
            """;

        var content = Read(Package(bomb));

        Assert.Equal("Import.Unreadable", Assert.Single(content.Issues).Rule);
    }

    [Fact]
    public void AnUploadPastTheLimitIsStoppedWhileStreaming()
    {
        var endless = new EndlessStream();

        var bytes = UploadBuffer.ReadLimited(endless, 1024 * 1024);

        Assert.Null(bytes);
        Assert.InRange(endless.Served, 1024 * 1024, 1024 * 1024 + 100_000);
    }

    /// <summary>A stream that never ends, as a client lying about its upload's size could be.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
