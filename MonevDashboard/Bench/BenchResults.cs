using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MonevDashboard.Bench;

/// <summary>
/// The figures of one benchmark run: written as a Markdown table (each figure beside its floor and budget) and, with
/// <c>--json</c>, as one JSON object with snake_case keys (<c>dashboard_ms</c>, <c>import_ratio</c>, <c>peak_memory_mb</c> …).
/// Times are medians of the timed runs, in milliseconds unless the key says seconds; memory is the peak working set
/// of the process during the part, in MiB.
/// </summary>
internal sealed record BenchResults
{
    public const double DashboardBudgetRatio = 1.5;
    public const double ImportBudgetRatio = 1.3;

    /// <summary>Issue #15's budget for the import on PostgreSQL, where the floor is the server's own bulk-insert speed over the network protocol.</summary>
    public const double PostgresImportBudgetRatio = 1.5;
    public const double ReportBudgetSeconds = 2.0;

    /// <summary>Issue #19: a dashboard view from the maintained totals at most a tenth of the bare GROUP BY floor.</summary>
    public const double DashboardAggregateBudgetRatio = 0.1;

    /// <summary>Issue #19: the first view after a write (its cached views invalidated) no slower than the floor.</summary>
    public const double DashboardColdBudgetRatio = 1.0;

    /// <summary>Issue #19: freezing a quarter for the review, and comparing it with the figures now, within 1.5 × their floors.</summary>
    public const double ReviewBudgetRatio = 1.5;

    /// <summary>The database server the run measured, with its version ("SQLite 3.46.1", "PostgreSQL 15.14").</summary>
    public required string Database { get; init; }

    [JsonIgnore]
    public bool OnPostgres { get; init; }

    public required long Observations { get; init; }
    public required int Indicators { get; init; }
    public required int SyntheticIndicators { get; init; }
    public required double GenerateSeconds { get; init; }
    public required double InsertSeconds { get; init; }
    public required double GeneratePeakMb { get; init; }

    public required string DashboardQuarter { get; init; }
    public required int Runs { get; init; }
    public required double DashboardMs { get; init; }
    public required double DashboardFloorMs { get; init; }
    public required IReadOnlyList<double> DashboardRunsMs { get; init; }
    public required IReadOnlyList<double> DashboardFloorRunsMs { get; init; }
    public double DashboardRatio => Ratio(DashboardMs, DashboardFloorMs);
    public double DashboardBudget => DashboardBudgetRatio;
    public bool DashboardPass => DashboardRatio <= DashboardBudgetRatio;
    public required double DashboardPeakMb { get; init; }
    public required double DashboardFloorPeakMb { get; init; }

    /// <summary>
    /// The view as the app serves it from the maintained totals through the shared view cache (the second official,
    /// and every later one until a write): the same runs as <see cref="DashboardMs"/>, against the same floor.
    /// </summary>
    public required double DashboardAggregateMs { get; init; }

    /// <summary>Not a budget: the page with the view cache off, every query of every view run against the totals.</summary>
    public required double DashboardUncachedMs { get; init; }
    public double DashboardUncachedRatio => Ratio(DashboardUncachedMs, DashboardFloorMs, digits: 3);
    public double DashboardAggregateRatio => Ratio(DashboardAggregateMs, DashboardFloorMs, digits: 3);
    public bool DashboardAggregatePass => DashboardAggregateRatio <= DashboardAggregateBudgetRatio;

    /// <summary>The first view after a write through the app's save (the year's cached views invalidated, rebuilt from the totals).</summary>
    public required double DashboardColdMs { get; init; }
    public double DashboardColdRatio => Ratio(DashboardColdMs, DashboardFloorMs, digits: 3);
    public bool DashboardColdPass => DashboardColdRatio <= DashboardColdBudgetRatio;

    /// <summary>Freezing the quarter for the review (every figure and breakdown cell, saved), view cache off.</summary>
    public required double SnapshotSeconds { get; init; }
    public required double SnapshotFloorSeconds { get; init; }
    public required int SnapshotFigures { get; init; }
    public double SnapshotRatio => Ratio(SnapshotSeconds, SnapshotFloorSeconds);
    public bool SnapshotPass => SnapshotRatio <= ReviewBudgetRatio;

