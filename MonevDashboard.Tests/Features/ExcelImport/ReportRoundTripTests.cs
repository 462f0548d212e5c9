using MonevDashboard.Bench;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Reports;
using MonevDashboard.Tests.Features.Reports;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// The official report goes back in unchanged: its Data sheet carries the stored figures exactly (numerator and
/// denominator of ratios, full precision), and importing it — locked quarters and verified figures included — is
/// no change and no refusal.
/// </summary>
public sealed class ReportRoundTripTests
{
    [Fact]
    public async Task EveryQuarterlyReportOfTheDemoDataImportsBackWithNoChangeAndNoRefusal()
    {
        ImportHarness.UseIndonesian();
        await using var database = await ReportTestSupport.CreateDatabaseAsync(demoData: true);
        var outcomes = new List<string>();
        for (var period = new YearQuarter(2024, 1); period <= new YearQuarter(2026, 3); period = period.Next())
        {
            var preview = await RoundTripAsync(database, period);
            Assert.True(preview.Observations.Read > 0, $"{period}: the report carries no figures");
            outcomes.Add($"{period}: {ImportSummary.Line(preview.Observations, preview.Targets)} errors={preview.Errors.Count()}"
                + string.Concat(preview.Errors.Take(3).Select(e => $" [{e.Row} {e.Rule} {e.Message}]"))
                + string.Concat(preview.Changes.Take(3).Select(c => $" [{c.Row} {c.IndicatorCode} {c.OldValue:R} → {c.NewValue:R}]")));
        }

        Assert.All(outcomes, o => Assert.Matches(@": inserted=0 updated=0 unchanged=\d+ rejected=0 errors=0$", o));
    }

    [Fact]
    public async Task TheReportOfAHundredThousandObservationsImportsBackWithNoChangeAndNoRefusal()
    {
        ImportHarness.UseIndonesian();
        await using var database = await ReportTestSupport.CreateDatabaseAsync(demoData: false);
        var generated = await BenchDataSet.CreateAsync(database.Services, 100_000, 0, CancellationToken.None);
        Assert.True(generated.Observations >= 100_000);

        var preview = await RoundTripAsync(database, BenchDataSet.MeasuredQuarter);

        Assert.True(preview.Observations.Read > 10_000, $"only {preview.Observations.Read} rows read");
        Assert.Empty(preview.Errors);
        Assert.Equal((0, 0, 0), (preview.Observations.New, preview.Observations.Changed, preview.Observations.Rejected));
        Assert.Equal(preview.Observations.Read, preview.Observations.Unchanged);
    }

    /// <summary>Writes the quarter's report as the export verb does and previews its import as the demo Admin.</summary>
    private static async Task<ImportPreview> RoundTripAsync(TestDatabase database, YearQuarter period)
    {
        var workbook = new MemoryStream();
        await using (var scope = database.Scope())
        {
            await database.Get<ReportService>(scope).WriteQuarterlyReportAsync(workbook, period);
        }
        await using (var scope = database.Scope(ImportHarness.Admin))
        {
            workbook.Position = 0;
            return await database.Get<ImportService>(scope).PreviewAsync(workbook, ReportService.FileName(period), workbook.Length);
        }
    }
}
