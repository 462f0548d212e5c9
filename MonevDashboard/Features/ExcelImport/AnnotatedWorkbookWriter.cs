using ClosedXML.Excel;
using Microsoft.Extensions.Localization;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// Gives officials their own file back with what to fix: each faulty cell filled red (warnings yellow) with a
/// comment holding its message, and a <c>Kesalahan</c> sheet listing every error and warning with its cell — so
/// they correct the file they know rather than a report about it.
/// </summary>
public static class AnnotatedWorkbookWriter
{
    public const string CommentAuthor = "MonevDashboard";
    private static readonly XLColor s_errorFill = XLColor.FromHtml("#FFC7CE");
    private static readonly XLColor s_warningFill = XLColor.FromHtml("#FFEB9C");

    /// <summary>
    /// The annotated workbook, or null when the file cannot be opened (it is then not a workbook at all). The model
    /// is read from the upload's own buffer (no second copy); <paramref name="omitted"/> issues beyond the listed
    /// ones are named as a count at the end of the Kesalahan sheet.
    /// </summary>
    public static byte[]? Write(byte[] original, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted = 0)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(original, writable: false));
        }
        catch (Exception)
        {
            return null;
        }
        using (workbook)
        {
            if (workbook.Worksheets.TryGetWorksheet(DataSheetColumns.ErrorsSheet, out var old))
            {
                old.Delete();
            }
            MarkCells(workbook, issues);
            WriteErrorsSheet(workbook, fileName, issues, localizer, omitted);
            using var output = new MemoryStream();
            workbook.SaveAs(output);
            return output.ToArray();
        }
    }

    private static void MarkCells(XLWorkbook workbook, IReadOnlyList<ImportIssue> issues)
    {
        // One comment per cell, holding all of its messages (errors first).
        foreach (var cellIssues in issues.Where(i => i.Row > 0 && i.Sheet.Length > 0)
                     .GroupBy(i => (i.Sheet, i.Row, Column: Math.Max(1, i.Column))))
        {
            if (!workbook.Worksheets.TryGetWorksheet(cellIssues.Key.Sheet, out var sheet))
            {
                continue;
            }
            var cell = sheet.Cell(cellIssues.Key.Row, cellIssues.Key.Column);
            var isError = cellIssues.Any(i => !i.IsWarning);
            cell.Style.Fill.BackgroundColor = isError ? s_errorFill : s_warningFill;
            if (cell.HasComment)
            {
                cell.Comment.Delete();
            }
            var comment = cell.Comment;
            comment.Author = CommentAuthor;
            var first = true;
            foreach (var issue in cellIssues.OrderBy(i => i.IsWarning))
            {
                if (!first)
                {
                    comment.AddNewLine();
                }
                comment.AddText((issue.Column == 0 && issue.ColumnName.Length > 0 ? issue.ColumnName + ": " : "") + issue.Message);
                first = false;
            }
            comment.Style.Size.SetAutomaticSize();
        }
    }

    private static void WriteErrorsSheet(XLWorkbook workbook, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted)
    {
        var sheet = workbook.AddWorksheet(DataSheetColumns.ErrorsSheet);
        sheet.Cell(1, 1).SetValue(localizer["Annotated.Title", fileName].Value);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
        string[] headers =
        [
            localizer["Annotated.Kind"], localizer["Annotated.Sheet"], localizer["Annotated.Cell"], localizer["Annotated.Row"],
            localizer["Annotated.Column"], localizer["Annotated.Value"], localizer["Annotated.Message"],
        ];
        double[] widths = [12, 12, 8, 8, 18, 24, 90];
        const int headerRow = 3;
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(headerRow, c + 1).SetValue(headers[c]);
            sheet.Column(c + 1).Width = widths[c];
        }
        var header = sheet.Range(headerRow, 1, headerRow, headers.Length);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
        var row = headerRow;
        foreach (var issue in issues.OrderBy(i => i.IsWarning).ThenBy(i => i.Sheet).ThenBy(i => i.Row).ThenBy(i => i.Column))
        {
            row++;
            // Every value is written as text: a message or a cell value starting with "=" must never become a formula.
            sheet.Cell(row, 1).SetValue(issue.IsWarning ? localizer["Annotated.Warning"].Value : localizer["Annotated.Error"].Value);
            sheet.Cell(row, 2).SetValue(issue.Sheet);
            sheet.Cell(row, 3).SetValue(issue.CellAddress);
            if (issue.Row > 0)
            {
                sheet.Cell(row, 4).SetValue(issue.Row);
            }
            sheet.Cell(row, 5).SetValue(issue.ColumnName);
            sheet.Cell(row, 6).SetValue(issue.Value);
            sheet.Cell(row, 7).SetValue(issue.Message);
            if (!issue.IsWarning)
            {
                sheet.Cell(row, 1).Style.Font.FontColor = XLColor.FromHtml("#9C0006");
            }
        }
        if (omitted > 0)
        {
            sheet.Cell(row + 1, 1).SetValue(localizer["Import.MoreIssues", omitted.ToString("N0", CellValueParser.Indonesian)].Value);
        }
        sheet.Column(7).Style.Alignment.WrapText = true;
        sheet.SheetView.FreezeRows(headerRow);
        sheet.SetTabColor(XLColor.FromHtml("#C00000"));
        sheet.SetTabActive();
        foreach (var other in workbook.Worksheets.Where(w => w != sheet))
        {
            other.TabActive = false;
            other.TabSelected = false;
        }
        sheet.TabSelected = true;
    }
}
