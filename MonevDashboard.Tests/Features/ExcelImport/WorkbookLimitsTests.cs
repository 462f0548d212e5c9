using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Bench;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// What a workbook may make the server hold, on small crafted files with small caps (the same hostile shape the
/// bench measures at full size): too many or too long shared strings, an oversized cell, too much text — each
/// refused as a whole and not annotated; and 'n' faulty rows cost a list of at most MaxIssues plus a count.
/// </summary>
public sealed class WorkbookLimitsTests
{
    private static async Task<ImportPreview> PreviewAsync(WorstCaseWorkbook.Shape shape, Action<ImportOptions> limits)
    {
        await using var harness = await ImportHarness.CreateAsync(services => services.Configure(limits));
        return await harness.PreviewAsync(WorstCaseWorkbook.Write(shape), "terburuk.xlsx");
    }

    [Fact]
    public async Task ASharedStringTableLongerThanTheCapIsRefusedAsAWholeAndNotAnnotated()
    {
        var preview = await PreviewAsync(new WorstCaseWorkbook.Shape(SharedStrings: 50, StringLength: 20, Rows: 10, CellLength: 20), o => o.MaxSharedStrings = 40);

        var error = Assert.Single(preview.Errors);
        Assert.Equal("Import.LimitSharedStrings", error.Rule);
        Assert.Contains("lebih dari 40 entri", error.Message, StringComparison.Ordinal);
        Assert.False(preview.CanCommit);
        Assert.False(preview.CanAnnotate);
    }

    [Fact]
    public async Task ACellLongerThanTheCapIsRefusedBeforeItIsHeld()
    {
        var preview = await PreviewAsync(new WorstCaseWorkbook.Shape(SharedStrings: 5, StringLength: 20, Rows: 10, CellLength: 500), o => o.MaxCellChars = 300);

        var error = Assert.Single(preview.Errors);
        Assert.Equal("Import.LimitCell", error.Rule);
        Assert.Contains("lebih dari 300 karakter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreTextInAllThanTheCapIsRefused()
    {
        var preview = await PreviewAsync(new WorstCaseWorkbook.Shape(SharedStrings: 5, StringLength: 50, Rows: 200, CellLength: 50), o => o.MaxTextChars = 5_000);

        var error = Assert.Single(preview.Errors);
        Assert.Equal("Import.LimitText", error.Rule);
        Assert.False(preview.CanAnnotate);
    }

    [Fact]
    public async Task ManyFaultyRowsAreListedUpToTheCapAndTheRestCounted()
    {
        var preview = await PreviewAsync(new WorstCaseWorkbook.Shape(SharedStrings: 5, StringLength: 400, Rows: 60, CellLength: 400), o => o.MaxIssues = 7);

        Assert.True(preview.HasErrors);
        Assert.Equal(7, preview.Errors.Count());
        Assert.True(preview.OmittedErrors >= 60 - 7, $"{preview.OmittedErrors} omitted");
        Assert.Equal(preview.Errors.Count() + preview.OmittedErrors, preview.ErrorCount);
        Assert.All(preview.Issues, i => Assert.True(i.Value.Length <= ImportIssueLimit.ValueLength && i.Message.Length <= ImportIssueLimit.MessageLength));
    }

    [Fact]
    public async Task TheAnnotatedWorkbookListsTheKeptIssuesAndCountsTheRest()
    {
        await using var harness = await ImportHarness.CreateAsync(services => services.Configure<ImportOptions>(o => o.MaxIssues = 2));
        var preview = await harness.PreviewAsync(ImportWorkbooks.DataWorkbook(
            [.. Enumerable.Range(0, 5).Select(i => ImportWorkbooks.Row("TIDAK-ADA-" + i, 2026, 3, "35", null, null, 5))]), "lima.xlsx");
        Assert.Equal(2, preview.Errors.Count());
        Assert.True(preview.OmittedErrors >= 3, $"{preview.OmittedErrors} omitted");

        await using var scope = harness.Database.Scope();
        var annotated = harness.Database.Get<ImportService>(scope).AnnotatedWorkbook(preview)?.Bytes;

        Assert.NotNull(annotated);
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(annotated));
        var texts = workbook.Worksheet(DataSheetColumns.ErrorsSheet).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(texts, t => t.StartsWith($"… dan {preview.OmittedErrors + preview.OmittedWarnings} masalah lain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAnnotatedCopyOfALargeRefusedWorkbookCostsLessThanReadingItAndAThirdOfLoadingIt()
    {
        await using var harness = await ImportHarness.CreateAsync();
        var file = WorstCaseWorkbook.Write(new WorstCaseWorkbook.Shape(SharedStrings: 10_000, StringLength: 400, Rows: 20_000, CellLength: 20));
        var preview = await harness.PreviewAsync(file, "besar.xlsx");
        Assert.True(preview.CanAnnotate);
        await using var scope = harness.Database.Scope();
        var reader = harness.Database.Get<ObservationWorkbookReader>(scope);
        var importer = harness.Database.Get<ImportService>(scope);
        // Once each first, so compiling the code is not counted.
        reader.Read(file, "besar.xlsx");
        importer.AnnotatedWorkbook(preview);

        // Allocated bytes bound what a step can hold at its peak; all three run on this thread, synchronously.
        static long Allocated(Action step)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            step();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        byte[]? annotated = null;
        var reading = Allocated(() => reader.Read(file, "besar.xlsx"));
        var annotating = Allocated(() => annotated = importer.AnnotatedWorkbook(preview)?.Bytes);
        var loading = Allocated(() => new ClosedXML.Excel.XLWorkbook(new MemoryStream(file)).Dispose());

        Assert.NotNull(annotated);
        // The copy streams the shared strings and sheets it does not need to read; loading builds a model of them all.
        Assert.True(annotating < reading && annotating * 3 < loading,
            $"annotating allocated {annotating / 1048576} MB; reading the upload {reading / 1048576} MB; loading it into a workbook {loading / 1048576} MB");
    }

    [Fact]
    public void TheBenchmarksWorstCaseFitsTheUploadLimitAndPassesThePackageChecks()
    {
        var bytes = WorstCaseWorkbook.Write(WorstCaseWorkbook.Bench);
        var limits = new ImportOptions();

        Assert.InRange(bytes.LongLength, 5L * 1024 * 1024, limits.MaxBytes);
        Assert.Equal(PackageProblem.None, WorkbookPackageInspector.Inspect(bytes, "terburuk.xlsx", limits));
    }
}
