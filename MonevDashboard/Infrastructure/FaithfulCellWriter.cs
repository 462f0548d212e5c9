using System.Text;
using ClosedXML.Excel;

namespace MonevDashboard.Infrastructure;

/// <summary>
/// The one place that decides how a value lands in a workbook cell, for every writer (the quarterly report, grid
/// exports, and the streamed rows of <see cref="StreamedTableSheet"/>):
/// <list type="bullet">
/// <item>numbers are numeric cells, never text;</item>
/// <item>text is stored as text exactly as entered — ClosedXML 0.95's <c>SetValue(string)</c> keeps "001" and
/// "2026-01-02" as text (its <c>Value</c> setter would guess a number or a date, so it is never used);</item>
/// <item>text that a spreadsheet could take for a formula (starting with = + - @, tab or CR) carries Excel's quote
/// prefix, so editing the cell can never turn it into one;</item>
/// <item>characters XML cannot hold (control characters other than tab, LF and CR) are dropped, since the file
/// would otherwise be unreadable.</item>
/// </list>
/// </summary>
public static class FaithfulCellWriter
{
    /// <summary>Whether text must carry the quote prefix so that it stays text when a person edits the cell.</summary>
    public static bool NeedsQuotePrefix(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static void Write(IXLCell cell, CellContent content)
    {
        ArgumentNullException.ThrowIfNull(cell);
        switch (content.Kind)
        {
            case CellKind.Text:
                var text = XmlSafe(content.Text);
                cell.SetValue(text);
                cell.DataType = XLDataType.Text;
                cell.Style.NumberFormat.Format = CellContent.FormatCode(CellFormat.Text);
                if (NeedsQuotePrefix(text))
                {
                    cell.Style.IncludeQuotePrefix = true;
                }
                break;
            case CellKind.Number:
                cell.SetValue(content.Number);
                if (content.Format != CellFormat.General)
                {
                    cell.Style.NumberFormat.Format = CellContent.FormatCode(content.Format);
                }
                break;
            default:
                cell.Clear(XLClearOptions.Contents);
                break;
        }
    }

    public static void Write(IXLCell cell, string? text) => Write(cell, CellContent.FromText(text));

    /// <summary>The text without the characters XML 1.0 forbids (and without unpaired surrogates); tab, LF and CR are kept.</summary>
    public static string XmlSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FirstInvalid(text) < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsXmlChar(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsXmlChar(c))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= ' ' && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF');
}
