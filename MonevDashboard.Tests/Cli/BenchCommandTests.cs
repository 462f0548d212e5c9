using System.Text.Json;
using MonevDashboard.Bench;
using MonevDashboard.Cli;
using MonevDashboard.Tests.Support;
using Npgsql;

namespace MonevDashboard.Tests.Cli;

/// <summary>
/// The bench verb on a small data set: it must keep running end to end (generation, dashboard, import, report) and
/// keep its JSON contract. Timings are never asserted: they depend on the machine.
/// </summary>
[Collection(CommandLineCollection.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _json = Path.Combine(Path.GetTempPath(), $"monev-bench-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_json);

    // SQLite only: the default bench on SQLite files; BenchOnPostgresMeasuresTheServerAndDropsItsDatabases is PostgreSQL's.
    [Fact]
    [Trait(TestPostgres.Trait, TestPostgres.SqliteOnly)]
    public async Task BenchOnTenThousandObservationsWritesEveryFigureAsNumbersAndCleansUp()
    {
        var (code, output) = await CommandLineTests.RunAsync("bench", "--observations", "10000", "--json", _json);

        Assert.True(code == 0, output);
        Assert.Contains("MonevDashboard benchmark on SQLite ", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        var root = json.RootElement;
        string[] keys =
        [
            "observations", "dashboard_ms", "dashboard_floor_ms", "dashboard_ratio", "import_ms", "import_floor_ms",
            "import_ratio", "report_seconds", "peak_memory_mb", "import_rows", "report_rows", "worst_case_import_peak_mb",
            "dashboard_aggregate_ms", "dashboard_aggregate_ratio", "dashboard_cold_ratio", "snapshot_seconds", "review_compare_ratio",
            "worst_case_file_mb",
        ];
        foreach (var key in keys)
        {
            Assert.True(root.TryGetProperty(key, out var value), $"missing {key}");
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
            Assert.True(value.GetDouble() > 0, $"{key} = {value}");
        }
        Assert.Equal(10_000, root.GetProperty("observations").GetInt64());
        // Ten thousand observations spread evenly over five years; the import is a tenth of the data set.
        Assert.Equal(2_000, root.GetProperty("report_rows").GetInt64());
        Assert.Equal(1_000, root.GetProperty("import_rows").GetInt64());
        // The hostile workbook ends in a refusal (its memory is measured, not asserted here).
        Assert.True(root.GetProperty("worst_case_import_refused").GetBoolean());

        // The table puts each figure beside its floor and budget.
        Assert.Contains("| dashboard TW III 2026", output, StringComparison.Ordinal);
        Assert.Contains("≤ 1.5 × floor", output, StringComparison.Ordinal);
        Assert.Contains("≤ 1.3 × floor", output, StringComparison.Ordinal);
        Assert.Contains("≤ 2 s", output, StringComparison.Ordinal);

        // The generated database, workbook and report lived in a temporary folder that is gone.
        var folder = output.Split('\n').First(l => l.StartsWith("Benchmark folder: ", StringComparison.Ordinal))["Benchmark folder: ".Length..].Trim();
        Assert.False(Directory.Exists(folder));
    }

    /// <summary>The same run on PostgreSQL: its databases made on the server, measured, then dropped.</summary>
    [Fact]
    [Trait(TestPostgres.Trait, TestPostgres.PostgresOnly)]
    public async Task BenchOnPostgresMeasuresTheServerAndDropsItsDatabases()
    {
        var before = await BenchDatabasesOnServerAsync();

        var (code, output) = await CommandLineTests.RunAsync("bench", "--observations", "10000", "--runs", "3", "--json", _json,
            "--database", "postgres", "--connection", TestPostgres.ServerConnectionString);

        Assert.True(code == 0, output);
        Assert.Contains("MonevDashboard benchmark on PostgreSQL ", output, StringComparison.Ordinal);
        Assert.Contains("binary COPY", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        var root = json.RootElement;
        Assert.StartsWith("PostgreSQL ", root.GetProperty("database").GetString(), StringComparison.Ordinal);
        foreach (var key in new[] { "dashboard_ms", "dashboard_floor_ms", "import_ms", "import_floor_ms", "report_seconds" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
        Assert.Equal(10_000, root.GetProperty("observations").GetInt64());
        Assert.Equal(1.5, root.GetProperty("import_budget").GetDouble());
        Assert.Equal(before, await BenchDatabasesOnServerAsync());
    }

    [Theory]
    [InlineData("--database postgres memerlukan --connection", "--database", "postgres")]
    [InlineData("--connection hanya berlaku dengan --database postgres", "--connection", "Host=localhost;Database=postgres")]
    [InlineData("Nilai --database \"mysql\" tidak valid", "--database", "mysql")]
    [InlineData("String koneksi --connection tidak valid", "--database", "postgres", "--connection", "Host=localhost;Port")]
    public async Task ADatabaseWithoutItsConnectionOrTheOtherWayRoundIsAUsageError(string message, params string[] args)
    {
        var (code, output) = await CommandLineTests.RunAsync(["bench", .. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmark folder", output, StringComparison.Ordinal);
    }

    private static async Task<List<string>> BenchDatabasesOnServerAsync()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'monev_bench_%' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    [Theory]
    [InlineData("--observations", "banyak")]
    [InlineData("--observations", "10")]
    [InlineData("--runs", "0")]
    [InlineData("--jumlah", "5")]
    [InlineData("--part", "semua")]
    public async Task AMalformedOptionExitsWithCodeTwoAndSaysWhyInIndonesian(string option, string value)
    {
        var (code, output) = await CommandLineTests.RunAsync("bench", option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmark folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsDefaultToTheBudgetsDataSet()
    {
        var arguments = Assert.IsType<BenchCommand.Arguments>(CommandLine.Read(["bench"]).Arguments);

        Assert.Equal(1_000_000, arguments.Observations);
        Assert.Equal(100_000, arguments.ImportRows);
        Assert.Equal(7, arguments.Runs);
        Assert.Null(arguments.Json);
    }
}

/// <summary>The benchmark is a tool beside the app: the web app's features and components never reach into it.</summary>
public sealed class BenchBoundaryTests
{
    [Fact]
    public void NoFeatureOrComponentUsesTheBenchmarkCode()
    {
        var app = Path.Combine(MonevDashboard.Data.DataServiceCollectionExtensions.FindSolutionRoot(AppContext.BaseDirectory), "MonevDashboard");
        // Inside namespace MonevDashboard.…, "Bench.X" alone names the benchmark's types too.
        var use = new System.Text.RegularExpressions.Regex(@"MonevDashboard\.Bench\b|(?<![\w.])Bench\.[A-Z]");
        var files = new[] { "Features", "Components" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(app, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(files);
        Assert.Empty(files.Where(f => use.IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(app, f)));
    }
}
