using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MonevDashboard.Infrastructure;

/// <summary>How a streamed row looks; each look has its own prepared style for every <see cref="CellFormat"/>.</summary>
public enum RowLook
{
    /// <summary>Only the cell's number format.</summary>
    Plain = 0,
    /// <summary>A block heading: bold on the pillar colour (e.g. the indicator above its breakdown).</summary>
    Heading = 1,
    /// <summary>An italic remark ("Belum ada data …").</summary>
    Note = 2,
    /// <summary>A total: bold on grey with a thin line above.</summary>
    Total = 3,
}

/// <summary>
/// One row written into a streamed sheet. <see cref="Cells"/> start at column A; an empty list leaves the row blank.
/// A row that is not <see cref="RowLook.Plain"/> styles every column of the sheet, empty ones too (its fill and
/// borders run across); <see cref="MergeAcross"/> merges them into one cell.
/// </summary>
public readonly record struct StreamedRow(IReadOnlyList<CellContent> Cells, RowLook Look = RowLook.Plain, bool MergeAcross = false)
{
    public static StreamedRow Blank => new([]);
}

/// <summary>The rows of one prepared sheet, written from <see cref="FirstRow"/> over <see cref="ColumnCount"/> columns.</summary>
public sealed record StreamedSheet(string SheetName, int FirstRow, int ColumnCount, IAsyncEnumerable<StreamedRow> Rows)
{
    /// <summary>Called every 1,000 rows and at the end with the rows written so far.</summary>
    public Action<long>? RowsWritten { get; init; }
}

