using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;

namespace MonevDashboard.Bench;

/// <summary>
/// <c>bench load</c>: the app in Release and Production as a child process on the one-million-observation bench
/// database, and N real circuits — dashboard pages in one headless Chromium, signed in once as a Pimpinan — held
/// open and driven by a stated mix of interactions, stepping N up. It separates what the server spends (its own
/// process's CPU and memory from /proc) from what the browser on the same box spends, and extrapolates to a 2-core
/// server without the browser from those figures, printing its assumptions.
/// </summary>
public static class LoadBench
{
    public const int BurstPages = 50;
    public const double P95BudgetMs = 200;
    public static readonly IReadOnlyList<int> DefaultSteps = [50, 100, 200, 400, 800, 1600, 3200];

    /// <summary>Every interaction's weight in the mix; after an indicator page the next interaction is always the way back.</summary>
    internal static readonly IReadOnlyList<(LoadInteraction Kind, int Weight)> Mix =
    [
        (LoadInteraction.Pillar, 20), (LoadInteraction.Owner, 15), (LoadInteraction.Year, 20), (LoadInteraction.YearToDate, 25),
        (LoadInteraction.OpenIndicator, 20),
    ];

    public sealed record Arguments
    {
        public long Observations { get; init; } = BenchCommand.DefaultObservations;
        public string? Json { get; init; }

        /// <summary>The circuit counts to hold, in order; null: <see cref="DefaultSteps"/> up to <see cref="Max"/>, stopping early.</summary>
        public IReadOnlyList<int>? Steps { get; init; }
        public int Max { get; init; } = 3200;

        /// <summary>Each circuit's mean time between two interactions (exponential), seconds: the stated rate is N ÷ this.</summary>
        public double ThinkSeconds { get; init; } = 30;

        /// <summary>How long each step's mix runs, seconds (at N = 50 and a 30 s think time: about 67 interactions).</summary>
        public double WindowSeconds { get; init; } = 40;

        /// <summary>Quarterly report downloads after each step's mix, with its circuits held.</summary>
        public int Reports { get; init; } = 1;

        /// <summary>Stop stepping up once a step took the run past this many minutes (explicit --steps all run).</summary>
        public double Minutes { get; init; } = 12;

        public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;
        public string? Connection { get; init; }

        /// <summary>A SQLite bench database kept by an earlier run (--keep): used as it is instead of generating one.</summary>
        public string? Reuse { get; init; }
        public bool Keep { get; init; }
        public string Chromium { get; init; } = Environment.GetEnvironmentVariable("MONEV_CHROMIUM") ?? LoadBrowser.DefaultChromium;

        /// <summary>Chromium renderer processes shared by all pages.</summary>
        public int Renderers { get; init; } = 8;

        /// <summary>The memory a 2-core server gives the app, for the extrapolation, GB.</summary>
        public double ServerMemoryGb { get; init; } = 4;
    }

    internal const string BenchEmail = "pimpinan.bench@monev.go.id";

