using System.Text.Json;
using MonevDashboard.Bench;
using MonevDashboard.Cli;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Cli;

/// <summary>
/// <c>bench load</c> end to end on a small data set and a few circuits: the app started as a child process in
/// Production, pages signed in and driven in Chromium, and the JSON contract of issue 19. Timings are not asserted
/// (they depend on the machine); that every figure was measured and is plausible is.
/// </summary>
[Collection(CommandLineCollection.Name)]
public sealed class LoadBenchTests : IDisposable
{
    private readonly string _json = Path.Combine(Path.GetTempPath(), $"monev-bench-load-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_json);

    [Fact]
    [Trait(TestPostgres.Trait, TestPostgres.SqliteOnly)]
    public async Task LoadOnTwoAndFourCircuitsWritesEveryKeyOfTheContract()
    {
        var (code, output) = await CommandLineTests.RunAsync("bench", "load", "--observations", "20000", "--steps", "2,4",
            "--window", "6", "--think", "2", "--json", _json);

        Assert.True(code == 0, output);
        Assert.Contains("MonevDashboard load benchmark on SQLite ", output, StringComparison.Ordinal);
        Assert.Contains("Extrapolation to a 2-core server without the browser", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        var root = json.RootElement;

        Assert.Equal(4, root.GetProperty("circuits").GetInt32());
        foreach (var key in new[] { "server_mb_per_circuit", "open_cpu_ms", "interaction_cpu_ms", "report_ms" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, $"{key} = {root.GetProperty(key)}");
        }
        // Steps of 2 and 4 never reach 50 or 100 circuits: those keys are there, and null.
        foreach (var key in new[] { "interaction_p95_ms_at_50", "interaction_p95_ms_at_100" })
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(key).ValueKind);
        }
        var crossing = root.GetProperty("n_at_p95_200ms");
        Assert.True(crossing.ValueKind == JsonValueKind.Null || crossing.GetInt32() is 2 or 4, crossing.ToString());
        Assert.Equal(20_000, root.GetProperty("observations").GetInt64());

        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([2, 4], steps.Select(s => s.GetProperty("circuits").GetInt32()));
        foreach (var step in steps)
        {
            // Interactions ran and were measured in the page: at least one, each under the probe's minute.
            Assert.True(step.GetProperty("interactions").GetInt32() > 0, step.ToString());
            var p50 = step.GetProperty("p50_ms").GetDouble();
            var p95 = step.GetProperty("p95_ms").GetDouble();
            Assert.InRange(p50, 1, 60_000);
            Assert.InRange(p95, p50, 60_000);
            Assert.True(step.GetProperty("server_rss_bytes").GetInt64() > 50L * 1024 * 1024, step.ToString());
            Assert.True(step.GetProperty("server_heap_bytes").GetInt64() > 0, step.ToString());
            Assert.True(step.GetProperty("open_server_cpu_ms").GetDouble() > 0, step.ToString());
        }
        // The first opens are the "review meeting" burst; here, the step's one new page.
        Assert.True(root.GetProperty("burst_all_interactive_ms").GetDouble() > 0);

        // The database, certificate and app log lived in a temporary folder that is gone, and the app has stopped.
        var folder = output.Split('\n').First(l => l.StartsWith("Benchmark folder: ", StringComparison.Ordinal))["Benchmark folder: ".Length..].Trim();
        Assert.False(Directory.Exists(folder));
        var pid = int.Parse(output.Split("(pid ")[1].Split(')')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the app (pid {pid}) is still running");
    }

    [Theory]
    [InlineData("Nilai --steps \"100,50\" tidak valid", "--steps", "100,50")]
    [InlineData("Nilai --steps \"dua\" tidak valid", "--steps", "dua")]
    [InlineData("--reuse memakai basis data SQLite yang sudah ada", "--reuse", "x.db", "--observations", "20000")]
    [InlineData("--database postgres memerlukan --connection", "--database", "postgres")]
    public async Task AMalformedLoadOptionIsAUsageError(string message, params string[] args)
    {
        var (code, output) = await CommandLineTests.RunAsync(["bench", "load", .. args]);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmark folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOptionsDefaultToTheMillionObservationsAndStepsUpFromFifty()
    {
        var arguments = Assert.IsType<LoadBench.Arguments>(CommandLine.Read(["bench", "load"]).Arguments);

        Assert.Equal(1_000_000, arguments.Observations);
        Assert.Null(arguments.Steps);
        Assert.Equal(50, LoadBench.DefaultSteps[0]);
        Assert.Equal(30, arguments.ThinkSeconds);
    }
}
