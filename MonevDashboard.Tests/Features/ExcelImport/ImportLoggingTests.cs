using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>Every refused or failed import leaves a log entry with the file, the user and the reason.</summary>
public sealed class ImportLoggingTests
{
    [Fact]
    public async Task ARefusedFileIsLoggedWithItsNameTheUserAndTheFirstReason()
    {
        var logs = new CapturedLogs();
        await using var harness = await ImportHarness.CreateAsync(services => services.AddLogging(b => b.AddProvider(logs)));

        var preview = await harness.PreviewAsync(DataWorkbook(Row("TIDAK-ADA", 2026, 3, "35", null, null, 5)), "salah-tw3.xlsx");

        Assert.True(preview.HasErrors);
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("salah-tw3.xlsx", StringComparison.Ordinal));
        Assert.Contains("tester@monev.go.id", entry.Message, StringComparison.Ordinal);
        Assert.Contains("refused", entry.Message, StringComparison.Ordinal);
        Assert.Contains(preview.Errors.First().Message, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedCommitIsLoggedWithTheReferenceTheUserIsShown()
    {
        var logs = new CapturedLogs();
        await using var harness = await ImportHarness.CreateAsync(services => services.AddLogging(b => b.AddProvider(logs)));
        var preview = await harness.PreviewAsync(DataWorkbook(Row("P1-PMI-TRAINED", 2027, 1, "35", null, "L", 10)), "gagal.xlsx");

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => harness.CommitAsync(preview, progress: new FailOnCommit()));

        var reference = failure.Message[^9..^1];
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("gagal.xlsx", entry.Message, StringComparison.Ordinal);
        Assert.Contains("tester@monev.go.id", entry.Message, StringComparison.Ordinal);
        Assert.Contains("nothing written", entry.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(entry.Exception);
    }

    private sealed class FailOnCommit : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Stage == ImportStage.Commit)
            {
                throw new IOException("disk full (simulated)");
            }
        }
    }
}