    public static async Task<int> RunAsync(Arguments arguments, TextWriter output, CancellationToken cancellationToken = default)
    {
        var jsonPath = arguments.Json is null ? null : Path.GetFullPath(arguments.Json);
        var folder = Directory.CreateTempSubdirectory("monev-bench-load-").FullName;
        var started = DateTime.UtcNow;
        var run = Stopwatch.StartNew();
        var loadSamples = new List<double> { BenchCommand.LoadAverage() };
        await output.WriteLineAsync($"Benchmark folder: {folder}");
        try
        {
            await using var databases = new BenchDatabases(folder, arguments.Database == DatabaseProvider.Postgres ? arguments.Connection : null, arguments.Keep);
            var (database, observations) = await PrepareDatabaseAsync(arguments, databases, output, cancellationToken);
            var databaseName = await databases.DescribeAsync(database);
            var password = $"Bench#{Guid.NewGuid():N}"[..20] + "aA1!";
            await using (var services = BenchCommand.CreateServices(database))
            {
                await EnsureAccountAsync(services, password);
            }
            BenchDatabases.ClearPools();

            await output.WriteLineAsync($"Starting the app (Release build: {BenchCommand.BuildConfiguration}, Production) on {databaseName} …");
            await using var server = await LoadServer.StartAsync(database, folder, TimeSpan.FromMinutes(3), cancellationToken);
            await output.WriteLineAsync($"  listening on {server.Address} (pid {server.ProcessId})");
            await using var browser = await LoadBrowser.StartAsync(arguments.Chromium, arguments.Renderers, server.Address, BenchEmail, password);

            var meter = new Meter(server);
            // Warm-up: one circuit does every interaction twice, so the JIT has compiled the hot paths before anything is timed.
            await output.WriteLineAsync("Warm-up …");
            await browser.OpenAsync(1, 1, TimeSpan.Zero, seed: 1);
            var warm = new Random(2);
            foreach (var kind in Mix.Select(m => m.Kind).Concat(Mix.Select(m => m.Kind)))
            {
                var page = browser.Pages[0];
                var ms = await page.InteractAsync(page.OnIndicatorPage ? LoadInteraction.BackToDashboard : kind, warm);
                if (ms is null)
                {
                    
                    var screenshot = await page.ScreenshotAsync(Path.Combine(Path.GetTempPath(), "monev-bench-load-warm-up.png"));
                    throw new InvalidOperationException($"Warm-up: {kind} never showed its figures: {page.LastFailure} (screenshot {screenshot}; console: {page.RecentConsole}).\n{server.RecentLog}");
                }
            }
            if (browser.Pages[0].OnIndicatorPage)
            {
                await browser.Pages[0].InteractAsync(LoadInteraction.BackToDashboard, warm);
            }
            await Task.Delay(1000, cancellationToken);
            var baseline = await meter.MemoryAsync(cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  baseline with 1 circuit: server RSS {Mb(baseline.RssBytes):N0} MB, live heap {Mb(baseline.HeapBytes):N1} MB"));

            var plan = arguments.Steps ?? [.. DefaultSteps.Where(n => n <= arguments.Max)];
            var steps = new List<LoadStep>();
            BurstResult? burst = null;
            foreach (var target in plan)
            {
                var held = browser.Pages.Count;
                if (target <= held)
                {
                    continue;
                }
                var stepClock = Stopwatch.StartNew();
                var added = target - held;
                if (!MemoryAllows(steps, baseline, added, out var memoryNote))
                {
                    await output.WriteLineAsync($"Stopping before {target} circuits: {memoryNote}");
                    break;
                }
                await output.WriteLineAsync($"Step {target} circuits: opening {added} …");

                // The first opens are the review meeting: up to fifty officials within one second of each other.
                var burstCount = burst is null ? Math.Min(BurstPages, added) : 0;
                var openCpu = meter.Start();
                if (burstCount > 0)
                {
                    var opened = await browser.OpenAsync(burstCount, burstCount, TimeSpan.FromSeconds(1), seed: target);
                    var interactive = opened.Times.Where(t => !double.IsNaN(t)).ToList();
                    var failedOpens = opened.Times.Count - interactive.Count;
                    burst = new BurstResult(burstCount, failedOpens == 0 ? opened.Makespan.TotalMilliseconds : null, failedOpens,
                        Percentile(interactive, 50), interactive.Count == 0 ? 0 : interactive.Max());
                    await output.WriteLineAsync(failedOpens == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"  {burstCount} opened within 1 s: all interactive after {opened.Makespan.TotalSeconds:N2} s (median {burst.MedianMs:N0} ms)")
                        : string.Create(CultureInfo.InvariantCulture, $"  {burstCount} opened within 1 s: {failedOpens} NOT interactive within 60 s (median of the others {burst.MedianMs:N0} ms)"));
                }
                var openTimes = new List<double>();
                if (added - burstCount > 0)
                {
                    openTimes.AddRange((await browser.OpenAsync(added - burstCount, 4, TimeSpan.Zero, seed: target + 1)).Times.Where(t => !double.IsNaN(t)));
                }
                var opening = openCpu.Stop();
                loadSamples.Add(BenchCommand.LoadAverage());

                await Task.Delay(2000, cancellationToken);
                var memory = await meter.MemoryAsync(cancellationToken);

                var rate = target / arguments.ThinkSeconds;
                var window = TimeSpan.FromSeconds(arguments.WindowSeconds);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  driving the mix at {rate:N2} interactions/s for {window.TotalSeconds:N0} s …"));
                var driveCpu = meter.Start();
                var drive = await DriveAsync(browser.Pages, rate, window, new Random(target * 7919));
                var driving = driveCpu.Stop();
                loadSamples.Add(BenchCommand.LoadAverage());

                var reports = new List<double>();
                var reportCpu = meter.Start();
                if (arguments.Reports > 0)
                {
                    reports.AddRange(await browser.DownloadReportsAsync(arguments.Reports, folder));
                }
                var reporting = reportCpu.Stop();

                var step = LoadStep.From(target, held, baseline, memory, opening, burstCount > 0 ? [] : openTimes, added, drive, driving, reports, reporting,
                    BenchCommand.LoadAverage(), stepClock.Elapsed);
                steps.Add(step);
                await output.WriteLineAsync(step.Summary());

                if (arguments.Steps is null)
                {
                    var remaining = TimeSpan.FromMinutes(arguments.Minutes) - run.Elapsed;
                    var next = plan.SkipWhile(n => n <= target).Cast<int?>().FirstOrDefault();
                    if (step.FailureShare > 0.1)
                    {
                        await output.WriteLineAsync($"Stopping: {step.Failures} of {step.Interactions + step.Failures} interactions never showed their figures.");
                        break;
                    }
                    if (target >= 100 && step.P95Ms > 5 * P95BudgetMs)
                    {
                        await output.WriteLineAsync("Stopping: p95 is over 1 s; more circuits would only measure the queue.");
                        break;
                    }
                    if (next is { } n && stepClock.Elapsed * ((double)(n - target) / added) + TimeSpan.FromSeconds(window.TotalSeconds) > remaining)
                    {
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"Stopping: {n} circuits would not fit in the run's {arguments.Minutes:N0} minutes."));
                        break;
                    }
                }
            }

