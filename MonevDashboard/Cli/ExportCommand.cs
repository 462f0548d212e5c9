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

    /// <summary>
    /// Reads the verb's options. Options of the form --Section:Key=value are host configuration (e.g.
    /// --ConnectionStrings:Monev=…) and are left to the host.
    /// </summary>
    /// <exception cref="CommandLineException">A missing, repeated, unknown or malformed option (exit code 2).</exception>
    public static Arguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }
            var (name, inline) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, null);
            if (name is not ("--year" or "--quarter" or "--out"))
            {
                throw new CommandLineException($"Opsi tidak dikenal: {arg}. {Usage}");
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CommandLineException($"Opsi {name} memerlukan nilai. {Usage}"));
            if (!values.TryAdd(name, value))
            {
                throw new CommandLineException($"Opsi {name} diberikan lebih dari sekali. {Usage}");
            }
        }
        if (!values.TryGetValue("--year", out var yearText) || !values.TryGetValue("--quarter", out var quarterText))
        {
            throw new CommandLineException($"Tahun dan triwulan wajib diisi. {Usage}");
        }
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            throw new CommandLineException($"Tahun \"{yearText}\" tidak valid: tulis empat angka, misalnya 2026.");
        }
        var quarter = ParseQuarter(quarterText)
            ?? throw new CommandLineException($"Triwulan \"{quarterText}\" tidak valid: tulis 1–4 (atau I–IV).");
        var output = values.GetValueOrDefault("--out");
        if (output is { Length: 0 })
        {
            throw new CommandLineException($"Nama berkas --out tidak boleh kosong. {Usage}");
        }
        return new Arguments(year, quarter, output);
    }

    private const string Usage = "Penggunaan: export --year TAHUN --quarter TRIWULAN [--out BERKAS.xlsx]";

    private static int? ParseQuarter(string text) => text.Trim().ToUpperInvariant() switch
    {
        "1" or "I" => 1,
        "2" or "II" => 2,
        "3" or "III" => 3,
        "4" or "IV" => 4,
        _ => null,
    };

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var arguments = Parse(args);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var reports = services.GetRequiredService<ReportService>();
        var check = await reports.CheckPeriodAsync(arguments.Year, arguments.Quarter);
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
                    ct => reports.WriteQuarterlyReportAsync(file, period, cancellationToken: ct));
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        Console.WriteLine($"Laporan {period} ditulis: {path} ({rows.ToString("N0", CultureInfo.GetCultureInfo("id-ID"))} baris data).");
        return 0;
    }
}
