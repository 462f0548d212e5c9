using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
namespace MonevDashboard.Infrastructure;

/// <summary>One column of an exported grid: its header as shown on screen, the cell of a row, and a width in characters.</summary>
public sealed record GridColumn<TRow>(string Header, Func<TRow, CellContent> Cell, double Width = 18);

/// <summary>
/// The columns of an exported grid, built fluently in the grid's own order:
/// <c>new GridColumns&lt;Row&gt;().Text(L["Code"], r =&gt; r.Code).Figure(L["Value"], r =&gt; r.Value, r =&gt; r.Unit)</c>.
/// </summary>
public sealed class GridColumns<TRow> : List<GridColumn<TRow>>
{
    public GridColumns<TRow> Text(string header, Func<TRow, string?> value, double width = 24) =>
        With(new(header, row => CellContent.FromText(value(row)), width));

    public GridColumns<TRow> Number(string header, Func<TRow, double?> value, CellFormat format = CellFormat.Count, double width = 16) =>
        With(new(header, row => CellContent.FromNumber(value(row), format), width));

    /// <summary>A figure in a unit that may differ per row (orang, USD, %): each cell gets its unit's format.</summary>
    public GridColumns<TRow> Figure(string header, Func<TRow, double?> value, Func<TRow, string> unit, double width = 18) =>
        With(new(header, row => CellContent.FromFigure(value(row), unit(row)), width));

    /// <summary>A capaian column, stored as the screen shows it (<see cref="CellContent.FromAchievement"/>).</summary>
    public GridColumns<TRow> Achievement(string header, Func<TRow, double?> percent, double width = 12) =>
        With(new(header, row => CellContent.FromAchievement(percent(row)), width));

    /// <summary>A percentage that is not a capaian, as the app computes it (45.3), shown as 45,3 %.</summary>
    public GridColumns<TRow> Percent(string header, Func<TRow, double?> percent, double width = 12) =>
        With(new(header, row => CellContent.FromPercent(percent(row)), width));

    public GridColumns<TRow> Date(string header, Func<TRow, DateOnly?> value, double width = 14) =>
        With(new(header, row => CellContent.FromDate(value(row)), width));

    private GridColumns<TRow> With(GridColumn<TRow> column)
    {
        Add(column);
        return this;
    }
}

/// <summary>
/// A grid as the user sees it: a title, lines saying what is shown (period, filters), the columns and the rows.
/// Rows may be a list already on screen or an async stream of any length (e.g. a query's AsAsyncEnumerable).
/// </summary>
public sealed record GridSheet<TRow>(string Title, IReadOnlyList<GridColumn<TRow>> Columns, IAsyncEnumerable<TRow> Rows)
{
    public GridSheet(string title, IReadOnlyList<GridColumn<TRow>> columns, IEnumerable<TRow> rows)
        : this(title, columns, rows.ToAsyncEnumerable())
    {
    }

    /// <summary>Lines under the title: the period and the filters applied.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The row count when known, for the progress bar.</summary>
    public long? RowCount { get; init; }
}

/// <summary>
/// "Export what I see": any grid to an .xlsx with a title block, the filters applied, an Excel table with filter
/// buttons, frozen header, widths and print set-up. Numbers stay numbers and text stays text
/// (<see cref="FaithfulCellWriter"/>); rows are streamed, so there is no row cap.
/// </summary>
public sealed class GridExport(IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    public const string TableName = "Ekspor";

    public async Task<long> WriteAsync<TRow>(
        Stream output, GridSheet<TRow> grid, IProgress<ExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(grid);
        var total = grid.RowCount ?? (grid.Rows is IReadOnlyCollection<TRow> known ? known.Count : 0);
        progress?.Report(new ExportProgress(ExportStage.Preparing, 0, total));
        var sheetName = ReportSheetLayout.SheetName(grid.Title);
        int headerRow;
        using var prepared = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            workbook.Properties.Title = grid.Title;
            workbook.Properties.Author = "MonevDashboard";
            var sheet = workbook.AddWorksheet(sheetName);
            var exportedAt = localizer["Export.GeneratedAt", FigureFormatter.DateTimeWib(clock.GetUtcNow().UtcDateTime)].Value;
            headerRow = ReportSheetLayout.WriteTitle(sheet, grid.Title, [.. grid.Notes, exportedAt], Math.Max(grid.Columns.Count, 1));
            StreamedTableSheet.Prepare(sheet, headerRow, [.. grid.Columns.Select(c => c.Header)], TableName);
            ReportSheetLayout.SetWidths(sheet, [.. grid.Columns.Select(c => c.Width)]);
            sheet.Row(headerRow).Style.Font.SetBold();
            ReportSheetLayout.ApplyPrintSetup(sheet, headerRow, grid.Title);
            workbook.SaveAs(prepared);
        }
        var written = await StreamedTableSheet.CompleteAsync(prepared, output, sheetName, headerRow, grid.Columns.Count,
            Cells(grid, cancellationToken), rows => progress?.Report(new ExportProgress(ExportStage.WritingRows, rows, Math.Max(total, rows))),
            cancellationToken);
        progress?.Report(new ExportProgress(ExportStage.Done, written, Math.Max(total, written)));
        return written;
    }

    private static async IAsyncEnumerable<IReadOnlyList<CellContent>> Cells<TRow>(GridSheet<TRow> grid, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in grid.Rows.WithCancellation(cancellationToken))
        {
            var cells = new CellContent[grid.Columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = grid.Columns[i].Cell(row);
            }
            yield return cells;
        }
    }
}