/// <summary>
/// Sheets of any length, written row by row straight into the file.
/// <para>
/// ClosedXML 0.95 keeps every cell of a workbook in memory, too slow and too big for a year of observations
/// (measured: docs/decisions/quarterly-report-workbook.md). Everything small (titles, styles, widths, frozen panes,
/// print set-up, tables with their filter buttons) is therefore still made with ClosedXML, on sheets that hold, below
/// their fixed top, one prototype row per <see cref="RowLook"/> with a cell for each <see cref="CellFormat"/>.
/// <see cref="CompleteAsync(Stream, Stream, IReadOnlyList{StreamedSheet}, CancellationToken)"/> then copies that small
/// workbook into the output zip entry by entry and, in place of the prototypes, writes each streamed sheet's rows as
/// they come — styled with the style indexes ClosedXML gave the prototype cells — adds their merged cells, and
/// stretches a sheet's table over its rows. Memory stays flat whatever the row count.
/// </para>
/// Cells are written with <see cref="FaithfulCellWriter"/>'s rules: numbers numeric, text as inline strings, the
/// quote prefix where text could become a formula.
/// </summary>
public static class StreamedTableSheet
{
    private static readonly CellFormat[] s_palette = Enum.GetValues<CellFormat>();
    private static readonly RowLook[] s_looks = Enum.GetValues<RowLook>();
    private const int QuotedSlot = 8;
    private const int EmptySlot = 9;
    private const int Slots = 10;
    private const string RowsMarker = "MONEV-STREAMED-ROWS";
    private const string MergesMarker = "MONEV-STREAMED-MERGES";

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
        PrepareRows(sheet, headerRow + 1, headers.Count);
        var table = sheet.Range(headerRow, 1, headerRow + 1, headers.Count).CreateTable(tableName);
        table.ShowAutoFilter = true;
        table.Theme = XLTableTheme.TableStyleLight9;
        return table;
    }

    /// <summary>
    /// Writes the prototype rows (one per <see cref="RowLook"/>, from <paramref name="firstRow"/> down) that
    /// streamed rows take their styles from. The sheet must not hold anything from <paramref name="firstRow"/> down.
    /// </summary>
    public static void PrepareRows(IXLWorksheet sheet, int firstRow, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        foreach (var look in s_looks)
        {
            var row = firstRow + (int)look;
            var cells = sheet.Range(row, 1, row, Math.Max(columnCount, Slots));
            switch (look)
            {
                case RowLook.Heading:
                    cells.Style.Font.SetBold().Fill.SetBackgroundColor(ReportSheetLayout.PillarFill);
                    break;
                case RowLook.Note:
                    cells.Style.Font.SetItalic();
                    break;
                case RowLook.Total:
                    cells.Style.Font.SetBold().Fill.SetBackgroundColor(ReportSheetLayout.SubtotalFill).Border.SetTopBorder(XLBorderStyleValues.Thin);
                    break;
                default:
                    break;
            }
            for (var i = 0; i < s_palette.Length; i++)
            {
                var format = s_palette[i];
                FaithfulCellWriter.Write(sheet.Cell(row, i + 1), format == CellFormat.Text ? CellContent.FromText("x") : CellContent.FromNumber(0, format));
            }
            FaithfulCellWriter.Write(sheet.Cell(row, QuotedSlot + 1), CellContent.FromText("=x"));
        }
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
        ArgumentNullException.ThrowIfNull(rows);
        var sheet = new StreamedSheet(sheetName, headerRow + 1, columnCount, Plain(rows, cancellationToken)) { RowsWritten = rowsWritten };
        var written = await CompleteAsync(prepared, output, [sheet], cancellationToken);
        return written[0];
    }

    private static async IAsyncEnumerable<StreamedRow> Plain(
        IAsyncEnumerable<IReadOnlyList<CellContent>> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new StreamedRow(row);
        }
    }

    /// <summary>
    /// Copies the <paramref name="prepared"/> workbook into <paramref name="output"/>, writing each of
    /// <paramref name="sheets"/> (prepared with <see cref="PrepareRows"/> or <see cref="Prepare"/>) as it comes in the
    /// package. A sheet's table, if it has one, is stretched from its header to the last row written.
    /// </summary>
    /// <returns>The number of rows written into each sheet, blank ones included, in the order given.</returns>
    public static async Task<IReadOnlyList<long>> CompleteAsync(
        Stream prepared, Stream output, IReadOnlyList<StreamedSheet> sheets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        var parts = LocateParts(prepared, sheets);
        prepared.Position = 0;
        using var source = new ZipArchive(prepared, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var written = new long[sheets.Count];
        var tables = parts.Where(p => p.Table is not null).ToDictionary(p => p.Table!, StringComparer.Ordinal);
        foreach (var entry in source.Entries)
        {
            var index = Array.FindIndex(parts, p => p.Sheet == entry.FullName);
            if (index >= 0)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                await using var stream = copy.Open();
                written[index] = await WriteSheetAsync(LoadXml(entry), stream, sheets[index], cancellationToken);
            }
            else if (!tables.ContainsKey(entry.FullName))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                await using var from = entry.Open();
                await using var to = copy.Open();
                await from.CopyToAsync(to, cancellationToken);
            }
        }
        // Tables are written last: only now are their last rows known.
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Table is not { } tableEntry)
            {
                continue;
            }
            var table = LoadXml(source.GetEntry(tableEntry)!);
            var headerRow = sheets[i].FirstRow - 1;
            var reference = $"A{headerRow}:{ColumnName(sheets[i].ColumnCount)}{headerRow + Math.Max(written[i], 1)}";
            table.Root!.SetAttributeValue("ref", reference);
            table.Root.Element(table.Root.Name.Namespace + "autoFilter")?.SetAttributeValue("ref", reference);
            var tableCopy = target.CreateEntry(tableEntry, CompressionLevel.Optimal);
            await using var tableStream = tableCopy.Open();
            table.Save(tableStream, System.Xml.Linq.SaveOptions.DisableFormatting);
        }
        return written;
    }

    private sealed record SheetParts(string Sheet, string? Table);

    private static SheetParts[] LocateParts(Stream prepared, IReadOnlyList<StreamedSheet> sheets)
    {
        prepared.Position = 0;
        using var document = SpreadsheetDocument.Open(prepared, isEditable: false);
        var workbook = document.WorkbookPart!;
        return [.. sheets.Select(streamed =>
        {
            var sheet = workbook.Workbook.Descendants<Sheet>().FirstOrDefault(s => s.Name?.Value == streamed.SheetName)
                ?? throw new InvalidOperationException($"The prepared workbook has no sheet '{streamed.SheetName}'.");
            var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var table = worksheet.TableDefinitionParts.FirstOrDefault();
            return new SheetParts(worksheet.Uri.OriginalString.TrimStart('/'), table?.Uri.OriginalString.TrimStart('/'));
        })];
    }

    private static XDocument LoadXml(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    // Elements that come after mergeCells in a worksheet (ECMA-376 CT_Worksheet); the merges go before the first of them.
    private static readonly string[] s_afterMerges =
    [
        "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
        "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
        "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    ];

    private static async Task<long> WriteSheetAsync(XDocument sheet, Stream stream, StreamedSheet streamed, CancellationToken cancellationToken)
    {
        var root = sheet.Root!;
        var ns = root.Name.Namespace;
        var sheetData = root.Element(ns + "sheetData")!;
        var styles = ReadPrototypeStyles(sheetData, ns, streamed.FirstRow);
        foreach (var row in sheetData.Elements(ns + "row").Where(r => (int)r.Attribute("r")! >= streamed.FirstRow).ToList())
        {
            row.Remove();
        }
        sheetData.Add(new XComment(RowsMarker));

        // The merges of the fixed top stay; the streamed rows' merges are added to them at the end.
        var merges = root.Element(ns + "mergeCells");
        var kept = merges?.Elements(ns + "mergeCell")
            .Select(m => (string)m.Attribute("ref")!)
            .Where(r => RowOf(r.Split(':')[0]) < streamed.FirstRow)
            .ToList() ?? [];
        var marker = new XComment(MergesMarker);
        if (merges is not null)
        {
            merges.ReplaceWith(marker);
        }
        else
        {
            var before = root.Elements().FirstOrDefault(e => s_afterMerges.Contains(e.Name.LocalName));
            if (before is null)
            {
                root.Add(marker);
            }
            else
            {
                before.AddBeforeSelf(marker);
            }
        }
        var prefix = root.GetPrefixOfNamespace(ns) is { Length: > 0 } p ? p + ":" : "";
        // The last row is not known before the rows are written; the dimension is optional, so it goes.
        root.Element(ns + "dimension")?.Remove();
        var text = root.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        var rowsAt = text.IndexOf($"<!--{RowsMarker}-->", StringComparison.Ordinal);
        var mergesAt = text.IndexOf($"<!--{MergesMarker}-->", StringComparison.Ordinal);

        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        writer.Write(text.AsSpan(0, rowsAt));

        var rowWriter = new RowWriter(prefix, styles, streamed.ColumnCount);
        long count = 0;
        var rowNumber = streamed.FirstRow - 1;
        var last = ColumnName(streamed.ColumnCount);
        await foreach (var row in streamed.Rows.WithCancellation(cancellationToken))
        {
            rowNumber++;
            count++;
            if (row.Cells.Count > 0 || row.Look != RowLook.Plain)
            {
                writer.Write(rowWriter.Row(rowNumber, row));
                if (row.MergeAcross)
                {
                    kept.Add($"A{rowNumber}:{last}{rowNumber}");
                }
            }
            if (count % 1000 == 0)
            {
                streamed.RowsWritten?.Invoke(count);
            }
        }
        var afterRows = rowsAt + RowsMarker.Length + 7;
        writer.Write(text.AsSpan(afterRows, mergesAt - afterRows));
        if (kept.Count > 0)
        {
            writer.Write($"<{prefix}mergeCells count=\"{kept.Count.ToString(CultureInfo.InvariantCulture)}\">");
            foreach (var reference in kept)
            {
                writer.Write($"<{prefix}mergeCell ref=\"{reference}\"/>");
            }
            writer.Write($"</{prefix}mergeCells>");
        }
        writer.Write(text.AsSpan(mergesAt + MergesMarker.Length + 7));
        await writer.FlushAsync(cancellationToken);
        streamed.RowsWritten?.Invoke(count);
        return count;
    }

    private static readonly System.Buffers.SearchValues<char> s_digits = System.Buffers.SearchValues.Create("0123456789");

    private static int RowOf(string reference) =>
        int.Parse(reference.AsSpan(reference.AsSpan().IndexOfAny(s_digits)), CultureInfo.InvariantCulture);

    /// <summary>Style indexes of the prototype cells: [look][slot], slot = format, quoted text or empty.</summary>
    private static string[][] ReadPrototypeStyles(XElement sheetData, XNamespace ns, int firstRow)
    {
        var styles = new string[s_looks.Length][];
        foreach (var look in s_looks)
        {
            var number = (firstRow + (int)look).ToString(CultureInfo.InvariantCulture);
            var row = sheetData.Elements(ns + "row").FirstOrDefault(r => (string?)r.Attribute("r") == number);
            styles[(int)look] = new string[Slots];
            for (var slot = 0; slot < Slots; slot++)
            {
                var reference = ColumnName(slot + 1) + number;
                var cell = row?.Elements(ns + "c").FirstOrDefault(c => (string?)c.Attribute("r") == reference);
                styles[(int)look][slot] = (string?)cell?.Attribute("s") ?? "0";
            }
        }
        return styles;
    }

    /// <summary>Builds one row's XML; reuses its buffer, so a row costs no allocation beyond the text it holds.</summary>
    private sealed class RowWriter(string prefix, string[][] styles, int columnCount)
    {
        private readonly StringBuilder _line = new(1024);
        private readonly string[] _columns = [.. Enumerable.Range(1, columnCount).Select(ColumnName)];
        private readonly char[] _number = new char[32];

        public StringBuilder Row(int rowNumber, StreamedRow row)
        {
            var line = _line.Clear();
            var look = styles[(int)row.Look];
            line.Append('<').Append(prefix).Append("row r=\"").Append(rowNumber).Append("\">");
            for (var i = 0; i < columnCount; i++)
            {
                var content = i < row.Cells.Count ? row.Cells[i] : CellContent.Empty;
                switch (content.Kind)
                {
                    case CellKind.Number:
                        Open(line, i, rowNumber, look[(int)content.Format]).Append("><").Append(prefix).Append("v>");
                        content.Number.TryFormat(_number, out var length, "R", CultureInfo.InvariantCulture);
                        line.Append(_number, 0, length).Append("</").Append(prefix).Append("v></").Append(prefix).Append("c>");
                        break;
                    case CellKind.Text:
                        var text = FaithfulCellWriter.XmlSafe(content.Text);
                        Open(line, i, rowNumber, FaithfulCellWriter.NeedsQuotePrefix(text) ? look[QuotedSlot] : look[(int)CellFormat.Text])
                            .Append(" t=\"inlineStr\"><").Append(prefix).Append("is><").Append(prefix).Append("t xml:space=\"preserve\">");
                        AppendEscaped(line, text);
                        line.Append("</").Append(prefix).Append("t></").Append(prefix).Append("is></").Append(prefix).Append("c>");
                        break;
                    default:
                        if (row.Look != RowLook.Plain)
                        {
                            Open(line, i, rowNumber, look[EmptySlot]).Append("/>");
                        }
                        break;
                }
            }
            return line.Append("</").Append(prefix).Append("row>");
        }

        private StringBuilder Open(StringBuilder line, int column, int rowNumber, string style) =>
            line.Append('<').Append(prefix).Append("c r=\"").Append(_columns[column]).Append(rowNumber).Append("\" s=\"").Append(style).Append('"');
    }

    private static readonly System.Buffers.SearchValues<char> s_special = System.Buffers.SearchValues.Create("&<>\r_");

    /// <summary>
    /// XML-escapes element text. CR becomes a character reference, as a parser would otherwise turn CRLF into LF; and
    /// a literal "_xHHHH_" gets its underscore escaped as "_x005F_", since spreadsheet readers decode that pattern
    /// as a character (ClosedXML writes its own cells the same way).
    /// </summary>
    private static void AppendEscaped(StringBuilder line, string text)
    {
        if (text.AsSpan().IndexOfAny(s_special) < 0)
        {
            line.Append(text);
            return;
        }
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
