using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Reports;

namespace MonevDashboard.Bench;

/// <summary>
/// The quarterly report workbook of one quarter from the benchmark database, written by <see cref="ReportService"/> to
/// a file exactly as the <c>export</c> verb and the Reports page write it (its Data sheet holds every observation of
/// the year).
/// </summary>
internal static class ReportBench
{
    public sealed record Outcome(Timing Real, long Rows, long Bytes);

    public static async Task<Outcome> RunAsync(IServiceProvider services, YearQuarter period, int runs, string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, ReportService.FileName(period));
        for (var i = 1; i < Timing.WarmUps; i++)
        {
            await WriteAsync(services, period, path, ct);
        }
        long rows;
        long peak;
        using (var memory = PeakMemory.Start())
        {
            rows = await WriteAsync(services, period, path, ct);
            peak = memory.PeakBytes;
        }
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await Timing.MillisecondsAsync(() => WriteAsync(services, period, path, ct)));
        }
        return new Outcome(new Timing(times, peak), rows, new FileInfo(path).Length);
    }

    private static async Task<long> WriteAsync(IServiceProvider services, YearQuarter period, string path, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return await reports.WriteQuarterlyReportAsync(file, period, cancellationToken: ct);
    }
}
