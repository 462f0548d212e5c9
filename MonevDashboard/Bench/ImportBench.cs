using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ClosedXML.Excel;
using System.Data;
using System.Data.Common;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Reports;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Bench;

/// <summary>
/// A generated workbook of new figures for <see cref="BenchDataSet.ImportYear"/> through the real import pipeline
/// (<see cref="ImportService.PreviewAsync"/> — read, validate, compare — then <see cref="ImportService.CommitAsync"/>)
/// into a copy of the benchmark database, against its floor on another copy: a bare ClosedXML read of the same cells
/// plus a bare batched insert of the rows in one transaction. Every run starts from a fresh copy, so each imports the
/// same new rows.
/// </summary>
internal static class ImportBench
{
    public const string FileName = "Impor-Benchmark.xlsx";
    private const int InsertBatch = 64;

    public sealed record Outcome(Timing Real, Timing Floor, long Rows, long Bytes);

    public static async Task<Outcome> RunAsync(
        BenchDatabases databases, DatabaseLocation database, IReadOnlyList<BenchDataSet.Series> series, long rows, int runs, string folder,
        Func<DatabaseLocation, ServiceProvider> servicesFor, CancellationToken ct)
    {
        var workbook = Path.Combine(folder, FileName);
        await WriteWorkbookAsync(workbook, series, rows, ct);
        DatabaseLocation copy = database;

        async Task<double> RealAsync()
        {
            copy = await databases.CopyAsync(database, "import");
            await using var services = servicesFor(copy);
            return await Timing.MillisecondsAsync(() => ImportAsync(services, workbook, rows, ct));
        }
        async Task<double> FloorAsync()
        {
            copy = await databases.CopyAsync(database, "import");
            return await Timing.MillisecondsAsync(() => FloorImportAsync(workbook, copy, ct));
        }

        long realPeak, floorPeak;
        using (var memory = PeakMemory.Start())
        {
            await RealAsync();
            realPeak = memory.PeakBytes;
        }
        using (var memory = PeakMemory.Start())
        {
            await FloorAsync();
            floorPeak = memory.PeakBytes;
        }
        var real = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                real.Add(await RealAsync());
                bare.Add(await FloorAsync());
            }
            else
            {
                bare.Add(await FloorAsync());
                real.Add(await RealAsync());
            }
        }
        await databases.DropAsync(copy);
        return new Outcome(new Timing(real, realPeak), new Timing(bare, floorPeak), rows, new FileInfo(workbook).Length);
    }

    /// <summary>What the import page does when a user uploads the file and confirms the preview.</summary>
    private static async Task ImportAsync(IServiceProvider services, string workbook, long rows, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
        ImportPreview preview;
        await using (var file = File.OpenRead(workbook))
        {
            preview = await importer.PreviewAsync(file, FileName, file.Length, cancellationToken: ct);
        }
        if (preview.HasErrors || preview.Observations.New != rows)
        {
            var issues = string.Join("; ", preview.Errors.Take(5).Select(i => $"{i.Sheet} {i.Row} {i.ColumnName}: {i.Message}"));
            throw new InvalidOperationException($"The benchmark workbook did not preview cleanly ({preview.Observations.New} new of {rows}): {issues}");
        }
        await importer.CommitAsync(preview, reason: "Benchmark import", cancellationToken: ct);
    }

    /// <summary>
    /// The floor: ClosedXML reads the Data sheet's cells, then one prepared multi-row INSERT of 64 rows a statement in
    /// one transaction — the same SQL on both servers (quoted identifiers, @parameters), on a bare connection of the
    /// server's own driver.
    /// </summary>
    private static async Task FloorImportAsync(string workbook, DatabaseLocation database, CancellationToken ct)
    {
        var read = new List<(string Code, int Year, int Quarter, string Province, string Country, string Sex, double Value, double? Numerator, double? Denominator, string Source, string Note)>();
        using (var book = new XLWorkbook(workbook))
        {
            foreach (var row in book.Worksheet(DataSheetColumns.DataSheet).RowsUsed().Skip(1))
            {
                double? Number(int column) => row.Cell(column).IsEmpty() ? null : row.Cell(column).GetDouble();
                read.Add((row.Cell(1).GetString(), (int)row.Cell(2).GetDouble(), (int)row.Cell(3).GetDouble(), row.Cell(4).GetString(),
                    row.Cell(5).GetString(), row.Cell(6).GetString(), row.Cell(7).GetDouble(), Number(8), Number(9),
                    row.Cell(10).GetString(), row.Cell(11).GetString()));
            }
        }
        await using var connection = DatabaseDialect.Of(database).CreateConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var indicators = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"Code\", \"Id\" FROM \"Indicators\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indicators[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        DbType[] types = [DbType.Int32, DbType.Int32, DbType.Int32, DbType.String, DbType.String, DbType.String, DbType.Double, DbType.Double,
            DbType.Double, DbType.String, DbType.String, DbType.Int32, DbType.Int64];
        var columns = types.Length;
        DbCommand Prepare(int count)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO \"Observations\" (\"IndicatorId\", \"Year\", \"Quarter\", \"ProvinceCode\", \"CountryCode\", \"Sex\", " +
                "\"Value\", \"Numerator\", \"Denominator\", \"Source\", \"Note\", \"Status\", \"ImportBatchId\", \"CreatedBy\", \"CreatedAt\", " +
                "\"UpdatedBy\", \"UpdatedAt\", \"Version\") VALUES ");
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "" : ",").Append('(');
                for (var c = 0; c < columns; c++)
                {
                    var name = $"@p{r}_{c}";
                    sql.Append(c == 0 ? "" : ",").Append(name);
                    DatabaseDialect.AddParameter(command, name, type: types[c]);
                }
                sql.Append(",@user,@at,@user,@at,0)");
            }
            command.CommandText = sql.ToString();
            DatabaseDialect.AddParameter(command, "@user", "system");
            DatabaseDialect.AddParameter(command, "@at", DateTime.UtcNow);
            command.Prepare();
            return command;
        }
        await using var full = Prepare(InsertBatch);
        for (var start = 0; start < read.Count; start += InsertBatch)
        {
            var count = Math.Min(InsertBatch, read.Count - start);
            await using var partial = count < InsertBatch ? Prepare(count) : null;
            var command = partial ?? full;
            for (var r = 0; r < count; r++)
            {
                var o = read[start + r];
                object?[] values = [indicators[o.Code], o.Year, o.Quarter, o.Province, o.Country, o.Sex, o.Value,
                    o.Numerator, o.Denominator, o.Source, o.Note, (int)ObservationStatus.Draft];
                for (var c = 0; c < values.Length; c++)
                {
                    command.Parameters[r * columns + c].Value = values[c] ?? DBNull.Value;
                }
                command.Parameters[r * columns + 12].Value = DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The workbook an official would send: the Data sheet in the template's columns, written the way the quarterly
    /// report writes its Data sheet (which the import reads back exactly).
    /// </summary>
    internal static async Task WriteWorkbookAsync(string path, IReadOnlyList<BenchDataSet.Series> series, long rows, CancellationToken ct)
    {
        using var prepared = new MemoryStream();
        using (var book = new XLWorkbook())
        {
            StreamedTableSheet.Prepare(book.AddWorksheet(DataSheetColumns.DataSheet), 1, DataSheetColumns.DataHeaders, "DataImpor");
            book.SaveAs(prepared);
        }
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var generated = BenchDataSet.Generate(series, new YearQuarter(BenchDataSet.ImportYear, 1), 4, rows);
        await StreamedTableSheet.CompleteAsync(prepared, file, DataSheetColumns.DataSheet, 1, DataSheetColumns.DataHeaders.Count, Cells(generated, ct), cancellationToken: ct);
    }

    private static async IAsyncEnumerable<IReadOnlyList<CellContent>> Cells(IEnumerable<BenchDataSet.Generated> generated, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.CompletedTask;
        foreach (var o in generated)
        {
            ct.ThrowIfCancellationRequested();
            yield return
            [
                CellContent.FromText(o.Series.Code), CellContent.FromNumber(o.Period.Year), CellContent.FromNumber(o.Period.Quarter),
                CellContent.FromText(o.Cell.Province), CellContent.FromText(o.Cell.Country), CellContent.FromText(o.Cell.Sex),
                CellContent.FromNumber(o.Value), CellContent.FromNumber(o.Numerator), CellContent.FromNumber(o.Denominator),
                CellContent.FromText(BenchDataSet.Source), CellContent.FromText(o.Note),
            ];
        }
    }
}
