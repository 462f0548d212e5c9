using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using MonevDashboard.Domain;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// The fallback of the annotated copy: when the user's own file cannot be rewritten part by part
/// (<see cref="AnnotatedWorkbookWriter"/> fails on some part the import never reads), a fresh workbook is written
/// that carries the rows exactly as the import read them (<see cref="ObservationWorkbookReader"/>), each at its own
/// row and column so every cell an issue names is the same cell here, the faulty cells filled and commented, and the
/// same <c>Kesalahan</c> sheet. Formatting, other sheets and formulas of the original are not carried: the page says so.
/// </summary>
public static class RebuiltWorkbookWriter
{
    private static readonly XLColor s_errorFill = XLColor.FromHtml("#FFC7CE");
    private static readonly XLColor s_warningFill = XLColor.FromHtml("#FFEB9C");
    private static readonly XLColor s_headerFill = XLColor.FromHtml("#DDEBF7");

    public static byte[] Write(WorkbookContent content, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted = 0)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(localizer);
        using var workbook = new XLWorkbook();
        var sheets = new List<IXLWorksheet>();
        foreach (var (sheet, columns) in new[] { (content.Data, DataSheetColumns.Data), (content.Targets, DataSheetColumns.Target) })
        {
            if (sheet is not null)
            {
                sheets.Add(WriteSheet(workbook, sheet, columns));
            }
        }
        if (sheets.Count == 0)
        {
            // No sheet of the contract was found: the Kesalahan sheet alone says why.
            sheets.Add(workbook.AddWorksheet(DataSheetColumns.DataSheet));
        }
        foreach (var cell in issues.Where(i => i.Row > 0 && i.Sheet.Length > 0).GroupBy(i => (i.Sheet, i.Row, Column: Math.Max(1, i.Column))))
        {
            var sheet = sheets.FirstOrDefault(s => s.Name == cell.Key.Sheet)
                ?? sheets.FirstOrDefault(s => s.Name.Trim().Equals(cell.Key.Sheet.Trim(), StringComparison.OrdinalIgnoreCase));
            if (sheet is null || cell.Key.Column > 16384 || cell.Key.Row > 1048576)
            {
                continue;
            }
            var target = sheet.Cell(cell.Key.Row, cell.Key.Column);
            target.Style.Fill.BackgroundColor = cell.Any(i => !i.IsWarning) ? s_errorFill : s_warningFill;
            var comment = string.Join("\n", cell.OrderBy(i => i.IsWarning)
                .Select(i => (i.Column == 0 && i.ColumnName.Length > 0 ? i.ColumnName + ": " : "") + i.Message));
            target.Comment.SetAuthor(AnnotatedWorkbookWriter.CommentAuthor);
            target.Comment.AddText(comment);
        }
        WriteErrorsSheet(workbook, fileName, issues, localizer, omitted);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static IXLWorksheet WriteSheet(XLWorkbook workbook, SheetContent content, IReadOnlyList<SheetColumn> columns)
    {
        var sheet = workbook.AddWorksheet(SafeSheetName(content.Name, workbook));
        foreach (var (field, column) in content.Columns)
        {
            var header = sheet.Cell(content.HeaderRow, column);
            header.SetValue(columns.FirstOrDefault(c => c.Field == field)?.Header ?? field.ToString());
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = s_headerFill;
            sheet.Column(column).Width = columns.FirstOrDefault(c => c.Field == field)?.Width ?? 14;
        }
        foreach (var row in content.Rows)
        {
            foreach (var (field, column) in content.Columns)
            {
                var value = row[field];
                var cell = sheet.Cell(row.Number, column);
                if (value.Number is { } number)
                {
                    cell.SetValue(number);
                }
                else if (value.Text.Length > 0)
                {
                    // As text: "012" or "2025-1" stays what the official typed, never a number or a date.
                    FaithfulCellWriter.Write(cell, value.Text);
                }
            }
        }
        sheet.SheetView.FreezeRows(content.HeaderRow);
        return sheet;
    }

    /// <summary>The reader's sheet name as a name ClosedXML accepts (at most 31 characters, none of []:*?/\).</summary>
    private static string SafeSheetName(string name, XLWorkbook workbook)
    {
        var safe = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c)]).Trim('\'');
        safe = safe.Length == 0 ? DataSheetColumns.DataSheet : safe[..Math.Min(31, safe.Length)];
        return workbook.Worksheets.Contains(safe) ? safe[..Math.Min(27, safe.Length)] + " (2)" : safe;
    }

    private static void WriteErrorsSheet(XLWorkbook workbook, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted)
    {
        var sheet = workbook.AddWorksheet(DataSheetColumns.ErrorsSheet);
        sheet.SetTabColor(XLColor.FromHtml("#C00000"));
        sheet.Cell(1, 1).SetValue(localizer["Annotated.Title", fileName].Value);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
        sheet.Cell(2, 1).SetValue(localizer["Annotated.Rebuilt"].Value);
        string[] headers =
        [
            localizer["Annotated.Kind"], localizer["Annotated.Sheet"], localizer["Annotated.Cell"], localizer["Annotated.Row"],
            localizer["Annotated.Column"], localizer["Annotated.Value"], localizer["Annotated.Message"],
        ];
        double[] widths = [12, 12, 8, 8, 18, 24, 90];
        const int headerRow = 3;
        for (var c = 0; c < headers.Length; c++)
        {
            var cell = sheet.Cell(headerRow, c + 1);
            cell.SetValue(headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = s_headerFill;
            sheet.Column(c + 1).Width = widths[c];
        }
        sheet.Column(headers.Length).Style.Alignment.WrapText = true;
        var row = headerRow;
        foreach (var issue in issues.OrderBy(i => i.IsWarning).ThenBy(i => i.Sheet, StringComparer.Ordinal).ThenBy(i => i.Row).ThenBy(i => i.Column))
        {
            row++;
            Text(sheet.Cell(row, 1), issue.IsWarning ? localizer["Annotated.Warning"].Value : localizer["Annotated.Error"].Value);
            Text(sheet.Cell(row, 2), issue.Sheet);
            Text(sheet.Cell(row, 3), issue.CellAddress);
            if (issue.Row > 0)
            {
                sheet.Cell(row, 4).SetValue(issue.Row);
            }
            Text(sheet.Cell(row, 5), issue.ColumnName);
            Text(sheet.Cell(row, 6), issue.Value);
            Text(sheet.Cell(row, 7), issue.Message);
        }
        if (omitted > 0)
        {
            Text(sheet.Cell(row + 1, 1), localizer["Import.MoreIssues", omitted.ToString("N0", CellValueParser.Indonesian)].Value);
        }
        sheet.SheetView.FreezeRows(headerRow);
        sheet.SetTabActive();
        sheet.Select();
    }

    /// <summary>Every listed value is text: a message or a cell value starting with "=" never becomes a formula.</summary>
    private static void Text(IXLCell cell, string value)
    {
        if (value.Length == 0)
        {
            return;
        }
        FaithfulCellWriter.Write(cell, value);
    }
}
