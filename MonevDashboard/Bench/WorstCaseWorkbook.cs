using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Bench;

/// <summary>
/// A hostile workbook written by hand (no spreadsheet library): a valid package that passes the zip checks (size,
/// parts, compression ratio) yet asks the server to hold as much as it can — a huge shared-string table of long
/// strings, very long inline cells, and many rows of which every one is faulty. Its text is only partly
/// compressible, so it stays under the upload limit without tripping the compression-ratio check.
/// </summary>
internal static class WorstCaseWorkbook
{
    /// <param name="SharedStrings">Entries of the shared-string table.</param>
    /// <param name="StringLength">Characters of each shared string.</param>
    /// <param name="Rows">Data rows, every one faulty.</param>
    /// <param name="CellLength">Characters of the long inline cell in each row.</param>
    public sealed record Shape(int SharedStrings, int StringLength, int Rows, int CellLength);

    /// <summary>
    /// The benchmark's case, the most a file can make the server hold within the default caps: a shared-string table
    /// of 30 million characters (just under the text cap) of barely compressible text, 100,000 faulty rows each
    /// pointing at one of those 2,000-character strings and holding a text year — about 9 MB on disk.
    /// </summary>
    public static Shape Bench { get; } = new(SharedStrings: 15_000, StringLength: 2_000, Rows: 100_000, CellLength: 20);

    public static byte[] Write(Shape shape)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" +
                "</Types>");
            Part(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>");
            Part(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                $"<sheets><sheet name=\"{DataSheetColumns.DataSheet}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
                "</Relationships>");
            var random = new Random(14);
            using (var writer = Open(zip, "xl/sharedStrings.xml"))
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{shape.SharedStrings}\" uniqueCount=\"{shape.SharedStrings}\">"));
                for (var i = 0; i < shape.SharedStrings; i++)
                {
                    writer.Write("<si><t>");
                    writer.Write(Text(random, shape.StringLength, randomLetters: 6, ShortPhrase));
                    writer.Write("</t></si>");
                }
                writer.Write("</sst>");
            }
            using (var writer = Open(zip, "xl/worksheets/sheet1.xml"))
            {
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
                var column = 0;
                foreach (var header in DataSheetColumns.Data.Select(c => c.Header))
                {
                    writer.Write($"<c r=\"{ImportIssue.ColumnLetters(++column)}1\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(header)}</t></is></c>");
                }
                writer.Write("</row>");
                for (var row = 2; row < shape.Rows + 2; row++)
                {
                    var r = row.ToString(CultureInfo.InvariantCulture);
                    // An unknown indicator from the table, a year that is text, a long note: every row is refused.
                    writer.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>{(row % Math.Max(1, shape.SharedStrings)).ToString(CultureInfo.InvariantCulture)}</v></c>");
                    writer.Write($"<c r=\"B{r}\" t=\"inlineStr\"><is><t>{Text(random, shape.CellLength, randomLetters: 2, LongPhrase)}</t></is></c>");
                    writer.Write($"<c r=\"C{r}\"><v>9</v></c><c r=\"G{r}\"><v>-1</v></c></row>");
                }
                writer.Write("</sheetData></worksheet>");
            }
        }
        return output.ToArray();
    }

    private const string ShortPhrase = " data indikator ";
    private const string LongPhrase = " data indikator kementerian perdagangan dan pelindungan pekerja migran ";

    /// <summary>
    /// Random letters then a repeated phrase: six letters and the short phrase deflate about 4.5:1 (the bulk of the
    /// file), two letters and the long phrase about 25:1.
    /// </summary>
    private static string Text(Random random, int length, int randomLetters, string phrase)
    {
        var text = new StringBuilder(length + phrase.Length + randomLetters);
        while (text.Length < length)
        {
            for (var i = 0; i < randomLetters; i++)
            {
                text.Append((char)('a' + random.Next(26)));
            }
            text.Append(phrase);
        }
        return text.ToString(0, length);
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var writer = Open(zip, name);
        writer.Write(content);
    }

    private static StreamWriter Open(ZipArchive zip, string name) =>
        new(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 16);
}
