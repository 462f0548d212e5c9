using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
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
        string databasePath, IReadOnlyList<BenchDataSet.Series> series, long rows, int runs, string folder,
        Func<string, ServiceProvider> servicesFor, CancellationToken ct)
    {
        var workbook = Path.Combine(folder, FileName);
        await WriteWorkbookAsync(workbook, series, rows, ct);
        var copy = Path.Combine(folder, "import.db");

        async Task<double> RealAsync()
        {
            PrepareCopy(databasePath, copy);
            await using var services = servicesFor(copy);
            return await Timing.MillisecondsAsync(() => ImportAsync(services, workbook, rows, ct));
        }
        async Task<double> FloorAsync()
        {
            PrepareCopy(databasePath, copy);
            return await Timing.MillisecondsAsync(() => FloorImportAsync(workbook, $"Data Source={copy}", ct));
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
        PrepareCopy(databasePath, copy: null);
        DeleteDatabase(copy);
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

    /// <summary>The floor: ClosedXML reads the Data sheet's cells, then one prepared multi-row INSERT in one transaction.</summary>
    private static async Task FloorImportAsync(string workbook, string connectionString, CancellationToken ct)
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
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        var indicators = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Code, Id FROM Indicators";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indicators[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        const int Columns = 13;
        SqliteCommand Prepare(int count)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO Observations (IndicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex, Value, Numerator, Denominator, Source, Note, Status, ImportBatchId, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version) VALUES ");
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "" : ",").Append('(');
                for (var c = 0; c < Columns; c++)
                {
                    var name = $"$p{r}_{c}";
                    sql.Append(c == 0 ? "" : ",").Append(name);
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }
                sql.Append(",$user,$at,$user,$at,0)");
            }
            command.CommandText = sql.ToString();
            command.Parameters.AddWithValue("$user", "system");
            command.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
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
                    command.Parameters[r * Columns + c].Value = values[c] ?? DBNull.Value;
                }
                command.Parameters[r * Columns + 12].Value = DBNull.Value;
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

    /// <summary>A fresh copy of the benchmark database (or, with no copy, just the pools closed).</summary>
    private static void PrepareCopy(string source, string? copy)
    {
        SqliteConnection.ClearAllPools();
        if (copy is not null)
        {
            DeleteDatabase(copy);
            File.Copy(source, copy);
            if (File.Exists(source + "-wal"))
            {
                File.Copy(source + "-wal", copy + "-wal");
            }
        }
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
