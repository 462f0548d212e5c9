using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using static MonevDashboard.Bench.LoadBench;

namespace MonevDashboard.Bench;

/// <summary>One step of <c>bench load</c>: N circuits held, what opening them cost, and the mix driven on them.</summary>
internal sealed record LoadStep
{
    public required int Circuits { get; init; }
    public required int Opened { get; init; }

    /// <summary>Opening one dashboard (request, prerender, circuit, first interactive render): server CPU ms, browser CPU ms.</summary>
    public required double OpenServerCpuMs { get; init; }
    public required double OpenBrowserCpuMs { get; init; }

    /// <summary>Open times (request → live circuit with figures) of the pages opened a few at a time; empty for the burst step.</summary>
    public required double OpenP50Ms { get; init; }
    public required double OpenP95Ms { get; init; }

    /// <summary>After a full GC in the app: its resident set and live heap; the browser's resident set (sum over its processes).</summary>
    public required long ServerRssBytes { get; init; }
    public required long ServerHeapBytes { get; init; }
    public required long BrowserRssBytes { get; init; }
    public required double ServerMbPerCircuit { get; init; }
    public required double ServerHeapMbPerCircuit { get; init; }
    public required double BrowserMbPerCircuit { get; init; }

    public required double RatePerSecond { get; init; }
    public required double WindowSeconds { get; init; }
    public required int Interactions { get; init; }
    public required int Failures { get; init; }
    public required int Skipped { get; init; }
    public required double P50Ms { get; init; }
    public required double P95Ms { get; init; }
    public required double MaxMs { get; init; }
    public required IReadOnlyDictionary<string, double> P95MsByKind { get; init; }

    /// <summary>CPU ms per interaction over the window (idle circuits' upkeep included), and cores busy on average.</summary>
    public required double ServerCpuMsPerInteraction { get; init; }
    public required double BrowserCpuMsPerInteraction { get; init; }
    public required double DriverCpuMsPerInteraction { get; init; }
    public required double ServerCores { get; init; }
    public required double BrowserCores { get; init; }

    public required IReadOnlyList<double> ReportMs { get; init; }
    public required double ReportServerCpuMs { get; init; }

    public required double LoadAverage { get; init; }
    public required double StepSeconds { get; init; }

    [JsonIgnore]
    public double FailureShare => Interactions + Failures == 0 ? 0 : (double)Failures / (Interactions + Failures);