    /// <summary>"Changed since the review": the stored snapshot against the figures now, view cache off.</summary>
    public required double ReviewCompareMs { get; init; }
    public required double ReviewCompareFloorMs { get; init; }
    public double ReviewCompareRatio => Ratio(ReviewCompareMs, ReviewCompareFloorMs);
    public bool ReviewComparePass => ReviewCompareRatio <= ReviewBudgetRatio;

    public required long ImportRows { get; init; }
    public required int ImportRuns { get; init; }
    public required double ImportMs { get; init; }
    public required double ImportFloorMs { get; init; }
    public required IReadOnlyList<double> ImportRunsMs { get; init; }
    public required IReadOnlyList<double> ImportFloorRunsMs { get; init; }
    public double ImportRatio => Ratio(ImportMs, ImportFloorMs);
    public double ImportBudget => OnPostgres ? PostgresImportBudgetRatio : ImportBudgetRatio;
    public bool ImportPass => ImportRatio <= ImportBudget;
    public required double ImportPeakMb { get; init; }
    public required double ImportFloorPeakMb { get; init; }

    public required long ReportRows { get; init; }
    public required int ReportRuns { get; init; }
    public required double ReportSeconds { get; init; }
    public required IReadOnlyList<double> ReportRunsMs { get; init; }
    public double ReportBudget => ReportBudgetSeconds;
    public bool ReportPass => ReportSeconds <= ReportBudgetSeconds;
    public required double ReportPeakMb { get; init; }

    /// <summary>Peak working set while the hostile workbook (<see cref="WorstCaseWorkbook.Bench"/>) is read and refused.</summary>
    public required double WorstCaseImportPeakMb { get; init; }
    public required bool WorstCaseImportRefused { get; init; }
    public required double WorstCaseFileMb { get; init; }

    /// <summary>Peak working set while the annotated copy of the refused hostile workbook is written.</summary>
    public required double WorstCaseAnnotatedPeakMb { get; init; }
    public bool WorstCasePass => WorstCaseImportRefused && Math.Max(WorstCaseImportPeakMb, WorstCaseAnnotatedPeakMb) <= WorstCaseImportBench.BudgetMb;

    public double PeakMemoryMb => new[] { GeneratePeakMb, DashboardPeakMb, DashboardFloorPeakMb, ImportPeakMb, ImportFloorPeakMb, ReportPeakMb, WorstCaseImportPeakMb, WorstCaseAnnotatedPeakMb }.Max();
    public bool AllPass => DashboardPass && DashboardAggregatePass && DashboardColdPass && SnapshotPass && ReviewComparePass
        && ImportPass && ReportPass && WorstCasePass;

    public required string Build { get; init; }
    public required int ProcessorCount { get; init; }
    /// <summary>The 1-minute load average when the run started and when it ended (Linux; 0 elsewhere).</summary>
    public required double LoadStart { get; init; }
    public required double LoadEnd { get; init; }
    public required DateTime StartedAtUtc { get; init; }