            var results = LoadResults.From(databaseName, observations, arguments, steps, burst, baseline, started, loadSamples,
                BenchCommand.BuildConfiguration);
            await output.WriteLineAsync();
            await output.WriteAsync(results.ToMarkdown());
            if (jsonPath is not null)
            {
                await File.WriteAllTextAsync(jsonPath, results.ToJson(), cancellationToken);
                await output.WriteLineAsync($"JSON: {jsonPath}");
            }
            if (databases.Kept.Count > 0)
            {
                await output.WriteLineAsync($"Kept PostgreSQL databases: {string.Join(", ", databases.Kept)}");
            }
            return Cli.ExitCodes.Success;
        }
        finally
        {
            await BenchCommand.CleanUpAsync(folder, arguments.Keep, output);
        }
    }


    private static async Task<(DatabaseLocation Database, long Observations)> PrepareDatabaseAsync(Arguments arguments, BenchDatabases databases,
        TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Reuse is { } file)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new Cli.CommandLineException($"Berkas --reuse tidak ada: {path}");
            }
            var reused = new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={path}");
            await using var connection = new SqliteConnection(reused.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"Observations\"";
            var count = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Reusing {path} ({count:N0} observations)"));
            return (reused, count);
        }
        var database = await databases.NewAsync("load");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generating {arguments.Observations:N0} observations …"));
        await using var services = BenchCommand.CreateServices(database);
        var generated = await BenchDataSet.CreateAsync(services, arguments.Observations, Math.Clamp(arguments.Observations / 10, 100, 1_000_000), cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {generated.Observations:N0} observations in {generated.TotalTime.TotalSeconds:N1} s"));
        return (database, generated.Observations);
    }

    /// <summary>
    /// The officials' account: a Pimpinan (reads every figure, downloads reports), made as <c>create-admin</c> makes
    /// its Admin — no demo account, so the app starts in Production. Its password is new on every run.
    /// </summary>
    private static async Task EnsureAccountAsync(IServiceProvider services, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
        if (await users.FindByEmailAsync(BenchEmail) is { } existing)
        {
            var token = await users.GeneratePasswordResetTokenAsync(existing);
            var reset = await users.ResetPasswordAsync(existing, token, password);
            if (!reset.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", reset.Errors.Select(e => e.Description)));
            }
            return;
        }
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(BenchEmail, "Pimpinan (bench load)", Roles.Pimpinan, null, password, mustChangePassword: false, CancellationToken.None);
    }

    /// <summary>
    /// Runs the mix for <paramref name="window"/>: interactions arrive as a Poisson process at <paramref name="rate"/> per
    /// second, each on a random page that is not busy with one already (an arrival that finds none is counted as
    /// skipped); the window ends when the last started interaction has finished.
    /// </summary>
    private static async Task<DriveResult> DriveAsync(IReadOnlyList<LoadBrowser.LoadPage> pages, double rate, TimeSpan window, Random random)
    {
        var results = new ConcurrentBag<(LoadInteraction Kind, double? Ms)>();
        var running = new List<Task>();
        var skipped = 0;
        var clock = Stopwatch.StartNew();
        var at = 0.0;
        var totalWeight = Mix.Sum(m => m.Weight);
        while (true)
        {
            at += -Math.Log(1 - random.NextDouble()) / rate;
            if (at > window.TotalSeconds)
            {
                break;
            }
            var wait = TimeSpan.FromSeconds(at) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            LoadBrowser.LoadPage? page = null;
            for (var tries = 0; tries < 8 && page is null; tries++)
            {
                var candidate = pages[random.Next(pages.Count)];
                page = candidate.TryClaim() ? candidate : null;
            }
            if (page is null)
            {
                skipped++;
                continue;
            }
            var kind = page.OnIndicatorPage ? LoadInteraction.BackToDashboard : Pick(random.Next(totalWeight));
            var seed = random.Next();
            running.Add(Task.Run(async () =>
            {
                double? ms = null;
                try
                {
                    ms = await page.InteractAsync(kind, new Random(seed));
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    // Counted as a failure below.
                }
                finally
                {
                    results.Add((kind, ms));
                    if (ms is null)
                    {
                        await page.RecoverAsync();
                    }
                    page.Release();
                }
            }));
        }
        await Task.WhenAll(running);
        return new DriveResult([.. results], skipped, clock.Elapsed);
    }

    private static LoadInteraction Pick(int ticket)
    {
        foreach (var (kind, weight) in Mix)
        {
            if (ticket < weight)
            {
                return kind;
            }
            ticket -= weight;
        }
        return Mix[^1].Kind;
    }

    private static bool MemoryAllows(IReadOnlyList<LoadStep> steps, MemorySample baseline, int added, out string note)
    {
        var available = AvailableBytes();
        // Per circuit: what the server took so far plus what the browser took (or a generous guess before any step).
        var perCircuit = steps.Count == 0 ? 60.0 * 1024 * 1024
            : (steps[^1].ServerRssBytes - baseline.RssBytes + steps[^1].BrowserRssBytes) / (double)steps[^1].Circuits;
        var needed = perCircuit * added;
        note = string.Create(CultureInfo.InvariantCulture,
            $"{Mb(needed):N0} MB more would leave {Mb(available - needed):N0} MB of the machine's {Mb(available):N0} MB available (at least 2,048 MB kept free).");
        return available < 0 || available - needed >= 2048.0 * 1024 * 1024;
    }

    /// <summary>MemAvailable from /proc/meminfo, in bytes; -1 where there is none.</summary>
    private static long AvailableBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    internal static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        // Nearest rank: the value below which `percent` of the samples lie.
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    internal static double Mb(double bytes) => bytes / (1024.0 * 1024.0);

    internal sealed record DriveResult(IReadOnlyList<(LoadInteraction Kind, double? Ms)> Results, int Skipped, TimeSpan Elapsed);

    /// <summary>The review meeting's opens: time until all were interactive (null when some were not within a minute).</summary>
    internal sealed record BurstResult(int Pages, double? AllInteractiveMs, int NotInteractive, double MedianMs, double SlowestMs);

    internal sealed record MemorySample(long RssBytes, long HeapBytes, long BrowserRssBytes);

    /// <summary>CPU time over a window: the app's, the browser's (Chromium and Playwright's driver) and this process's.</summary>
    internal sealed record CpuWindow(TimeSpan Elapsed, TimeSpan Server, TimeSpan Browser, TimeSpan Driver);

    private sealed class Meter(LoadServer server)
    {
        public MemorySample Current(long heap) =>
            new(server.ResidentBytes, heap, ProcessTree.ResidentBytes(LoadBrowser.Processes(server.ProcessId)));

        public async Task<MemorySample> MemoryAsync(CancellationToken cancellationToken)
        {
            var heap = await server.CollectAsync(cancellationToken);
            // Let the collection's freed pages go back before RSS is read.
            await Task.Delay(500, cancellationToken);
            return Current(heap);
        }

        public Running Start() => new(server);

        public sealed class Running
        {
            private readonly LoadServer _server;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private readonly TimeSpan _server0;
            private readonly Dictionary<int, TimeSpan> _browser0;
            private readonly TimeSpan _driver0;

            public Running(LoadServer server)
            {
                _server = server;
                _server0 = server.CpuTime;
                _browser0 = LoadBrowser.Processes(server.ProcessId).ToDictionary(p => p, ProcessTree.CpuTime);
                _driver0 = Process.GetCurrentProcess().TotalProcessorTime;
            }

            public CpuWindow Stop()
            {
                // Renderer processes may start during the window: their whole CPU time counts; ones that ended are lost (rare: pages are kept).
                var browser = LoadBrowser.Processes(_server.ProcessId)
                    .Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessTree.CpuTime(pid) - _browser0.GetValueOrDefault(pid));
                return new CpuWindow(_clock.Elapsed, _server.CpuTime - _server0, browser, Process.GetCurrentProcess().TotalProcessorTime - _driver0);
            }
        }
    }
}