    public static LoadStep From(int circuits, int held, MemorySample baseline, MemorySample memory, CpuWindow opening, IReadOnlyList<double> openTimes,
        int opened, DriveResult drive, CpuWindow driving, IReadOnlyList<double> reports, CpuWindow reporting, double load, TimeSpan elapsed)
    {
        var measured = drive.Results.Where(r => r.Ms is not null).Select(r => r.Ms!.Value).ToList();
        var count = Math.Max(1, measured.Count);
        // The baseline already holds the warm-up's circuit.
        var added = Math.Max(1, circuits - 1);
        _ = held;
        return new LoadStep
        {
            Circuits = circuits,
            Opened = opened,
            OpenServerCpuMs = Round(opening.Server.TotalMilliseconds / opened),
            OpenBrowserCpuMs = Round(opening.Browser.TotalMilliseconds / opened),
            OpenP50Ms = Round(Percentile(openTimes.ToList(), 50)),
            OpenP95Ms = Round(Percentile(openTimes.ToList(), 95)),
            ServerRssBytes = memory.RssBytes,
            ServerHeapBytes = memory.HeapBytes,
            BrowserRssBytes = memory.BrowserRssBytes,
            ServerMbPerCircuit = Round(Mb(memory.RssBytes - baseline.RssBytes) / added, 2),
            ServerHeapMbPerCircuit = Round(Mb(memory.HeapBytes - baseline.HeapBytes) / added, 2),
            BrowserMbPerCircuit = Round(Mb(memory.BrowserRssBytes - baseline.BrowserRssBytes) / added, 2),
            RatePerSecond = Round(drive.Results.Count / Math.Max(0.001, drive.Elapsed.TotalSeconds), 2),
            WindowSeconds = Round(drive.Elapsed.TotalSeconds),
            Interactions = measured.Count,
            Failures = drive.Results.Count - measured.Count,
            Skipped = drive.Skipped,
            P50Ms = Round(Percentile(measured, 50)),
            P95Ms = Round(Percentile(measured, 95)),
            MaxMs = Round(measured.Count == 0 ? 0 : measured.Max()),
            P95MsByKind = drive.Results.Where(r => r.Ms is not null).GroupBy(r => r.Kind)
                .OrderBy(g => g.Key)
                .ToDictionary(g => g.Key.Key(), g => Round(Percentile([.. g.Select(r => r.Ms!.Value)], 95))),
            ServerCpuMsPerInteraction = Round(driving.Server.TotalMilliseconds / count),
            BrowserCpuMsPerInteraction = Round(driving.Browser.TotalMilliseconds / count),
            DriverCpuMsPerInteraction = Round(driving.Driver.TotalMilliseconds / count),
            ServerCores = Round(driving.Server / driving.Elapsed, 2),
            BrowserCores = Round(driving.Browser / driving.Elapsed, 2),
            ReportMs = [.. reports.Select(r => Round(r))],
            ReportServerCpuMs = Round(reports.Count == 0 ? 0 : reporting.Server.TotalMilliseconds / reports.Count),
            LoadAverage = load,
            StepSeconds = Round(elapsed.TotalSeconds),
        };
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"  {Circuits} circuits: p50 {P50Ms:N0} ms, p95 {P95Ms:N0} ms over {Interactions} interactions ({Failures} failed, {Skipped} skipped); " +
        $"server {ServerCpuMsPerInteraction:N0} ms CPU/interaction ({ServerCores:N2} cores), browser {BrowserCpuMsPerInteraction:N0} ms ({BrowserCores:N2} cores); " +
        $"open {OpenServerCpuMs:N0} ms server CPU; server {Mb(ServerRssBytes):N0} MB RSS ({ServerMbPerCircuit:N2} MB/circuit, heap {ServerHeapMbPerCircuit:N2}); " +
        $"report {string.Join(", ", ReportMs.Select(r => (r / 1000).ToString("N2", CultureInfo.InvariantCulture) + " s"))}; load {LoadAverage:N2}");

    internal static double Round(double value, int digits = 1) => Math.Round(value, digits);
}

/// <summary>
/// The figures of one <c>bench load</c> run: a Markdown table per step, the extrapolation with its assumptions, and
/// with <c>--json</c> one object whose keys the README documents (issue 19's contract: <c>circuits</c>,
/// <c>server_mb_per_circuit</c>, <c>open_cpu_ms</c>, <c>interaction_p95_ms_at_50</c>, <c>interaction_p95_ms_at_100</c>,
/// <c>n_at_p95_200ms</c>).
/// </summary>
internal sealed record LoadResults
{
    /// <summary>The largest number of circuits held open (and driven).</summary>
    public required int Circuits { get; init; }

    /// <summary>Server resident memory per circuit at the largest step, after a full GC, MB.</summary>
    public required double ServerMbPerCircuit { get; init; }
    public required double ServerHeapMbPerCircuit { get; init; }

    /// <summary>Server CPU per dashboard opened, ms: all steps' opens together.</summary>
    public required double OpenCpuMs { get; init; }

    [JsonPropertyName("interaction_p95_ms_at_50")]
    public required double? InteractionP95MsAt50 { get; init; }

    [JsonPropertyName("interaction_p95_ms_at_100")]
    public required double? InteractionP95MsAt100 { get; init; }

    /// <summary>The first step whose interaction p95 was over 200 ms; null if none was.</summary>
    [JsonPropertyName("n_at_p95_200ms")]
    public required int? NAtP95200Ms { get; init; }

    /// <summary>Server CPU per interaction at the largest step (its idle circuits' upkeep included), ms.</summary>
    public required double InteractionCpuMs { get; init; }
    public required double BrowserInteractionCpuMs { get; init; }
    public required double BrowserOpenCpuMs { get; init; }

    /// <summary>Fifty officials (or the first step, if smaller) opening the dashboard within one second: all interactive after, ms.</summary>
    public required int BurstPages { get; init; }
    public required double? BurstAllInteractiveMs { get; init; }

    /// <summary>Of those, how many were not interactive within a minute (then <see cref="BurstAllInteractiveMs"/> is null).</summary>
    public required int BurstNotInteractive { get; init; }

