using System.Globalization;
using MonevDashboard.Data;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Reports;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Cli;

/// <summary>`export --year Y --quarter Q [--out FILE]`: the quarterly report workbook, the same as the Reports page's.</summary>
public static class ExportCommand
{
    public sealed record Arguments(int Year, int Quarter, string? Out);

    public static async Task<int> RunAsync(Arguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var reports = services.GetRequiredService<ReportService>();
        var check = await reports.CheckPeriodAsync(arguments.Year, arguments.Quarter, cancellationToken);
        if (!check.YearKnown)
        {
            throw new CommandLineException(
                $"Tahun {arguments.Year} tidak termasuk periode pelaporan ({check.FirstYear}–{check.LastYear}).");
        }
        var period = new YearQuarter(arguments.Year, arguments.Quarter);
        var path = Path.GetFullPath(arguments.Out ?? ReportService.FileName(period));
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            throw new CommandLineException($"Folder tujuan tidak ada: {folder}");
        }
        // Written beside the target and moved at the end, so a failed run never leaves half a workbook behind.
        var partial = path + ".partial";
        long rows;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                // The command line takes the report like anyone else: checked and recorded in the audit log.
                rows = await services.GetRequiredService<DownloadService>().DownloadAsync(
                    new DownloadRequest(DownloadKind.QuarterlyReport, Path.GetFileName(path), period.ToString(), period),
                    ct => reports.WriteQuarterlyReportAsync(file, period, cancellationToken: ct), cancellationToken);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        await output.WriteLineAsync($"Laporan {period} ditulis: {path} ({rows.ToString("N0", CultureInfo.GetCultureInfo("id-ID"))} baris data).");
        return ExitCodes.Success;
    }
}