    private static double Ratio(double measured, double floor, int digits = 2) => floor <= 0 ? 0 : Math.Round(measured / floor, digits);

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public string ToMarkdown()
    {
        static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
        static string Ms(double ms) => ms >= 10_000 ? $"{N(ms / 1000, "N1")} s" : $"{N(ms, ms < 100 ? "N1" : "N0")} ms";
        static string Mb(double mb) => $"{N(mb)} MB";
        static string Verdict(bool pass) => pass ? "PASS" : "**FAIL**";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"MonevDashboard benchmark on {Database} — {N(Observations)} observations, {N(Indicators)} indicators ({N(SyntheticIndicators)} synthetic); {Build} build, {ProcessorCount} cores, load average {N(LoadStart, "N2")} → {N(LoadEnd, "N2")}");
        text.AppendLine();
        text.AppendLine("| part | measured | floor | ratio | budget | result | peak working set (measured / floor) |");
        text.AppendLine("|---|---:|---:|---:|---|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| generate {N(Observations)} observations ({(OnPostgres ? "binary COPY" : "prepared INSERT")}, one transaction; {N(InsertSeconds, "N1")} s of inserts) | {N(GenerateSeconds, "N1")} s | – | – | – | – | {Mb(GeneratePeakMb)} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| dashboard {DashboardQuarter}, all indicators (median of {Runs}) vs bare `GROUP BY` | {Ms(DashboardMs)} | {Ms(DashboardFloorMs)} | {N(DashboardRatio, "N2")} × | ≤ {N(DashboardBudget, "N1")} × floor | {Verdict(DashboardPass)} | {Mb(DashboardPeakMb)} / {Mb(DashboardFloorPeakMb)} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| dashboard served from the maintained totals (shared view cache warm) vs the same floor | {Ms(DashboardAggregateMs)} | {Ms(DashboardFloorMs)} | {N(DashboardAggregateRatio, "N3")} × | ≤ {N(DashboardAggregateBudgetRatio, "N1")} × floor | {Verdict(DashboardAggregatePass)} | – |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| (for reference) dashboard with the view cache off: every view's queries against the totals | {Ms(DashboardUncachedMs)} | {Ms(DashboardFloorMs)} | {N(DashboardUncachedRatio, "N3")} × | – | – | – |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| dashboard right after a write (cache invalidated, rebuilt from the totals) | {Ms(DashboardColdMs)} | {Ms(DashboardFloorMs)} | {N(DashboardColdRatio, "N3")} × | ≤ {N(DashboardColdBudgetRatio, "N1")} × floor | {Verdict(DashboardColdPass)} | – |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| review snapshot: freeze {DashboardQuarter} ({N(SnapshotFigures)} figures saved) vs bare `GROUP BY`s + multi-row `INSERT` | {N(SnapshotSeconds, "N3")} s | {N(SnapshotFloorSeconds, "N3")} s | {N(SnapshotRatio, "N2")} × | ≤ {N(ReviewBudgetRatio, "N1")} × floor | {Verdict(SnapshotPass)} | – |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| \"changed since the review\" comparison vs bare `GROUP BY`s + snapshot read | {Ms(ReviewCompareMs)} | {Ms(ReviewCompareFloorMs)} | {N(ReviewCompareRatio, "N2")} × | ≤ {N(ReviewBudgetRatio, "N1")} × floor | {Verdict(ReviewComparePass)} | – |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| import {N(ImportRows)} rows (validate + commit; median of {ImportRuns}) vs bare ClosedXML read + batched insert | {Ms(ImportMs)} | {Ms(ImportFloorMs)} | {N(ImportRatio, "N2")} × | ≤ {N(ImportBudget, "N1")} × floor | {Verdict(ImportPass)} | {Mb(ImportPeakMb)} / {Mb(ImportFloorPeakMb)} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| quarterly report {DashboardQuarter} ({N(ReportRows)} Data rows; median of {ReportRuns}) | {N(ReportSeconds, "N2")} s | – | – | ≤ {N(ReportBudget, "N0")} s | {Verdict(ReportPass)} | {Mb(ReportPeakMb)} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| worst-case import: hostile {N(WorstCaseFileMb, "N1")} MB workbook (huge shared strings, long cells, 100,000 faulty rows) | {(WorstCaseImportRefused ? "refused" : "**not refused**")} | – | – | ≤ {N(WorstCaseImportBench.BudgetMb)} MB, refused | {Verdict(WorstCasePass)} | {Mb(WorstCaseImportPeakMb)} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| annotated copy of that refused workbook (streamed, no second workbook model) | written | – | – | ≤ {N(WorstCaseImportBench.BudgetMb)} MB | {Verdict(WorstCasePass)} | {Mb(WorstCaseAnnotatedPeakMb)} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Peak working set over all parts: {Mb(PeakMemoryMb)}. {(AllPass ? "All budgets met." : "Budget missed.")}");
        return text.ToString();
    }
}

/// <summary>The figures of <c>bench --part worst-case</c> alone, with the same JSON keys as the full run.</summary>
internal sealed record WorstCaseResults
{
    public required double WorstCaseImportPeakMb { get; init; }
    public required bool WorstCaseImportRefused { get; init; }
    public required double WorstCaseFileMb { get; init; }
    public required double WorstCaseImportSeconds { get; init; }
    public required double WorstCaseAnnotatedPeakMb { get; init; }
    public required double WorstCaseAnnotatedSeconds { get; init; }
    public bool Pass => WorstCaseImportRefused && Math.Max(WorstCaseImportPeakMb, WorstCaseAnnotatedPeakMb) <= WorstCaseImportBench.BudgetMb;
    public required string Build { get; init; }
    public required double LoadStart { get; init; }
    public required double LoadEnd { get; init; }
    public required DateTime StartedAtUtc { get; init; }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}
