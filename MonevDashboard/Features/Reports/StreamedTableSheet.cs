using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// A sheet holding an Excel table of any length, written row by row straight into the file.
/// <para>
/// ClosedXML 0.95 keeps every cell of a workbook in memory: 100,000 rows × 9 cells took 12 s and a 1 GB peak working
/// set here, so a year of several hundred thousand observations would exhaust a server. Everything small (titles,
/// styles, widths, frozen panes, print set-up, the table with its filter buttons) is therefore still made with
/// ClosedXML, on a sheet that holds the header and one prototype row with a cell for each <see cref="CellFormat"/>.
/// <see cref="CompleteAsync"/> then copies that small workbook into the output zip entry by entry, and writes this
/// sheet's rows as they come, styled with the style indexes ClosedXML gave the prototype cells, and stretches the
/// table over them. Memory stays flat whatever the row count.
/// </para>
/// Cells are written with <see cref="FaithfulCellWriter"/>'s rules: numbers numeric, text as inline strings, the
/// quote prefix where text could become a formula.
/// </summary>
public static class StreamedTableSheet
{
    private const string QuotePrefixedText = "quoted";
    private static readonly CellFormat[] s_palette = Enum.GetValues<CellFormat>();

    /// <summary>
    /// Writes the header at <paramref name="headerRow"/>, the prototype row below it and an Excel table with filter
    /// buttons over both. The sheet must not hold anything below the header.
    /// </summary>
    public static IXLTable Prepare(IXLWorksheet sheet, int headerRow, IReadOnlyList<string> headers, string tableName)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(headers);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            // Table columns need unique, non-empty names.
            var name = string.IsNullOrWhiteSpace(headers[i]) ? $"Kolom {i + 1}" : headers[i];
            for (var n = 2; !seen.Add(name); n++)
            {
                name = $"{headers[i]} ({n})";
            }
            FaithfulCellWriter.Write(sheet.Cell(headerRow, i + 1), name);
        }
        var prototypes = sheet.Row(headerRow + 1);
        for (var i = 0; i < s_palette.Length; i++)
        {
            var format = s_palette[i];
            FaithfulCellWriter.Write(prototypes.Cell(i + 1), format == CellFormat.Text ? CellContent.FromText("x") : CellContent.FromNumber(0, format));
        }
        FaithfulCellWriter.Write(prototypes.Cell(s_palette.Length + 1), CellContent.FromText("=x"));
        var table = sheet.Range(headerRow, 1, headerRow + 1, headers.Count).CreateTable(tableName);
        table.ShowAutoFilter = true;
        table.Theme = XLTableTheme.TableStyleLight9;
        return table;
    }

    /// <summary>
    /// Copies the <paramref name="prepared"/> workbook (saved by ClosedXML after <see cref="Prepare"/>) into
    /// <paramref name="output"/>, writing <paramref name="rows"/> into the table of sheet <paramref name="sheetName"/>.
    /// The output needs only to be writable (it is never sought); writes to it are synchronous.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> CompleteAsync(
        Stream prepared, Stream output, string sheetName, int headerRow, int columnCount,
        IAsyncEnumerable<IReadOnlyList<CellContent>> rows, Action<long>? rowsWritten = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var (sheetEntry, tableEntry) = LocateParts(prepared, sheetName);
        prepared.Position = 0;
        using var source = new ZipArchive(prepared, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        long written = 0;
        foreach (var entry in source.Entries)
        {
            if (entry.FullName == sheetEntry)
            {
                var sheet = LoadXml(entry);
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                await using var stream = copy.Open();
                written = await WriteSheetAsync(sheet, stream, headerRow, columnCount, rows, rowsWritten, cancellationToken);
            }
            else if (entry.FullName != tableEntry)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                await using var from = entry.Open();
                await using var to = copy.Open();
                await from.CopyToAsync(to, cancellationToken);
            }
        }
        // The table is written last: only now is its last row known.
        var table = LoadXml(source.GetEntry(tableEntry)!);
        var reference = $"A{headerRow}:{ColumnName(columnCount)}{headerRow + Math.Max(written, 1)}";
        table.Root!.SetAttributeValue("ref", reference);
        table.Root.Element(table.Root.Name.Namespace + "autoFilter")?.SetAttributeValue("ref", reference);
        var tableCopy = target.CreateEntry(tableEntry, CompressionLevel.Optimal);
        await using (var tableStream = tableCopy.Open())
        {
            table.Save(tableStream, System.Xml.Linq.SaveOptions.DisableFormatting);
        }
        return written;
    }

    private static (string Sheet, string Table) LocateParts(Stream prepared, string sheetName)
    {
        prepared.Position = 0;
        using var document = SpreadsheetDocument.Open(prepared, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().FirstOrDefault(s => s.Name?.Value == sheetName)
            ?? throw new InvalidOperationException($"The prepared workbook has no sheet '{sheetName}'.");
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var table = worksheet.TableDefinitionParts.FirstOrDefault()
            ?? throw new InvalidOperationException($"Sheet '{sheetName}' has no table; call Prepare first.");
        return (worksheet.Uri.OriginalString.TrimStart('/'), table.Uri.OriginalString.TrimStart('/'));
    }

    private static XDocument LoadXml(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static async Task<long> WriteSheetAsync(
        XDocument sheet, Stream stream, int headerRow, int columnCount,
        IAsyncEnumerable<IReadOnlyList<CellContent>> rows, Action<long>? rowsWritten, CancellationToken cancellationToken)
    {
        var root = sheet.Root!;
        var ns = root.Name.Namespace;
        var sheetData = root.Element(ns + "sheetData")!;
        var prototypeRow = sheetData.Elements(ns + "row").Single(r => (int)r.Attribute("r")! == headerRow + 1);
        var styles = ReadPrototypeStyles(prototypeRow, ns);
        foreach (var row in sheetData.Elements(ns + "row").Where(r => (int)r.Attribute("r")! > headerRow).ToList())
        {
            row.Remove();
        }
        const string Marker = "MONEV-STREAMED-ROWS";
        sheetData.Add(new XComment(Marker));
        var prefix = root.GetPrefixOfNamespace(ns) is { Length: > 0 } p ? p + ":" : "";
        var dimension = root.Element(ns + "dimension");

        // The last row is not known before the rows are written; the dimension is optional, so it goes.
        dimension?.Remove();
        var text = sheet.Root!.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        var split = text.IndexOf($"<!--{Marker}-->", StringComparison.Ordinal);

        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        await writer.WriteAsync(text.AsMemory(0, split), cancellationToken);

        var columns = Enumerable.Range(1, columnCount).Select(ColumnName).ToArray();
        var line = new StringBuilder(512);
        long count = 0;
        var rowNumber = headerRow;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            rowNumber++;
            line.Clear();
            line.Append('<').Append(prefix).Append("row r=\"").Append(rowNumber.ToString(CultureInfo.InvariantCulture)).Append("\">");
            for (var i = 0; i < columnCount && i < row.Count; i++)
            {
                AppendCell(line, prefix, columns[i] + rowNumber.ToString(CultureInfo.InvariantCulture), row[i], styles);
            }
            line.Append("</").Append(prefix).Append("row>");
            await writer.WriteAsync(line, cancellationToken);
            count++;
            if (count % 1000 == 0)
            {
                rowsWritten?.Invoke(count);
            }
        }
        await writer.WriteAsync(text.AsMemory(split + Marker.Length + 7), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        rowsWritten?.Invoke(count);
        return count;
    }

    private static Dictionary<string, string> ReadPrototypeStyles(XElement prototypeRow, XNamespace ns)
    {
        string StyleOf(int column)
        {
            var cell = prototypeRow.Elements(ns + "c").FirstOrDefault(c => (string?)c.Attribute("r") == ColumnName(column) + (string?)prototypeRow.Attribute("r"));
            return (string?)cell?.Attribute("s") ?? "0";
        }
        var styles = new Dictionary<string, string>();
        for (var i = 0; i < s_palette.Length; i++)
        {
            styles[s_palette[i].ToString()] = StyleOf(i + 1);
        }
        styles[QuotePrefixedText] = StyleOf(s_palette.Length + 1);
        return styles;
    }

    private static void AppendCell(StringBuilder line, string prefix, string reference, CellContent content, Dictionary<string, string> styles)
    {
        switch (content.Kind)
        {
            case CellKind.Number:
                line.Append('<').Append(prefix).Append("c r=\"").Append(reference).Append("\" s=\"").Append(styles[content.Format.ToString()])
                    .Append("\"><").Append(prefix).Append("v>").Append(content.Number.ToString("R", CultureInfo.InvariantCulture))
                    .Append("</").Append(prefix).Append("v></").Append(prefix).Append("c>");
                break;
            case CellKind.Text:
                var text = FaithfulCellWriter.XmlSafe(content.Text);
                var style = FaithfulCellWriter.NeedsQuotePrefix(text) ? styles[QuotePrefixedText] : styles[nameof(CellFormat.Text)];
                line.Append('<').Append(prefix).Append("c r=\"").Append(reference).Append("\" s=\"").Append(style)
                    .Append("\" t=\"inlineStr\"><").Append(prefix).Append("is><").Append(prefix).Append("t xml:space=\"preserve\">");
                AppendEscaped(line, text);
                line.Append("</").Append(prefix).Append("t></").Append(prefix).Append("is></").Append(prefix).Append("c>");
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// XML-escapes element text. CR becomes a character reference, as a parser would otherwise turn CRLF into LF; and
    /// a literal "_xHHHH_" gets its underscore escaped as "_x005F_", since spreadsheet readers decode that pattern
    /// as a character (ClosedXML writes its own cells the same way).
    /// </summary>
    private static void AppendEscaped(StringBuilder line, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            _ = c switch
            {
                '&' => line.Append("&amp;"),
                '<' => line.Append("&lt;"),
                '>' => line.Append("&gt;"),
                '\r' => line.Append("&#xD;"),
                '_' when LooksLikeEscape(text, i) => line.Append("_x005F_"),
                _ => line.Append(c),
            };
        }
    }

    private static bool LooksLikeEscape(string text, int at) =>
        at + 6 < text.Length && text[at + 1] == 'x' && text[at + 6] == '_'
        && char.IsAsciiHexDigit(text[at + 2]) && char.IsAsciiHexDigit(text[at + 3])
        && char.IsAsciiHexDigit(text[at + 4]) && char.IsAsciiHexDigit(text[at + 5]);

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }
}