    public required double? ReportMs { get; init; }
    public required double? ReportServerCpuMs { get; init; }

    /// <summary>The extrapolation to a 2-core server without the browser: circuits by CPU, by memory, and the smaller.</summary>
    public required int ExtrapolatedCircuitsCpu { get; init; }
    public required int ExtrapolatedCircuitsMemory { get; init; }
    public required int ExtrapolatedCircuits { get; init; }

    public required double ThinkSeconds { get; init; }
    public required double ServerMemoryGb { get; init; }
    public required double ServerBaselineMb { get; init; }
    public required string Database { get; init; }
    public required long Observations { get; init; }
    public required string Build { get; init; }
    public required int ProcessorCount { get; init; }
    public required double LoadStart { get; init; }
    public required double LoadMax { get; init; }
    public required double LoadEnd { get; init; }
    public required DateTime StartedAtUtc { get; init; }
    public required IReadOnlyList<LoadStep> Steps { get; init; }

    /// <summary>The CPU a server may spend before queueing dominates p95: 70 % of its two cores.</summary>
    public const double UsableCores = 2 * 0.7;

    public static LoadResults From(string database, long observations, LoadBench.Arguments arguments, IReadOnlyList<LoadStep> steps,
        BurstResult? burst, MemorySample baseline, DateTime started, IReadOnlyList<double> loads, string build)
    {
        var last = steps.Count > 0 ? steps[^1] : null;
        var opened = steps.Sum(s => s.Opened);
        var interactionCpu = last?.ServerCpuMsPerInteraction ?? 0;
        var perCircuitMb = last?.ServerMbPerCircuit ?? 0;
        var reports = steps.SelectMany(s => s.ReportMs).ToList();
        // CPU: interactions a second that 70 % of two cores serve, times each circuit's seconds between interactions.
        var byCpu = interactionCpu <= 0 ? 0 : (int)(UsableCores * 1000 / interactionCpu * arguments.ThinkSeconds);
        // Memory: the server's memory less what the app holds with one circuit, over each circuit's share.
        var byMemory = perCircuitMb <= 0 ? 0 : (int)((arguments.ServerMemoryGb * 1024 - Mb(baseline.RssBytes)) / perCircuitMb);
        return new LoadResults
        {
            Circuits = last?.Circuits ?? 0,
            ServerMbPerCircuit = perCircuitMb,
            ServerHeapMbPerCircuit = last?.ServerHeapMbPerCircuit ?? 0,
            OpenCpuMs = LoadStep.Round(opened == 0 ? 0 : steps.Sum(s => s.OpenServerCpuMs * s.Opened) / opened),
            InteractionP95MsAt50 = steps.FirstOrDefault(s => s.Circuits == 50)?.P95Ms,
            InteractionP95MsAt100 = steps.FirstOrDefault(s => s.Circuits == 100)?.P95Ms,
            NAtP95200Ms = steps.FirstOrDefault(s => s.P95Ms > P95BudgetMs)?.Circuits,
            InteractionCpuMs = interactionCpu,
            BrowserInteractionCpuMs = last?.BrowserCpuMsPerInteraction ?? 0,
            BrowserOpenCpuMs = LoadStep.Round(opened == 0 ? 0 : steps.Sum(s => s.OpenBrowserCpuMs * s.Opened) / opened),
            BurstPages = burst?.Pages ?? 0,
            BurstAllInteractiveMs = burst?.AllInteractiveMs is { } all ? LoadStep.Round(all) : null,
            BurstNotInteractive = burst?.NotInteractive ?? 0,
            ReportMs = reports.Count == 0 ? null : LoadStep.Round(Percentile(reports, 50)),
            ReportServerCpuMs = reports.Count == 0 ? null : LoadStep.Round(steps.Where(s => s.ReportMs.Count > 0).Average(s => s.ReportServerCpuMs)),
            ExtrapolatedCircuitsCpu = byCpu,
            ExtrapolatedCircuitsMemory = byMemory,
            ExtrapolatedCircuits = Math.Min(byCpu, byMemory),
            ThinkSeconds = arguments.ThinkSeconds,
            ServerMemoryGb = arguments.ServerMemoryGb,
            ServerBaselineMb = LoadStep.Round(Mb(baseline.RssBytes)),
            Database = database,
            Observations = observations,
            Build = build,
            ProcessorCount = Environment.ProcessorCount,
            LoadStart = loads.Count > 0 ? loads[0] : 0,
            LoadMax = loads.Count > 0 ? loads.Max() : 0,
            LoadEnd = loads.Count > 0 ? loads[^1] : 0,
            StartedAtUtc = started,
            Steps = steps,
        };
    }

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public string ToMarkdown()
    {
        static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"MonevDashboard load benchmark on {Database} — {N(Observations)} observations; {Build} build, Production, {ProcessorCount} cores shared by the app, Chromium and the driver; load average {N(LoadStart, "N2")} → max {N(LoadMax, "N2")} → {N(LoadEnd, "N2")}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Mix per circuit: one interaction every {N(ThinkSeconds)} s on average (pillar 20 %, owner 15 %, year 20 %, year-to-date 25 %, indicator page 20 % and back); latency = click → DOM shows the new figures, in the page.");
        text.AppendLine();
        text.AppendLine("| circuits | interactions/s | interactions (failed) | p50 | p95 | server CPU / interaction | browser CPU / interaction | server cores | browser cores | server CPU / open | server RSS (MB / circuit) | live heap / circuit | report download |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Circuits} | {N(s.RatePerSecond, "N1")} | {s.Interactions} ({s.Failures}) | {N(s.P50Ms)} ms | {N(s.P95Ms)} ms | {N(s.ServerCpuMsPerInteraction)} ms | {N(s.BrowserCpuMsPerInteraction)} ms | {N(s.ServerCores, "N2")} | {N(s.BrowserCores, "N2")} | {N(s.OpenServerCpuMs)} ms | {N(Mb(s.ServerRssBytes))} ({N(s.ServerMbPerCircuit, "N2")}) | {N(s.ServerHeapMbPerCircuit, "N2")} MB | {(s.ReportMs.Count == 0 ? "–" : string.Join(", ", s.ReportMs.Select(r => N(r / 1000, "N1") + " s")))} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Largest N held: {Circuits}. p95 at 50: {Ms(InteractionP95MsAt50)}, at 100: {Ms(InteractionP95MsAt100)}; p95 over 200 ms from N = {(NAtP95200Ms is { } n ? N(n) : "never (within the steps run)")}.");
        if (BurstNotInteractive > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{BurstPages} officials opening the dashboard within one second: {BurstNotInteractive} were NOT interactive within 60 s.");
        }
        if (BurstAllInteractiveMs is { } burst)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{BurstPages} officials opening the dashboard within one second: all interactive after {N(burst / 1000, "N2")} s.");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Opening a dashboard: {N(OpenCpuMs)} ms of server CPU, {N(BrowserOpenCpuMs)} ms of browser CPU. An interaction at {Circuits} circuits: {N(InteractionCpuMs)} ms of server CPU, {N(BrowserInteractionCpuMs)} ms of browser CPU.");
        text.AppendLine();
        text.AppendLine("Extrapolation to a 2-core server without the browser — assumptions:");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- the app may use {N(UsableCores * 50)} % of the two cores ({N(UsableCores, "N1")} cores) before queueing dominates p95; the server CPU per interaction measured at {Circuits} circuits ({N(InteractionCpuMs)} ms, idle circuits' upkeep included) stays the same without the browser beside it (it does not shrink: on this box the browser's CPU competed for the same cores, which shows in the latencies, not in the server's CPU time);");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- each circuit does one interaction every {N(ThinkSeconds)} s on average, as in the mix above; opening dashboards ({N(OpenCpuMs)} ms each) and report downloads are on top of it;");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- the app gets {N(ServerMemoryGb, "N1")} GB; it holds {N(ServerBaselineMb)} MB with one circuit and {N(ServerMbPerCircuit, "N2")} MB more per circuit (resident, after a full GC).");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"CPU allows {N(ExtrapolatedCircuitsCpu)} circuits ({N(UsableCores, "N1")} × 1000 ÷ {N(InteractionCpuMs)} ms × {N(ThinkSeconds)} s), memory {N(ExtrapolatedCircuitsMemory)}: **about {N(ExtrapolatedCircuits)} concurrent circuits** at that rate.");
        return text.ToString();

        static string Ms(double? ms) => ms is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) + " ms" : "not measured";
    }
}
