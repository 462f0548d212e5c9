using ClosedXML.Excel;

namespace MonevDashboard.Infrastructure;

/// <summary>The look every generated sheet shares: title block, header row, widths, frozen header and print set-up.</summary>
internal static class ReportSheetLayout
{
    public static readonly XLColor HeaderFill = XLColor.FromHtml("#1F4E79");
    public static readonly XLColor PillarFill = XLColor.FromHtml("#DDEBF7");
    public static readonly XLColor SubtotalFill = XLColor.FromHtml("#F2F2F2");
    public static readonly XLColor OnTrack = XLColor.FromHtml("#2E7D32");
    public static readonly XLColor Attention = XLColor.FromHtml("#F9A825");
    public static readonly XLColor Critical = XLColor.FromHtml("#C62828");
    public static readonly XLColor Grey = XLColor.FromHtml("#9E9E9E");

    /// <summary>Writes a bold title and lines under it from <paramref name="firstRow"/>; returns the next free row after a blank one.</summary>
    public static int WriteTitle(IXLWorksheet sheet, string title, IEnumerable<string> lines, int lastColumn, int firstRow = 1)
    {
        FaithfulCellWriter.Write(sheet.Cell(firstRow, 1), title);
        sheet.Cell(firstRow, 1).Style.Font.SetBold().Font.SetFontSize(14).Font.SetFontColor(HeaderFill);
        var row = firstRow + 1;
        foreach (var line in lines)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), line);
            sheet.Range(row, 1, row, lastColumn).Merge().Style.Alignment.SetWrapText(false);
            row++;
        }
        return row + 1;
    }

    public static void StyleHeader(IXLRange header)
    {
        header.Style.Font.SetBold().Font.SetFontColor(XLColor.White)
            .Fill.SetBackgroundColor(HeaderFill)
            .Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Border.SetOutsideBorderColor(XLColor.White).Border.SetInsideBorderColor(XLColor.White);
        header.FirstRow().WorksheetRow().Height = 32;
    }

    public static void SetWidths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }

    /// <summary>
    /// Frozen header, landscape A4 fitted to the page width, the header rows repeated on every printed page, and a
    /// footer with the document's name and "Halaman n dari m".
    /// </summary>
    /// <param name="printArea">What prints of the sheet ("A1:K40", or whole columns "A:E" for a sheet whose rows are
    /// streamed later); null prints everything used.</param>
    public static void ApplyPrintSetup(IXLWorksheet sheet, int headerRow, string footerTitle, string? printArea = null)
    {
        sheet.SheetView.FreezeRows(headerRow);
        var setup = sheet.PageSetup;
        setup.PageOrientation = XLPageOrientation.Landscape;
        setup.PaperSize = XLPaperSize.A4Paper;
        setup.FitToPages(1, 0);
        setup.SetRowsToRepeatAtTop(headerRow, headerRow);
        setup.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.5).SetBottom(0.6).SetHeader(0.3).SetFooter(0.3);
        setup.CenterHorizontally = true;
        setup.Footer.Left.AddText(footerTitle.Replace("&", "&&", StringComparison.Ordinal));
        setup.Footer.Right.AddText("Halaman ");
        setup.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        setup.Footer.Right.AddText(" dari ");
        setup.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
        if (printArea is not null)
        {
            setup.PrintAreas.Clear();
            setup.PrintAreas.Add(printArea);
        }
    }

    /// <summary>
    /// Sets the height of rows whose wrapped text needs more than one line. Spreadsheet programs do not grow a row
    /// for wrapped text when they open a generated file (LibreOffice prints it clipped and overlapping), so the
    /// height is estimated from the text length and the column width, erring on the generous side.
    /// </summary>
    public static void FitWrappedRows(IXLWorksheet sheet, int firstRow, int lastRow, params int[] wrappedColumns)
    {
        const double LineHeight = 15;
        for (var row = firstRow; row <= lastRow; row++)
        {
            var lines = 1;
            foreach (var column in wrappedColumns)
            {
                var text = sheet.Cell(row, column).GetString();
                var width = Math.Max(sheet.Column(column).Width - 1.5, 4);
                lines = Math.Max(lines, text.Split('\n').Sum(paragraph => Math.Max(1, (int)Math.Ceiling(paragraph.Length / width))));
            }
            if (lines > 1)
            {
                sheet.Row(row).Height = Math.Min(409, lines * LineHeight);
            }
        }
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ].</summary>
    public static string SheetName(string title)
    {
        var name = new string([.. title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]).Trim().Trim('\'');
        return name.Length == 0 ? "Data" : name.Length > 31 ? name[..31] : name;
    }
}
