using System.Globalization;
using Microsoft.Data.Sqlite;
using MonevDashboard.Cli.Bench;
using MonevDashboard.Data;
using MonevDashboard.Features.Localization;

namespace MonevDashboard.Cli;

/// <summary>
/// <c>bench [--observations N] [--json FILE] [--part all|worst-case]</c>: the performance budgets of DESIGN.md, measured on the app's real code
/// paths against their floors in the same run, on a generated database in a temporary folder (the app's own database
/// is never touched).
/// </summary>
public static class BenchCommand
{
    public const long DefaultObservations = 1_000_000;
    public const int DefaultRuns = 7;
    public const int ReportRuns = 5;
    public const int ImportRuns = 3;

    public sealed record Arguments(long Observations, string? Json, int Runs, long ImportRows, bool Keep)
    {
        /// <summary>"all", or one part alone: "worst-case" (the hostile workbook's peak memory; no data set needed).</summary>
        public string Part { get; init; } = AllParts;
    }

    public const string AllParts = "all";
    public const string WorstCasePart = "worst-case";

    private const string Usage = "Penggunaan: bench [--observations N] [--json BERKAS] [--runs N] [--import-rows N] [--part all|worst-case] [--keep]";

    /// <exception cref="CommandLineException">A malformed, repeated or unknown option (exit code 2).</exception>
    public static Arguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                continue; // host configuration, e.g. --Logging:LogLevel:Default=Information
            }
            if (arg == "--keep")
            {
                keep = true;
                continue;
            }
            var (name, inline) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, null);
            if (name is not ("--observations" or "--json" or "--runs" or "--import-rows" or "--part"))
            {
                throw new CommandLineException($"Opsi tidak dikenal: {arg}. {Usage}");
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CommandLineException($"Opsi {name} memerlukan nilai. {Usage}"));
            if (!values.TryAdd(name, value))
            {
                throw new CommandLineException($"Opsi {name} diberikan lebih dari sekali. {Usage}");
            }
        }
        long Number(string name, long fallback, long min, long max)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }
            var cleaned = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
            return long.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? number
                : throw new CommandLineException($"Nilai {name} \"{text}\" tidak valid: tulis bilangan bulat {min.ToString("N0", FigureFormatter.Culture)}–{max.ToString("N0", FigureFormatter.Culture)}.");
        }
        var observations = Number("--observations", DefaultObservations, 1_000, 20_000_000);
        var runs = (int)Number("--runs", DefaultRuns, 1, 99);
        // The import is a tenth of the data set: 100,000 rows at the budgets' million observations.
        var importRows = Number("--import-rows", Math.Clamp(observations / 10, 100, 1_000_000), 100, 1_000_000);
        var json = values.GetValueOrDefault("--json");
        if (json is { Length: 0 })
        {
            throw new CommandLineException($"Nama berkas --json tidak boleh kosong. {Usage}");
        }
        var part = values.GetValueOrDefault("--part", AllParts);
        if (part is not (AllParts or WorstCasePart))
        {
            throw new CommandLineException($"Nilai --part \"{part}\" tidak valid: tulis {AllParts} atau {WorstCasePart}. {Usage}");
        }
        return new Arguments(observations, json, runs, importRows, keep) { Part = part };
    }

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var arguments = Parse(args);
        var jsonPath = arguments.Json is null ? null : Path.GetFullPath(arguments.Json);
        if (jsonPath is not null && Path.GetDirectoryName(jsonPath) is { } jsonFolder && !Directory.Exists(jsonFolder))
        {
            throw new CommandLineException($"Folder tujuan tidak ada: {jsonFolder}");
        }
        var folder = Directory.CreateTempSubdirectory("monev-bench-").FullName;
        var started = DateTime.UtcNow;
        var loadStart = LoadAverage();
        var output = Console.Out;
        await output.WriteLineAsync($"Benchmark folder: {folder}");
        try
        {
            if (arguments.Part == WorstCasePart)
            {
                var alone = await RunWorstCaseAsync(folder, output);
                var figures = new WorstCaseResults
                {
                    WorstCaseImportPeakMb = PeakMemory.Megabytes(alone.PeakBytes),
                    WorstCaseImportRefused = alone.Refused,
                    WorstCaseFileMb = PeakMemory.Megabytes(alone.FileBytes),
                    WorstCaseImportSeconds = Math.Round(alone.Time.TotalSeconds, 2),
                    WorstCaseAnnotatedPeakMb = PeakMemory.Megabytes(alone.AnnotatedPeakBytes),
                    WorstCaseAnnotatedSeconds = Math.Round(alone.AnnotatedTime.TotalSeconds, 2),
                    Build = BuildConfiguration,
                    LoadStart = loadStart,
                    LoadEnd = LoadAverage(),
                    StartedAtUtc = started,
                };
                if (jsonPath is not null)
                {
                    await File.WriteAllTextAsync(jsonPath, figures.ToJson());
                    await output.WriteLineAsync($"JSON: {jsonPath}");
                }
                return figures.Pass ? 0 : 1;
            }
            var databasePath = Path.Combine(folder, "bench.db");
            BenchDataSet.Result generated;
            double generatePeak;
            await using (var bench = CreateServices(databasePath))
            {
                await output.WriteLineAsync($"Generating {arguments.Observations.ToString("N0", CultureInfo.InvariantCulture)} observations …");
                using var memory = PeakMemory.Start();
                generated = await BenchDataSet.CreateAsync(bench, arguments.Observations, arguments.ImportRows, CancellationToken.None);
                generatePeak = PeakMemory.Megabytes(memory.PeakBytes);
            }
            SqliteConnection.ClearAllPools();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {generated.Observations:N0} observations inserted in {generated.InsertTime.TotalSeconds:N1} s ({generated.TotalTime.TotalSeconds:N1} s with the schema)"));

            // The parts that need least memory first: a part's peak working set then shows its own needs, not a
            // heap the previous part left behind.
            var period = BenchDataSet.MeasuredQuarter;
            DashboardBench.Outcome dashboard;
            ReportBench.Outcome report;
            await using (var bench = CreateServices(databasePath))
            {
                await output.WriteLineAsync($"Dashboard {period} …");
                dashboard = await DashboardBench.RunAsync(bench, period, arguments.Runs, CancellationToken.None);
                await output.WriteLineAsync($"Quarterly report {period} …");
                report = await ReportBench.RunAsync(bench, period, ReportRuns, folder, CancellationToken.None);
            }
            SqliteConnection.ClearAllPools();
            await output.WriteLineAsync($"Import of {arguments.ImportRows.ToString("N0", CultureInfo.InvariantCulture)} rows …");
            var import = await ImportBench.RunAsync(databasePath, generated.Series, arguments.ImportRows, ImportRuns, folder, CreateServices, CancellationToken.None);
            SqliteConnection.ClearAllPools();
            var worstCase = await RunWorstCaseAsync(folder, output);

            var results = new BenchResults
            {
                Observations = generated.Observations,
                Indicators = generated.Indicators,
                SyntheticIndicators = generated.SyntheticIndicators,
                GenerateSeconds = Math.Round(generated.TotalTime.TotalSeconds, 2),
                InsertSeconds = Math.Round(generated.InsertTime.TotalSeconds, 2),
                GeneratePeakMb = generatePeak,
                DashboardQuarter = period.ToString(),
                Runs = arguments.Runs,
                DashboardMs = Math.Round(dashboard.Real.MedianMilliseconds, 1),
                DashboardFloorMs = Math.Round(dashboard.Floor.MedianMilliseconds, 1),
                DashboardRunsMs = Rounded(dashboard.Real.Milliseconds),
                DashboardFloorRunsMs = Rounded(dashboard.Floor.Milliseconds),
                DashboardPeakMb = PeakMemory.Megabytes(dashboard.Real.PeakBytes),
                DashboardFloorPeakMb = PeakMemory.Megabytes(dashboard.Floor.PeakBytes),
                ImportRows = import.Rows,
                ImportRuns = ImportRuns,
                ImportMs = Math.Round(import.Real.MedianMilliseconds, 1),
                ImportFloorMs = Math.Round(import.Floor.MedianMilliseconds, 1),
                ImportRunsMs = Rounded(import.Real.Milliseconds),
                ImportFloorRunsMs = Rounded(import.Floor.Milliseconds),
                ImportPeakMb = PeakMemory.Megabytes(import.Real.PeakBytes),
                ImportFloorPeakMb = PeakMemory.Megabytes(import.Floor.PeakBytes),
                ReportRows = report.Rows,
                ReportRuns = ReportRuns,
                ReportSeconds = Math.Round(report.Real.MedianMilliseconds / 1000, 2),
                ReportRunsMs = Rounded(report.Real.Milliseconds),
                ReportPeakMb = PeakMemory.Megabytes(report.Real.PeakBytes),
                WorstCaseImportPeakMb = PeakMemory.Megabytes(worstCase.PeakBytes),
                WorstCaseImportRefused = worstCase.Refused,
                WorstCaseFileMb = PeakMemory.Megabytes(worstCase.FileBytes),
                WorstCaseAnnotatedPeakMb = PeakMemory.Megabytes(worstCase.AnnotatedPeakBytes),
                Build = BuildConfiguration,
                ProcessorCount = Environment.ProcessorCount,
                LoadStart = loadStart,
                LoadEnd = LoadAverage(),
                StartedAtUtc = started,
            };
            await output.WriteLineAsync();
            await output.WriteAsync(results.ToMarkdown());
            if (jsonPath is not null)
            {
                await File.WriteAllTextAsync(jsonPath, results.ToJson());
                await output.WriteLineAsync($"JSON: {jsonPath}");
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (arguments.Keep)
            {
                await output.WriteLineAsync($"Kept: {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<WorstCaseImportBench.Outcome> RunWorstCaseAsync(string folder, TextWriter output)
    {
        await output.WriteLineAsync("Worst-case import (hostile workbook) …");
        var outcome = await WorstCaseImportBench.RunAsync(folder, CreateServices, CancellationToken.None);
        SqliteConnection.ClearAllPools();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {PeakMemory.Megabytes(outcome.FileBytes):N1} MB file: peak working set {PeakMemory.Megabytes(outcome.PeakBytes):N0} MB (budget {WorstCaseImportBench.BudgetMb:N0} MB), {(outcome.Refused ? "refused" : "NOT refused")} in {outcome.Time.TotalSeconds:N1} s"));
        await output.WriteLineAsync($"  {outcome.Refusal}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  annotated copy: {PeakMemory.Megabytes(outcome.AnnotatedBytes):N1} MB, peak working set {PeakMemory.Megabytes(outcome.AnnotatedPeakBytes):N0} MB (budget {WorstCaseImportBench.BudgetMb:N0} MB) in {outcome.AnnotatedTime.TotalSeconds:N1} s"));
        return outcome;
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    /// <summary>The app's own services on the benchmark's database, as the command line and the tests build them.</summary>
    internal static ServiceProvider CreateServices(string databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Monev"] = $"Data Source={databasePath}",
                ["Monev:DemoData"] = "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMonevLocalization();
        services.AddMonevData(configuration, Path.GetDirectoryName(databasePath)!);
        services.AddMonevDomain();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static double[] Rounded(IEnumerable<double> milliseconds) => [.. milliseconds.Select(ms => Math.Round(ms, 1))];

    /// <summary>The 1-minute load average (/proc/loadavg); 0 where there is none.</summary>
    private static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
