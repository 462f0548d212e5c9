using System.Globalization;
using Microsoft.Data.Sqlite;
using MonevDashboard.Bench;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Cli;

namespace MonevDashboard.Bench;

/// <summary>
/// <c>bench</c>: the performance budgets of docs/design.md, measured on the app's real code
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

        /// <summary>The server the benchmark's databases are made on: SQLite files in the temporary folder, or a PostgreSQL server.</summary>
        public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;

        /// <summary>PostgreSQL: a connection string to the server (its database is only used to create and drop the benchmark's own).</summary>
        public string? Connection { get; init; }
    }

    public const string AllParts = "all";
    public const string WorstCasePart = "worst-case";

    /// <summary>The arguments with the budgets' data set for whatever the command line left out.</summary>
    public static Arguments WithDefaults(long? observations = null, string? json = null, int? runs = null, long? importRows = null,
        bool keep = false, string? part = null, DatabaseProvider? database = null, string? connection = null)
    {
        var count = observations ?? DefaultObservations;
        // The import is a tenth of the data set: 100,000 rows at the budgets' million observations.
        return new Arguments(count, json, runs ?? DefaultRuns, importRows ?? Math.Clamp(count / 10, 100, 1_000_000), keep)
        {
            Part = part ?? AllParts,
            Database = database ?? DatabaseProvider.Sqlite,
            Connection = connection,
        };
    }

    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var jsonPath = arguments.Json is null ? null : Path.GetFullPath(arguments.Json);
        var folder = Directory.CreateTempSubdirectory("monev-bench-").FullName;
        var started = DateTime.UtcNow;
        var loadStart = LoadAverage();
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
                return figures.Pass ? ExitCodes.Success : ExitCodes.Failure;
            }
            await using var databases = new BenchDatabases(folder, arguments.Database == DatabaseProvider.Postgres ? arguments.Connection : null, arguments.Keep);
            var database = await databases.NewAsync("bench");
            var databaseName = await databases.DescribeAsync(database);
            await output.WriteLineAsync($"Database: {databaseName} ({database.Describe()})");
            BenchDataSet.Result generated;
            double generatePeak;
            await using (var bench = CreateServices(database))
            {
                await output.WriteLineAsync($"Generating {arguments.Observations.ToString("N0", CultureInfo.InvariantCulture)} observations …");
                using var memory = PeakMemory.Start();
                generated = await BenchDataSet.CreateAsync(bench, arguments.Observations, arguments.ImportRows, CancellationToken.None);
                generatePeak = PeakMemory.Megabytes(memory.PeakBytes);
            }
            BenchDatabases.ClearPools();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {generated.Observations:N0} observations inserted in {generated.InsertTime.TotalSeconds:N1} s ({generated.TotalTime.TotalSeconds:N1} s with the schema)"));

            // The parts that need least memory first: a part's peak working set then shows its own needs, not a
            // heap the previous part left behind.
            var period = BenchDataSet.MeasuredQuarter;
            DashboardBench.Outcome dashboard;
            ReportBench.Outcome report;
            ReviewBench.Outcome review;
            await using (var bench = CreateServices(database))
            await using (var uncached = CreateServices(database, viewCache: false))
            {
                await output.WriteLineAsync($"Dashboard {period} …");
                dashboard = await DashboardBench.RunAsync(bench, uncached, period, arguments.Runs, CancellationToken.None);
                await output.WriteLineAsync($"Quarterly report {period} …");
                report = await ReportBench.RunAsync(bench, period, ReportRuns, folder, CancellationToken.None);
                // Last of the three: it leaves a snapshot of the quarter behind, which the dashboard's banner would compare.
                await output.WriteLineAsync($"Review snapshot and comparison {period} …");
                review = await ReviewBench.RunAsync(uncached, period, arguments.Runs, CancellationToken.None);
            }
            BenchDatabases.ClearPools();
            await output.WriteLineAsync($"Import of {arguments.ImportRows.ToString("N0", CultureInfo.InvariantCulture)} rows …");
            var import = await ImportBench.RunAsync(databases, database, generated.Series, arguments.ImportRows, ImportRuns, folder, d => CreateServices(d), CancellationToken.None);
            BenchDatabases.ClearPools();
            var worstCase = await RunWorstCaseAsync(folder, output);

            var results = new BenchResults
            {
                Database = databaseName,
                OnPostgres = database.IsPostgres,
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
                DashboardAggregateMs = Math.Round(dashboard.Real.MedianMilliseconds, 2),
                DashboardUncachedMs = Math.Round(dashboard.Aggregate.MedianMilliseconds, 2),
                DashboardColdMs = Math.Round(dashboard.Cold.MedianMilliseconds, 2),
                SnapshotSeconds = Math.Round(review.Snapshot.MedianMilliseconds / 1000, 3),
                SnapshotFloorSeconds = Math.Round(review.SnapshotFloor.MedianMilliseconds / 1000, 3),
                SnapshotFigures = review.Figures,
                ReviewCompareMs = Math.Round(review.Compare.MedianMilliseconds, 1),
                ReviewCompareFloorMs = Math.Round(review.CompareFloor.MedianMilliseconds, 1),
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
            if (databases.Kept.Count > 0)
            {
                await output.WriteLineAsync($"Kept PostgreSQL databases: {string.Join(", ", databases.Kept)}");
            }
            return ExitCodes.Success;
        }
        finally
        {
            await BenchCommand.CleanUpAsync(folder, arguments.Keep, output);
        }
    }

    /// <summary>The end of every bench run: connections released, the temporary folder deleted unless <c>--keep</c>.</summary>
    internal static async Task CleanUpAsync(string folder, bool keep, TextWriter output)
    {
        BenchDatabases.ClearPools();
        if (keep)
        {
            await output.WriteLineAsync($"Kept: {folder}");
        }
        else
        {
            Directory.Delete(folder, recursive: true);
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
    internal const string BuildConfiguration = "Debug";
#else
    internal const string BuildConfiguration = "Release";
#endif

    /// <summary>The app's own services on a SQLite file, as the command line and the tests build them.</summary>
    internal static ServiceProvider CreateServices(string databasePath) =>
        CreateServices(new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={databasePath}"));

    /// <summary>The app's own services on the benchmark's database, configured as an operator configures the app.</summary>
    /// <param name="viewCache">False turns the shared view cache off, to measure the maintained totals alone.</param>
    internal static ServiceProvider CreateServices(DatabaseLocation database, bool viewCache = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseLocation.ProviderKey] = database.Provider.ToString(),
                ["ConnectionStrings:Monev"] = database.ConnectionString,
                ["Monev:DemoData"] = "false",
                [Figures.FigureViewCache.EntriesKey] = viewCache ? null : "0",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMonevLocalization();
        services.AddMonevData(configuration, database.IsSqlite
            ? Path.GetDirectoryName(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)!
            : Path.GetTempPath());
        services.AddMonevDomain();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static double[] Rounded(IEnumerable<double> milliseconds) => [.. milliseconds.Select(ms => Math.Round(ms, 1))];

    /// <summary>The 1-minute load average (/proc/loadavg); 0 where there is none.</summary>
    internal static double LoadAverage()
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
