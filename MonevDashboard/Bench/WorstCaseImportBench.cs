using MonevDashboard.Data;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Bench;

/// <summary>
/// The peak memory of importing <see cref="WorstCaseWorkbook.Bench"/> through the real pipeline (the page's
/// <see cref="ImportService.PreviewAsync"/>) on an empty database: it must end in a clear refusal, not in an
/// out-of-memory, and stay under <see cref="BudgetMb"/>. Then the peak of writing its annotated copy (the page's
/// <see cref="ImportService.AnnotatedWorkbook"/>), which must stay under the same budget: the copy is streamed from the
/// upload already held, never loaded into a workbook model a second time.
/// </summary>
internal static class WorstCaseImportBench
{
    public const double BudgetMb = 500;
    public const string FileName = "Impor-Terburuk.xlsx";

    public sealed record Outcome(long PeakBytes, long FileBytes, bool Refused, string Refusal, TimeSpan Time)
    {
        /// <summary>Peak working set while the annotated copy is written (0 when the file could not be annotated).</summary>
        public long AnnotatedPeakBytes { get; init; }

        public long AnnotatedBytes { get; init; }

        public TimeSpan AnnotatedTime { get; init; }
    }

    public static async Task<Outcome> RunAsync(string folder, Func<string, ServiceProvider> servicesFor, CancellationToken ct)
    {
        var databasePath = Path.Combine(folder, "worst-case.db");
        var workbookPath = Path.Combine(folder, FileName);
        await File.WriteAllBytesAsync(workbookPath, WorstCaseWorkbook.Write(WorstCaseWorkbook.Bench), ct);
        var fileBytes = new FileInfo(workbookPath).Length;
        await using var services = servicesFor(databasePath);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        }
        ImportPreview preview;
        long peak;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (var memory = PeakMemory.Start())
        {
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
            await using var file = File.OpenRead(workbookPath);
            preview = await importer.PreviewAsync(file, FileName, file.Length, cancellationToken: ct);
            peak = memory.PeakBytes;
        }
        var refusal = preview.HasErrors
            ? $"{preview.ErrorCount:N0} errors ({preview.Errors.Count():N0} listed, {preview.OmittedErrors:N0} counted); first: {preview.Errors.First().Message}"
            : "";
        var elapsed = started.Elapsed;
        long annotatedPeak = 0, annotatedBytes = 0;
        var annotating = System.Diagnostics.Stopwatch.StartNew();
        if (preview.CanAnnotate)
        {
            using var memory = PeakMemory.Start();
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
            annotatedBytes = importer.AnnotatedWorkbook(preview)?.Bytes.LongLength ?? 0;
            annotatedPeak = memory.PeakBytes;
        }
        return new Outcome(peak, fileBytes, preview.HasErrors && !preview.CanCommit, refusal, elapsed)
        {
            AnnotatedPeakBytes = annotatedPeak,
            AnnotatedBytes = annotatedBytes,
            AnnotatedTime = annotating.Elapsed,
        };
    }
}
