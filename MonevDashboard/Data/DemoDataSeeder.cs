using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Data;

/// <summary>
/// Demo data for a new database, shaped on public figures (docs/design.md "Demo data"): observations 2024 Q1 – 2026 Q3
/// in every disaggregation cell an indicator allows, targets 2025–2029, submissions, review meetings with their
/// follow-ups, narratives, and the reviewed quarters locked. "Today" in the story is late November 2026: 2026 Q3 is
/// reported but not yet reviewed.
/// </summary>
/// <remarks>
/// Deterministic: every pseudo-random figure comes from a stable hash of (indicator, quarter, cell), never from the
/// clock or the order of generation, so two new databases hold identical demo data.
/// </remarks>
public static class DemoDataSeeder
{
    /// <summary>
    /// Who demo data names as its editors and lockers: the demo accounts themselves (issue #16: never "seed", never a
    /// locker that does not exist). A ministry's figures and narratives are its operator's, a joint indicator's go
    /// with KP2MI's report (the one submitted in the open quarter), targets and locks are the secretariat's (Admin).
    /// </summary>
    public static string EditorOf(Ministry owner) => owner == Ministry.Kemendag ? s_operatorKemendag : s_operatorKp2mi;

    /// <inheritdoc cref="EditorOf"/>
    public static string Secretariat { get; } = Account(Roles.Admin, null);

    private static readonly string s_operatorKemendag = Account(Roles.OperatorKemendag, Ministry.Kemendag);
    private static readonly string s_operatorKp2mi = Account(Roles.OperatorKp2mi, Ministry.Kp2mi);
    private static readonly string s_verifierKemendag = Account(Roles.Verifier, Ministry.Kemendag);
    private static readonly string s_verifierKp2mi = Account(Roles.Verifier, Ministry.Kp2mi);

    private static string Account(string role, Ministry? ministry) =>
        DemoAccounts.All.Single(a => a.Role == role && a.Ministry == ministry).Email;

    // ---- Shape tables ------------------------------------------------------------------------------------------

    /// <summary>
    /// Relative weights per province: origin of migrant workers (BP2MI placement statistics: Jawa Timur, Jawa
    /// Tengah, Jawa Barat, NTB and Lampung lead), location of export-ready UMKM, and how far the province's share of
    /// women departs from the national ~62 % (NTB and Bali send relatively many men).
    /// </summary>
    private sealed record ProvinceProfile(string Code, double PmiOrigin, double ExportUmkm, double WomenShift);

    private static readonly ProvinceProfile[] s_provinces =
    [
        new("11", 0.40, 1.0, 0), new("12", 3.00, 4.0, -0.05), new("13", 0.40, 2.0, 0), new("14", 0.30, 1.0, 0),
        new("15", 0.20, 0.8, 0), new("16", 0.70, 2.0, 0), new("17", 0.20, 0.5, 0), new("18", 7.50, 3.0, 0.03),
        new("19", 0.10, 0.6, 0), new("21", 0.40, 1.5, 0), new("31", 1.00, 10.0, 0), new("32", 19.00, 14.0, 0.04),
        new("33", 21.00, 12.0, 0.02), new("34", 0.80, 6.0, 0), new("35", 24.00, 14.0, 0.02), new("36", 2.20, 5.0, 0),
        new("51", 2.00, 7.0, -0.08), new("52", 11.00, 4.0, -0.15), new("53", 1.50, 1.5, -0.05), new("61", 0.80, 1.5, 0),
        new("62", 0.10, 0.5, 0), new("63", 0.20, 0.8, 0), new("64", 0.20, 1.0, 0), new("65", 0.30, 0.3, -0.10),
        new("71", 0.30, 1.2, 0), new("72", 0.15, 0.6, 0), new("73", 1.00, 4.0, 0), new("74", 0.20, 0.5, 0),
        new("75", 0.05, 0.4, 0), new("76", 0.10, 0.3, 0), new("81", 0.05, 0.5, 0), new("82", 0.03, 0.3, 0),
        new("91", 0.02, 0.3, 0), new("92", 0.01, 0.2, 0), new("93", 0, 0.1, 0), new("94", 0, 0.1, 0),
        new("95", 0, 0.05, 0), new("96", 0, 0.2, 0),
    ];

    /// <summary>
    /// Destination countries: placements a year (2023 figures), share of formal/skilled placements, remittances
    /// (USD bn a year, Bank Indonesia), and relative weights for job orders, UMKM export value and promotions.
    /// </summary>
    private sealed record CountryProfile(
        string Code, double Placements, double SkilledShare, double RemittanceBn, double JobOrders, double ExportValue, double Promotions);

    private static readonly CountryProfile[] s_countries =
    [
        new("TW", 83_000, 0.47, 2.60, 30, 6, 13),
        new("MY", 72_000, 0.58, 3.30, 25, 9, 12),
        new("HK", 66_000, 0.05, 2.40, 18, 6, 14),
        new("KR", 12_600, 0.97, 0.50, 6, 5, 8),
        new("JP", 9_700, 0.95, 0.45, 7, 9, 8),
        new("SG", 7_900, 0.20, 0.90, 3, 8, 7),
        new("SA", 6_300, 0.25, 3.60, 4, 7, 9),
        new("BN", 5_200, 0.40, 0.20, 2, 1, 2),
        new("AE", 2_600, 0.30, 0.55, 1.5, 6, 6),
        new("QA", 1_200, 0.40, 0.25, 0.8, 1.5, 2),
        new("KW", 900, 0.20, 0.20, 0.5, 1, 1),
        new("OM", 700, 0.20, 0.15, 0.4, 1, 1),
        new("US", 1_400, 0.95, 0.30, 0.8, 16, 4),
        new("DE", 600, 0.98, 0.04, 0.5, 4, 3),
        new("NL", 300, 0.95, 0.04, 0.2, 5, 4),
        new("AU", 500, 0.95, 0.08, 0.4, 4, 3),
        new("IT", 700, 0.95, 0.03, 0.3, 2, 1),
        new("PL", 1_500, 0.98, 0.02, 1, 1, 1),
        new("TR", 800, 0.90, 0.02, 0.4, 1.5, 1),
        new("CN", 300, 0.80, 0.05, 0.2, 10, 3),
    ];

    private static readonly Dictionary<string, string> s_provinceNames = ProvinceList.All.ToDictionary(p => p.Code, p => p.Name);
    private static readonly Dictionary<string, string> s_countryNames = CountryList.All.ToDictionary(c => c.Code, c => c.NameId);

    /// <summary>Seasonal shares of a year: government programmes start slowly after the budget year opens.</summary>
    private static readonly double[] s_programmeSeason = [0.20, 0.25, 0.26, 0.29];
    private static readonly double[] s_flatSeason = [0.24, 0.25, 0.26, 0.25];
    private static readonly double[] s_remittanceSeason = [0.24, 0.26, 0.25, 0.25];

    /// <summary>
    /// A flow indicator: its 2024 level (the baseline), annual targets 2025–2029 (split over the quarters by the
    /// seasonal profile), how its figure is spread over cells, and where it is reported from.
    /// </summary>
    private sealed record SumPlan(
        string Code, double Baseline2024, double[] AnnualTargets, double[] Season, Func<string, string> Source,
        double Unit = 1, double CellJitter = 0.25, double WomenShare = 0,
        Func<ProvinceProfile, double>? ByProvince = null, Func<CountryProfile, double>? ByCountry = null);

    private static readonly SumPlan[] s_sumPlans =
    [
        new("P1-PMI-TRAINED", 5_200, [6_000, 8_800, 10_000, 11_200, 12_400], s_programmeSeason,
            p => $"Laporan BP3MI {p}", WomenShare: 0.62, ByProvince: p => p.PmiOrigin),
        new("P1-PMI-CERTIFIED", 3_100, [3_600, 5_200, 6_000, 6_800, 7_600], s_programmeSeason,
            p => $"Rekap LSP/BNSP {p}", WomenShare: 0.55, ByProvince: p => p.PmiOrigin),
        new("P2-INFO-EVENTS", 120, [140, 220, 260, 300, 340], s_programmeSeason,
            p => $"Laporan sosialisasi {p}", CellJitter: 0.4, ByProvince: p => p.PmiOrigin + 1.5),
        new("P2-INFO-REACH", 14_000, [16_000, 22_000, 26_000, 30_000, 34_000], s_programmeSeason,
            p => $"Daftar hadir sosialisasi {p}", WomenShare: 0.58, ByProvince: p => p.PmiOrigin + 0.5),
        new("P2-JOB-ORDERS", 310_000, [320_000, 340_000, 355_000, 370_000, 385_000], s_flatSeason,
            c => $"SISKOP2MI – job order {c}", CellJitter: 0.15, ByCountry: c => c.JobOrders),
        new("P3-UMKM-FACILITATED", 1_400, [1_900, 2_400, 2_800, 3_200, 3_600], s_programmeSeason,
            p => $"Laporan Disdag {p}", ByProvince: p => p.ExportUmkm),
        new("P3-EXPORT-VALUE", 120_000_000, [160_000_000, 200_000_000, 240_000_000, 280_000_000, 320_000_000], s_programmeSeason,
            c => $"Laporan ITPC/Atdag {c}", Unit: 1_000, CellJitter: 0.3, ByCountry: c => c.ExportValue),
        new("P3-PROMO-EVENTS", 36, [44, 80, 96, 112, 128], s_programmeSeason,
            c => $"Laporan KBRI/KJRI {c}", CellJitter: 0.3, ByCountry: c => c.Promotions),
        new("P3-PMI-ENTREPRENEURS", 640, [720, 1_000, 1_200, 1_400, 1_600], s_programmeSeason,
            p => $"Pendampingan purna PMI {p}", WomenShare: 0.66, ByProvince: p => p.PmiOrigin),
        new("P3-REMITTANCE", 15_700_000_000, [16_000_000_000, 16_400_000_000, 16_800_000_000, 17_200_000_000, 17_600_000_000],
            s_remittanceSeason, _ => "Statistik Remitansi Bank Indonesia", Unit: 1_000, CellJitter: 0.08, ByCountry: c => c.RemittanceBn),
        new("P4-COORD-MEETINGS", 8, [10, 12, 14, 16, 18], s_flatSeason, _ => "Notulen rapat koordinasi"),
    ];

    private const string SkilledShare = "P1-SKILLED-SHARE";
    private const string FollowUpOnTime = "P4-FOLLOWUP-ONTIME";
    private const string ReportOnTime = "P4-REPORT-ONTIME";

    /// <summary>Annual targets (%) 2025–2029 of the ratio and derived indicators (no quarter targets).</summary>
    private static readonly Dictionary<string, double[]> s_percentTargets = new()
    {
        [SkilledShare] = [45, 48, 50, 52, 55],
        [FollowUpOnTime] = [80, 82, 84, 86, 88],
        [ReportOnTime] = [82, 84, 86, 88, 90],
    };

    /// <summary>
    /// Where the programme misses (realisation ÷ quarter target); elsewhere it lands between 95 and 107 %
    /// (93–105 % before the PKS).
    /// 2026 Q3 shows red (certification) and amber (export value, promotions) on the dashboard.
    /// </summary>
    private static readonly Dictionary<(string Code, int Year, int Quarter), double> s_performanceOverrides = new()
    {
        [("P3-UMKM-FACILITATED", 2026, 1)] = 0.84,
        [("P1-PMI-CERTIFIED", 2026, 2)] = 0.78,
        [("P1-PMI-CERTIFIED", 2026, 3)] = 0.50,
        [("P3-EXPORT-VALUE", 2026, 3)] = 0.70,
        [("P3-PROMO-EVENTS", 2026, 3)] = 0.75,
    };

    private static readonly YearQuarter s_latest = new(2026, 3);
    private static readonly YearQuarter[] s_observedQuarters =
        Enumerable.Range(0, 11).Select(i => new YearQuarter(2024 + i / 4, i % 4 + 1)).ToArray();
    private static readonly YearQuarter[] s_reviewedQuarters = [new(2025, 4), new(2026, 1), new(2026, 2)];

    private static readonly DateTime s_targetsAgreedAt = Utc(2025, 11, 14, 3);

    private static readonly NumberFormatInfo s_idNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    // ---- Entry point -------------------------------------------------------------------------------------------

    public static async Task SeedAsync(MonevDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Observations.AnyAsync(cancellationToken))
        {
            return; // demo data only ever goes into an empty database
        }

        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, cancellationToken);
        var observations = BuildObservations(indicators);
        var targets = BuildTargets(indicators);
        var narratives = BuildNarratives(indicators, observations);
        var meetings = BuildReviewMeetings(indicators);
        var submissions = s_submissionPlans.Select(ToSubmission).ToList();

        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Observations.AddRange(observations);
            db.Targets.AddRange(targets);
            db.Narratives.AddRange(narratives);
            db.ReviewMeetings.AddRange(meetings);
            db.Submissions.AddRange(submissions);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        db.ChangeTracker.Clear();

        await LockReviewedQuartersAsync(db, cancellationToken);
        await RestoreSeedStampsAsync(db, indicators.Values, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    // ---- Observations ------------------------------------------------------------------------------------------

    private readonly record struct Cell(string Province, string Country, string Sex, double Value, string Place);

    private static List<Observation> BuildObservations(Dictionary<string, Indicator> indicators)
    {
        var observations = new List<Observation>(6_000);
        foreach (var quarter in s_observedQuarters)
        {
            foreach (var plan in s_sumPlans)
            {
                if (indicators.TryGetValue(plan.Code, out var indicator))
                {
                    var total = NationalTotal(plan, quarter);
                    var cells = indicator.Disaggregations switch
                    {
                        Disaggregation.Sex | Disaggregation.Province => SexProvinceCells(plan, quarter, total),
                        Disaggregation.Province => ProvinceCells(plan, quarter, total),
                        Disaggregation.Country => CountryCells(plan, quarter, total),
                        _ => [new Cell("", "", "", total, "")],
                    };
                    observations.AddRange(cells.Select(cell =>
                        NewObservation(indicator, quarter, cell, plan.Source(cell.Place), SumNote(plan, quarter, cell))));
                }
            }
            if (indicators.TryGetValue(SkilledShare, out var skilled))
            {
                observations.AddRange(SkilledShareObservations(skilled, quarter));
            }
        }
        return observations;
    }

    /// <summary>
    /// The national figure of a quarter. The 2024 quarters scatter around the season but add up to the indicator's
    /// baseline exactly; from 2025 the figure is the quarter target times the programme's performance.
    /// </summary>
    private static double NationalTotal(SumPlan plan, YearQuarter quarter)
    {
        if (quarter.Year < 2025)
        {
            var weights = plan.Season
                .Select((share, i) => share * (0.94 + 0.12 * Hash01(plan.Code, new YearQuarter(quarter.Year, i + 1), "total")))
                .ToArray();
            return Allocate(plan.Baseline2024, weights, plan.Unit)[quarter.Quarter - 1];
        }
        var raw = QuarterTarget(plan, quarter.Year, quarter.Quarter) * Performance(plan.Code, quarter);
        return Math.Round(raw / plan.Unit) * plan.Unit;
    }

    private static double Performance(string code, YearQuarter quarter)
    {
        if (s_performanceOverrides.TryGetValue((code, quarter.Year, quarter.Quarter), out var fixedPerformance))
        {
            return fixedPerformance;
        }
        var h = Hash01(code, quarter, "performance");
        return quarter >= ReportingCalendar.ProgrammeStart ? 0.95 + 0.12 * h : 0.93 + 0.12 * h;
    }

    private static IEnumerable<Cell> SexProvinceCells(SumPlan plan, YearQuarter quarter, double total)
    {
        var perProvince = Allocate(total, s_provinces.Select(p => Jittered(plan, quarter, p.Code, plan.ByProvince!(p))).ToArray(), plan.Unit);
        for (var i = 0; i < s_provinces.Length; i++)
        {
            var province = s_provinces[i];
            var share = Math.Clamp(plan.WomenShare + province.WomenShift + 0.06 * (Hash01(plan.Code, quarter, "sex" + province.Code) - 0.5), 0.2, 0.9);
            var women = Math.Round(perProvince[i] * share);
            var name = s_provinceNames[province.Code];
            yield return new Cell(province.Code, "", "L", perProvince[i] - women, name);
            yield return new Cell(province.Code, "", "P", women, name);
        }
    }

    private static IEnumerable<Cell> ProvinceCells(SumPlan plan, YearQuarter quarter, double total)
    {
        var perProvince = Allocate(total, s_provinces.Select(p => Jittered(plan, quarter, p.Code, plan.ByProvince!(p))).ToArray(), plan.Unit);
        return s_provinces.Select((p, i) => new Cell(p.Code, "", "", perProvince[i], s_provinceNames[p.Code]));
    }

    private static IEnumerable<Cell> CountryCells(SumPlan plan, YearQuarter quarter, double total)
    {
        var perCountry = Allocate(total, s_countries.Select(c => Jittered(plan, quarter, c.Code, plan.ByCountry!(c))).ToArray(), plan.Unit);
        return s_countries.Select((c, i) => new Cell("", c.Code, "", perCountry[i], s_countryNames[c.Code]));
    }

    /// <summary>
    /// Placements per destination (denominator) and the formal/skilled ones among them (numerator). The formal
    /// share creeps up ~1 % a quarter in the markets that still place many domestic workers.
    /// </summary>
    private static IEnumerable<Observation> SkilledShareObservations(Indicator indicator, YearQuarter quarter)
    {
        var yearGrowth = 1 + 0.03 * (quarter.Year - 2024);
        var step = Array.IndexOf(s_observedQuarters, quarter);
        foreach (var country in s_countries)
        {
            var placements = Math.Round(country.Placements * yearGrowth * s_flatSeason[quarter.Quarter - 1]
                * (0.9 + 0.2 * Hash01(SkilledShare, quarter, "den" + country.Code)));
            var share = Math.Min(0.99, country.SkilledShare * (1 + 0.01 * step) * (0.98 + 0.04 * Hash01(SkilledShare, quarter, "num" + country.Code)));
            var skilled = Math.Round(placements * share);
            var cell = new Cell("", country.Code, "", Ratio.Percent(skilled, placements) ?? 0, s_countryNames[country.Code]);
            var observation = NewObservation(indicator, quarter, cell, $"SISKOP2MI – penempatan {cell.Place}", "");
            observation.Numerator = skilled;
            observation.Denominator = placements;
            yield return observation;
        }
    }

    private static string SumNote(SumPlan plan, YearQuarter quarter, Cell cell) => plan.Code switch
    {
        "P3-REMITTANCE" when quarter == s_latest => "Angka sementara BI",
        "P2-INFO-EVENTS" when cell.Value > 0 && Hash01(plan.Code, quarter, "note" + cell.Province) < 0.1 => "Termasuk kegiatan daring",
        _ => "",
    };

    private static Observation NewObservation(Indicator indicator, YearQuarter quarter, Cell cell, string source, string note)
    {
        var (created, updated) = ObservationStamps(indicator.Owner, quarter);
        return new Observation
        {
            IndicatorId = indicator.Id,
            Year = quarter.Year,
            Quarter = quarter.Quarter,
            ProvinceCode = cell.Province,
            CountryCode = cell.Country,
            Sex = cell.Sex,
            Value = cell.Value,
            Source = source,
            Note = note,
            Status = StatusIn(indicator.Owner, quarter),
            CreatedBy = EditorOf(indicator.Owner),
            CreatedAt = created,
            UpdatedBy = EditorOf(indicator.Owner),
            UpdatedAt = updated,
        };
    }

    /// <summary>Reviewed history is verified; in the open quarter KP2MI has submitted and Kemendag is still drafting.</summary>
    private static ObservationStatus StatusIn(Ministry owner, YearQuarter quarter) =>
        quarter != s_latest ? ObservationStatus.Verified
        : owner == Ministry.Kemendag ? ObservationStatus.Draft
        : ObservationStatus.Submitted;

    /// <summary>Entered a few days after the quarter ends; last touched when the ministry's report was verified or submitted.</summary>
    private static (DateTime Created, DateTime Updated) ObservationStamps(Ministry owner, YearQuarter quarter)
    {
        var created = End(quarter).AddDays(6).AddHours(2);
        // Joint indicators travel with whichever ministry's report has gone in.
        var reports = s_submissionPlans
            .Where(s => s.Year == quarter.Year && s.Quarter == quarter.Quarter
                && (s.Ministry == owner || (owner == Ministry.Bersama && s.SubmittedAt is not null)))
            .ToList();
        var updated = reports.Count == 0
            ? End(quarter).AddDays(13).AddHours(3)
            : reports.Max(s => s.VerifiedAt ?? s.SubmittedAt ?? created.AddDays(9));
        return (created, updated);
    }

    // ---- Targets -----------------------------------------------------------------------------------------------

    private static double QuarterTarget(SumPlan plan, int year, int quarter) =>
        Rounded(plan.AnnualTargets[year - 2025] * plan.Season[quarter - 1]);

    private static List<Target> BuildTargets(Dictionary<string, Indicator> indicators)
    {
        var targets = new List<Target>();
        Target NewTarget(Indicator indicator, int year, int quarter, double value) => new()
        {
            IndicatorId = indicator.Id, Year = year, Quarter = quarter, Value = value, UpdatedAt = s_targetsAgreedAt, UpdatedBy = Secretariat,
        };
        foreach (var year in ReportingYears.TargetYears)
        {
            foreach (var plan in s_sumPlans)
            {
                if (indicators.TryGetValue(plan.Code, out var indicator))
                {
                    var quarters = Enumerable.Range(1, 4).Select(q => QuarterTarget(plan, year, q)).ToArray();
                    targets.Add(NewTarget(indicator, year, Target.Annual, quarters.Sum()));
                    targets.AddRange(quarters.Select((value, i) => NewTarget(indicator, year, i + 1, value)));
                }
            }
            foreach (var (code, annual) in s_percentTargets)
            {
                if (indicators.TryGetValue(code, out var indicator))
                {
                    targets.Add(NewTarget(indicator, year, Target.Annual, annual[year - 2025]));
                }
            }
        }
        return targets;
    }

    // ---- Submissions and locks ---------------------------------------------------------------------------------

    private sealed record SubmissionPlan(
        int Year, int Quarter, Ministry Ministry, SubmissionStatus Status,
        DateTime? FirstSubmittedAt = null, DateTime? SubmittedAt = null, DateTime? VerifiedAt = null,
        DateTime? ReturnedAt = null, string? ReturnReason = null);

    /// <summary>
    /// Reports are due 10 working days after the quarter ends. Kemendag's 2026 Q1 report came on 22 Apr, the 16th
    /// working day, so P4-REPORT-ONTIME is not 100 %; KP2MI's was returned once and corrected (on time at first).
    /// </summary>
    private static readonly SubmissionPlan[] s_submissionPlans =
    [
        .. HistoryReports(),
        new(2025, 4, Ministry.Kemendag, SubmissionStatus.Verified, Utc(2026, 1, 9, 8), Utc(2026, 1, 9, 8), Utc(2026, 1, 13, 4)),
        new(2025, 4, Ministry.Kp2mi, SubmissionStatus.Verified, Utc(2026, 1, 8, 7), Utc(2026, 1, 8, 7), Utc(2026, 1, 12, 6)),
        new(2026, 1, Ministry.Kemendag, SubmissionStatus.Verified, Utc(2026, 4, 22, 9), Utc(2026, 4, 22, 9), Utc(2026, 4, 23, 7)),
        new(2026, 1, Ministry.Kp2mi, SubmissionStatus.Verified, Utc(2026, 4, 10, 8), Utc(2026, 4, 16, 3), Utc(2026, 4, 17, 4),
            Utc(2026, 4, 14, 6), "Rekap sertifikasi Jawa Barat belum sesuai dengan data LSP; mohon diperbaiki."),
        new(2026, 2, Ministry.Kemendag, SubmissionStatus.Verified, Utc(2026, 7, 10, 8), Utc(2026, 7, 10, 8), Utc(2026, 7, 14, 5)),
        new(2026, 2, Ministry.Kp2mi, SubmissionStatus.Verified, Utc(2026, 7, 8, 7), Utc(2026, 7, 8, 7), Utc(2026, 7, 13, 4)),
        new(2026, 3, Ministry.Kp2mi, SubmissionStatus.Submitted, Utc(2026, 10, 9, 8), Utc(2026, 10, 9, 8)),
        new(2026, 3, Ministry.Kemendag, SubmissionStatus.Draft),
    ];

    /// <summary>
    /// The quarters before the PKS (history from 2024 Q1) hold verified figures, so their reports are verified too:
    /// the progress strip reads a ministry's report state from its submission, and a verified quarter without one read
    /// "Draf" beside cards saying "Terverifikasi" (issue #16). Submitted on time and verified on the day the figures were
    /// last touched (<see cref="ObservationStamps"/>), so the figures' stamps stay what they were.
    /// </summary>
    private static IEnumerable<SubmissionPlan> HistoryReports() =>
        from index in Enumerable.Range(new YearQuarter(2024, 1).Index, ReportingCalendar.ProgrammeStart.Index - new YearQuarter(2024, 1).Index)
        let quarter = YearQuarter.FromIndex(index)
        from ministry in new[] { Ministry.Kemendag, Ministry.Kp2mi }
        let submitted = End(quarter).AddDays(8).AddHours(3)
        select new SubmissionPlan(quarter.Year, quarter.Quarter, ministry, SubmissionStatus.Verified,
            submitted, submitted, End(quarter).AddDays(13).AddHours(3));

    private static Submission ToSubmission(SubmissionPlan plan)
    {
        var (operatorName, verifierName) = plan.Ministry == Ministry.Kemendag
            ? (s_operatorKemendag, s_verifierKemendag)
            : (s_operatorKp2mi, s_verifierKp2mi);
        return new Submission
        {
            Year = plan.Year,
            Quarter = plan.Quarter,
            Ministry = plan.Ministry,
            Status = plan.Status,
            FirstSubmittedAt = plan.FirstSubmittedAt,
            SubmittedAt = plan.SubmittedAt,
            SubmittedBy = plan.SubmittedAt is null ? null : operatorName,
            VerifiedAt = plan.VerifiedAt,
            VerifiedBy = plan.VerifiedAt is null ? null : verifierName,
            ReturnedAt = plan.ReturnedAt,
            ReturnedBy = plan.ReturnedAt is null ? null : verifierName,
            ReturnReason = plan.ReturnReason,
        };
    }

    /// <summary>The quarters already reviewed are locked a few days after their meeting; 2026 Q3 stays open.</summary>
    private static async Task LockReviewedQuartersAsync(MonevDbContext db, CancellationToken ct)
    {
        DateTime[] lockedAt = [Utc(2026, 1, 23, 9), Utc(2026, 4, 28, 9), Utc(2026, 7, 24, 9)];
        for (var i = 0; i < s_reviewedQuarters.Length; i++)
        {
            var (year, quarter, at) = (s_reviewedQuarters[i].Year, s_reviewedQuarters[i].Quarter, (DateTime?)lockedAt[i]);
            await db.Periods.Where(p => p.Year == year && p.Quarter == quarter).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, PeriodState.Locked)
                .SetProperty(p => p.LockedAt, at)
                .SetProperty(p => p.LockedBy, Secretariat), ct);
        }
    }

    /// <summary>
    /// The app's audit interceptor stamps every saved observation, target and narrative with the clock and the
    /// acting user; demo data must carry its own fixed dates and its demo editors (<see cref="EditorOf"/>) so that it
    /// is the same on every machine.
    /// </summary>
    private static async Task RestoreSeedStampsAsync(MonevDbContext db, IEnumerable<Indicator> indicators, CancellationToken ct)
    {
        foreach (var owner in indicators.GroupBy(i => i.Owner))
        {
            var ids = owner.Select(i => i.Id).ToList();
            var editor = EditorOf(owner.Key);
            foreach (var quarter in s_observedQuarters)
            {
                var (year, q) = (quarter.Year, quarter.Quarter);
                var (created, updated) = ObservationStamps(owner.Key, quarter);
                await db.Observations.Where(o => o.Year == year && o.Quarter == q && ids.Contains(o.IndicatorId))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(o => o.CreatedAt, created).SetProperty(o => o.CreatedBy, editor)
                        .SetProperty(o => o.UpdatedAt, updated).SetProperty(o => o.UpdatedBy, editor), ct);
            }
        }
        await db.Targets.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.UpdatedAt, s_targetsAgreedAt).SetProperty(t => t.UpdatedBy, Secretariat), ct);
        foreach (var owner in indicators.GroupBy(i => i.Owner))
        {
            var ids = owner.Select(i => i.Id).ToList();
            var editor = EditorOf(owner.Key);
            foreach (var quarter in s_narrativeQuarters)
            {
                var (year, q, at) = (quarter.Year, quarter.Quarter, NarrativeWrittenAt(quarter));
                await db.Narratives.Where(n => n.Year == year && n.Quarter == q && ids.Contains(n.IndicatorId)).ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.UpdatedAt, at).SetProperty(n => n.UpdatedBy, editor), ct);
            }
        }
    }

    // ---- Review meetings and follow-ups ------------------------------------------------------------------------

    private const string ChairKemendag = "Direktur Jenderal Pengembangan Ekspor Nasional";
    private const string ChairKp2mi = "Direktur Jenderal Promosi dan Pemanfaatan Peluang Kerja Luar Negeri";
    private const string PlaceKemendag = "Ruang Rapat Ditjen PEN, Kemendag, Jakarta";
    private const string PlaceKp2mi = "Ruang Rapat KP2MI, Jakarta";
    private const string Attendees =
        "Ditjen PEN Kemendag (Sekretaris Ditjen; Direktur Pengembangan Pasar dan Informasi Ekspor; Direktur Pengembangan " +
        "Produk Ekspor); Ditjen Promosi dan Pemanfaatan Peluang Kerja Luar Negeri KP2MI (Direktur Promosi Peluang Kerja; " +
        "Kepala Pusat Data dan Informasi); Sekretariat Bersama PKS";

    private const string UnitMarket = "Direktorat Pengembangan Pasar dan Informasi Ekspor";
    private const string UnitProduct = "Direktorat Pengembangan Produk Ekspor";
    private const string UnitExportCooperation = "Direktorat Kerja Sama Pengembangan Ekspor";
    private const string UnitPromotion = "Direktorat Promosi Peluang Kerja";
    private const string UnitData = "Pusat Data dan Informasi KP2MI";
    private const string UnitSecretariat = "Sekretariat Bersama PKS";
    private const string UnitPenSecretariat = "Sekretariat Ditjen PEN";

    private static List<ReviewMeeting> BuildReviewMeetings(Dictionary<string, Indicator> indicators)
    {
        int? Id(string? code) => code is not null && indicators.TryGetValue(code, out var i) ? i.Id : null;
        ActionItem Item(string? code, string description, string unit, DateOnly due, ActionItemStatus status, DateOnly? completed = null) =>
            new() { IndicatorId = Id(code), Description = description, PicUnit = unit, DueDate = due, Status = status, CompletedOn = completed };

        return
        [
            new ReviewMeeting
            {
                Year = 2025, Quarter = 4, MeetingDate = new DateOnly(2026, 1, 21), Place = PlaceKemendag, Chair = ChairKemendag,
                Attendees = Attendees,
                Minutes = "Rapat tinjauan pertama sejak PKS ditandatangani pada 17 Oktober 2025. Rapat menyepakati format laporan " +
                    "triwulan bersama, batas penyampaian 10 hari kerja setelah akhir triwulan, serta prioritas pelatihan ekspor " +
                    "bagi calon PMI di lima provinsi kantong PMI. Sebagian besar indikator TW IV 2025 tercapai.",
                ActionItems =
                [
                    Item(null, "Menetapkan format laporan triwulan bersama dan batas penyampaian 10 hari kerja.",
                        UnitSecretariat, new DateOnly(2026, 2, 13), ActionItemStatus.Done, new DateOnly(2026, 2, 12)),
                    Item("P1-PMI-TRAINED", "Menyusun basis data calon PMI peserta pelatihan ekspor per provinsi.",
                        UnitPromotion, new DateOnly(2026, 3, 31), ActionItemStatus.Done, new DateOnly(2026, 3, 20)),
                    Item("P2-INFO-EVENTS", "Memasukkan informasi peluang ekspor Kemendag ke materi sosialisasi BP3MI.",
                        UnitMarket, new DateOnly(2026, 2, 27), ActionItemStatus.Done, new DateOnly(2026, 3, 16)),
                    Item("P3-UMKM-FACILITATED", "Menetapkan 20 UMKM binaan untuk business matching dengan jejaring PMI di Hong Kong dan Taiwan.",
                        UnitProduct, new DateOnly(2026, 3, 13), ActionItemStatus.Done, new DateOnly(2026, 3, 10)),
                ],
            },
            new ReviewMeeting
            {
                Year = 2026, Quarter = 1, MeetingDate = new DateOnly(2026, 4, 24), Place = PlaceKp2mi, Chair = ChairKp2mi,
                Attendees = Attendees,
                Minutes = "Rapat mencatat keterlambatan laporan Kemendag TW I 2026 (16 hari kerja) dan capaian UMKM terfasilitasi " +
                    "yang perlu perhatian. Rapat meminta percepatan uji kompetensi PMI dan penyusunan kalender promosi produk " +
                    "melalui jejaring PMI.",
                ActionItems =
                [
                    Item(ReportOnTime, "Mempercepat penyampaian laporan triwulan Kemendag agar tidak melewati 10 hari kerja.",
                        UnitPenSecretariat, new DateOnly(2026, 7, 14), ActionItemStatus.Done, new DateOnly(2026, 7, 10)),
                    Item("P1-PMI-CERTIFIED", "Menambah jadwal uji kompetensi bersama LSP di Jawa Barat dan NTB.",
                        UnitPromotion, new DateOnly(2026, 6, 30), ActionItemStatus.InProgress),
                    Item("P3-PROMO-EVENTS", "Menyusun kalender promosi produk melalui diaspora PMI di Hong Kong, Taiwan dan Malaysia.",
                        UnitMarket, new DateOnly(2026, 6, 15), ActionItemStatus.Done, new DateOnly(2026, 7, 3)),
                    Item("P2-JOB-ORDERS", "Memutakhirkan data job order terverifikasi di SISKOP2MI per negara tujuan.",
                        UnitData, new DateOnly(2026, 5, 29), ActionItemStatus.Done, new DateOnly(2026, 5, 27)),
                ],
            },
            new ReviewMeeting
            {
                Year = 2026, Quarter = 2, MeetingDate = new DateOnly(2026, 7, 22), Place = PlaceKemendag, Chair = ChairKemendag,
                Attendees = Attendees,
                Minutes = "Capaian sertifikasi kompetensi PMI turun menjadi sekitar 78% dari target triwulan; rapat meminta rencana " +
                    "aksi pemulihan. Remitansi dan job order sesuai target. Rapat meminta fasilitasi business matching UMKM " +
                    "di kawasan Timur Tengah melalui jejaring PMI.",
                ActionItems =
                [
                    Item("P1-PMI-CERTIFIED", "Menyusun rencana aksi pemulihan capaian sertifikasi kompetensi PMI.",
                        UnitPromotion, new DateOnly(2026, 9, 30), ActionItemStatus.Open),
                    Item("P3-EXPORT-VALUE", "Memfasilitasi business matching UMKM dengan pembeli di Arab Saudi dan Uni Emirat Arab.",
                        UnitMarket, new DateOnly(2026, 10, 30), ActionItemStatus.InProgress),
                    Item("P3-REMITTANCE", "Menyelaraskan data remitansi Bank Indonesia per negara dengan data penempatan.",
                        UnitData, new DateOnly(2026, 8, 31), ActionItemStatus.Done, new DateOnly(2026, 8, 28)),
                    Item("P3-PMI-ENTREPRENEURS", "Menyiapkan materi peluang ekspor bagi purna PMI di Jawa Timur, Jawa Tengah dan NTB.",
                        UnitExportCooperation, new DateOnly(2026, 12, 18), ActionItemStatus.Open),
                    Item("P3-PMI-ENTREPRENEURS", "Melaporkan perkembangan pendampingan purna PMI eksportir pada rapat tinjauan TW III.",
                        UnitSecretariat, new DateOnly(2026, 12, 11), ActionItemStatus.InProgress),
                ],
            },
        ];
    }

    // ---- Narratives --------------------------------------------------------------------------------------------

    private sealed record NarrativeText(string Driver, string Obstacles, string FollowUp);

    private static readonly YearQuarter[] s_narrativeQuarters = [new(2026, 2), new(2026, 3)];

    private static DateTime NarrativeWrittenAt(YearQuarter quarter) => End(quarter).AddDays(15).AddHours(4);

    /// <summary>Every indicator has its 2026 Q2 narrative (reviewed in July).</summary>
    private static readonly Dictionary<string, NarrativeText> s_narrativesQ2 = new()
    {
        ["P1-PMI-TRAINED"] = new("Pelatihan ekspor dan kewirausahaan berjalan di BP3MI; peserta terbanyak dari Jawa Timur, Jawa Tengah dan Jawa Barat.",
            "Jadwal pelatihan berbenturan dengan proses pra-penempatan sebagian calon PMI.",
            "Menyelaraskan jadwal pelatihan dengan orientasi pra-pemberangkatan (OPP) di BP3MI."),
        ["P1-PMI-CERTIFIED"] = new("Capaian di bawah target karena kuota uji kompetensi LSP terbatas.",
            "Kuota uji kompetensi LSP terbatas dan biaya sertifikasi sebagian belum ditanggung.",
            "Mengusulkan tambahan jadwal uji kompetensi bersama LSP di Jawa Barat dan NTB."),
        [SkilledShare] = new("Porsi sektor formal naik seiring penempatan ke Korea Selatan dan Jepang.",
            "Permintaan sektor domestik di Hong Kong dan Taiwan masih dominan.",
            "Memperluas promosi jabatan formal (manufaktur, perawat, perhotelan) kepada calon PMI."),
        ["P2-INFO-EVENTS"] = new("Sosialisasi dilaksanakan bersama Dinas Perdagangan dan BP3MI di daerah kantong PMI.",
            "Anggaran perjalanan dinas daerah terbatas pada awal tahun anggaran.",
            "Menambah sosialisasi daring dan memanfaatkan kegiatan Desmigratif."),
        ["P2-INFO-REACH"] = new("Peserta didominasi perempuan calon PMI dan keluarga PMI di desa kantong.",
            "Daftar hadir sebagian kegiatan belum dipilah menurut jenis kelamin.",
            "Menggunakan format daftar hadir baku yang memuat jenis kelamin dan provinsi asal."),
        ["P2-JOB-ORDERS"] = new("Job order terbanyak dari Taiwan, Malaysia dan Hong Kong.",
            "Verifikasi job order oleh perwakilan RI memerlukan waktu 2–3 minggu.",
            "Mempercepat verifikasi job order melalui SISKOP2MI."),
        ["P3-UMKM-FACILITATED"] = new("UMKM difasilitasi melalui business matching dan pameran dagang bersama jejaring PMI.",
            "Sebagian UMKM belum memenuhi persyaratan ekspor (sertifikasi produk dan kemasan).",
            "Pendampingan kesiapan ekspor bersama Dinas Perdagangan provinsi."),
        ["P3-EXPORT-VALUE"] = new("Transaksi terbesar ke Amerika Serikat, Tiongkok dan Jepang.",
            "Sebagian kesepakatan dagang masih berupa nota minat dan belum terealisasi.",
            "Memantau realisasi transaksi bersama ITPC dan Atase Perdagangan."),
        ["P3-PROMO-EVENTS"] = new("Promosi produk dilaksanakan pada acara komunitas PMI di Hong Kong, Taiwan dan Malaysia.",
            "Jadwal acara komunitas PMI bergantung pada hari libur pekerja.",
            "Menyusun kalender promosi bersama KBRI/KJRI dan organisasi PMI."),
        ["P3-PMI-ENTREPRENEURS"] = new("Purna PMI yang memulai usaha terutama di bidang makanan olahan dan kerajinan.",
            "Akses permodalan purna PMI masih terbatas.",
            "Menghubungkan purna PMI dengan program KUR dan pendampingan ekspor."),
        ["P3-REMITTANCE"] = new("Remitansi terbesar dari Arab Saudi, Malaysia dan Taiwan (data Bank Indonesia).",
            "Data remitansi Bank Indonesia tersedia dengan jeda dan masih angka sementara.",
            "Memutakhirkan angka setelah rilis final Bank Indonesia."),
        ["P4-COORD-MEETINGS"] = new("Rapat koordinasi membahas kalender promosi dan data bersama.",
            "Penyesuaian jadwal pimpinan kedua kementerian.",
            "Menetapkan jadwal rapat koordinasi bulanan di awal triwulan."),
        [FollowUpOnTime] = new("Dihitung sistem dari tindak lanjut rapat tinjauan yang jatuh tempo.",
            "Dua tindak lanjut diselesaikan melewati tanggal jatuh tempo.",
            "Sekretariat mengirim pengingat dua minggu sebelum jatuh tempo."),
        [ReportOnTime] = new("Dihitung sistem dari tanggal penyampaian laporan triwulan kedua kementerian.",
            "Laporan Kemendag TW I 2026 terlambat karena rekap data daerah belum lengkap.",
            "Batas internal pengumpulan data daerah dimajukan menjadi 5 hari kerja."),
    };

    /// <summary>
    /// 2026 Q3 is still being written: KP2MI and the joint team have narratives, Kemendag not yet — so the
    /// amber export-value and promotion cards show the "narasi belum diisi" flag.
    /// </summary>
    private static readonly Dictionary<string, NarrativeText> s_narrativesQ3 = new()
    {
        ["P1-PMI-TRAINED"] = new("Kelas pelatihan ekspor bagi calon PMI ditambah di Jawa Timur dan NTB.",
            "Beberapa angkatan pelatihan tertunda karena bentrok dengan jadwal OPP.",
            "Menjadwalkan angkatan tambahan pada TW IV 2026."),
        ["P1-PMI-CERTIFIED"] = new("Realisasi jauh di bawah target; uji kompetensi di Jawa Barat dan NTB belum terlaksana.",
            "Perjanjian kerja sama dengan LSP baru ditandatangani September 2026, sehingga uji kompetensi bergeser ke TW IV.",
            "Menyelenggarakan uji kompetensi massal Oktober–November 2026 dan melaporkan progresnya setiap minggu."),
        [SkilledShare] = new("Porsi formal terus naik; penempatan ke Jepang dan Korea Selatan meningkat.",
            "Penempatan sektor domestik di Hong Kong tetap tinggi.",
            "Promosi jabatan perawat dan manufaktur di Taiwan dan Jepang."),
        ["P2-JOB-ORDERS"] = new("Job order meningkat dari Taiwan dan Jepang.",
            "Sebagian job order Malaysia tertahan menunggu penyesuaian biaya penempatan.",
            "Koordinasi dengan KBRI Kuala Lumpur untuk mempercepat verifikasi."),
        ["P2-INFO-REACH"] = new("Jangkauan sosialisasi meluas ke desa kantong PMI di Lampung dan NTB.",
            "Sebagian peserta sosialisasi daring tidak mengisi data diri lengkap.",
            "Mewajibkan registrasi peserta daring sebelum kegiatan."),
        ["P3-REMITTANCE"] = new("Angka sementara Bank Indonesia; remitansi dari Arab Saudi dan Malaysia tetap terbesar.",
            "Data final Bank Indonesia baru tersedia pada triwulan berikutnya.",
            "Pemutakhiran angka setelah rilis final Bank Indonesia."),
        ["P4-COORD-MEETINGS"] = new("Rapat koordinasi membahas tindak lanjut capaian sertifikasi dan nilai ekspor.",
            "Belum ada kendala berarti.",
            "Menyiapkan bahan rapat tinjauan TW III 2026."),
    };

    private static List<Narrative> BuildNarratives(Dictionary<string, Indicator> indicators, List<Observation> observations)
    {
        var narratives = new List<Narrative>();
        foreach (var quarter in s_narrativeQuarters)
        {
            var texts = quarter == s_narrativeQuarters[0] ? s_narrativesQ2 : s_narrativesQ3;
            foreach (var (code, text) in texts)
            {
                if (!indicators.TryGetValue(code, out var indicator))
                {
                    continue;
                }
                narratives.Add(new Narrative
                {
                    IndicatorId = indicator.Id,
                    Year = quarter.Year,
                    Quarter = quarter.Quarter,
                    Analysis = Analysis(indicator, quarter, text.Driver, observations),
                    Obstacles = text.Obstacles,
                    FollowUpPlan = text.FollowUp,
                    UpdatedBy = EditorOf(indicator.Owner),
                    UpdatedAt = NarrativeWrittenAt(quarter),
                });
            }
        }
        return narratives;
    }

    /// <summary>Opens with the quarter's own figures, as an official would write it; its capaian reads as every
    /// screen shows it (<see cref="FigureFormatter.Achievement"/>), so a slide never quotes two.</summary>
    private static string Analysis(Indicator indicator, YearQuarter quarter, string driver, List<Observation> observations)
    {
        var rows = observations.Where(o => o.IndicatorId == indicator.Id && o.Year == quarter.Year && o.Quarter == quarter.Quarter).ToList();
        if (indicator.Aggregation == TimeAggregation.Ratio && rows.Count > 0)
        {
            var share = Ratio.Percent(rows.Sum(o => o.Numerator ?? 0), rows.Sum(o => o.Denominator ?? 0)) ?? 0;
            var annual = s_percentTargets[indicator.Code][quarter.Year - 2025];
            return $"Realisasi {quarter} sebesar {share.ToString("N1", s_idNumbers)}% dari " +
                $"{Format(rows.Sum(o => o.Denominator ?? 0), "penempatan")} (target tahunan {annual.ToString("N0", s_idNumbers)}%). {driver}";
        }
        var plan = s_sumPlans.FirstOrDefault(p => p.Code == indicator.Code);
        if (plan is null || rows.Count == 0)
        {
            return driver;
        }
        var actual = rows.Sum(o => o.Value);
        var target = QuarterTarget(plan, quarter.Year, quarter.Quarter);
        return $"Realisasi {quarter} sebesar {Format(actual, indicator.Unit)} atau " +
            $"{FigureFormatter.Achievement(AchievementCalculator.AchievementPercent(actual, target, indicator.Direction) ?? 0)} dari target triwulan ({Format(target, indicator.Unit)}). {driver}";
    }

    private static string Format(double value, string unit) => unit switch
    {
        "USD" when value >= 1e9 => $"USD {(value / 1e9).ToString("N2", s_idNumbers)} miliar",
        "USD" => $"USD {(value / 1e6).ToString("N1", s_idNumbers)} juta",
        _ => $"{value.ToString("N0", s_idNumbers)} {unit}",
    };

    // ---- Arithmetic --------------------------------------------------------------------------------------------

    /// <summary>The start of a quarter's last day (UTC): the demo's workflow stamps count from it.</summary>
    private static DateTime End(YearQuarter quarter) => quarter.LastDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>Three significant figures, as targets are written in planning documents (1.350; 52.000.000).</summary>
    private static double Rounded(double value)
    {
        if (value < 100)
        {
            return Math.Max(1, Math.Round(value, MidpointRounding.AwayFromZero));
        }
        var step = Math.Pow(10, Math.Floor(Math.Log10(value)) - 2);
        return Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
    }

    private static double Jittered(SumPlan plan, YearQuarter quarter, string cell, double weight) =>
        weight * (1 + plan.CellJitter * (2 * Hash01(plan.Code, quarter, cell) - 1));

    /// <summary>
    /// Splits a total over cells in proportion to their weights, in whole units, so that the cells add up to the
    /// total exactly (largest remainder; ties go to the earlier cell).
    /// </summary>
    private static double[] Allocate(double total, double[] weights, double unit)
    {
        var units = (long)Math.Round(total / unit);
        var weightSum = weights.Sum();
        var shares = new long[weights.Length];
        if (weightSum <= 0 || units <= 0)
        {
            return new double[weights.Length];
        }
        var remainders = new (double Remainder, int Index)[weights.Length];
        var assigned = 0L;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = units * weights[i] / weightSum;
            shares[i] = (long)Math.Floor(exact);
            assigned += shares[i];
            remainders[i] = (exact - shares[i], i);
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(units - assigned)))
        {
            shares[index]++;
        }
        return shares.Select(s => s * unit).ToArray();
    }

    /// <summary>A stable pseudo-random number in [0, 1) for a key (FNV-1a with a SplitMix64 finaliser).</summary>
    private static double Hash01(string code, YearQuarter quarter, string cell)
    {
        const ulong prime = 1_099_511_628_211;
        var hash = 14_695_981_039_346_656_037UL;
        unchecked
        {
            foreach (var c in code)
            {
                hash = (hash ^ c) * prime;
            }
            hash = (hash ^ (ulong)(quarter.Year * 10 + quarter.Quarter)) * prime;
            foreach (var c in cell)
            {
                hash = (hash ^ c) * prime;
            }
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            hash *= 0xc4ceb9fe1a85ec53UL;
            hash ^= hash >> 33;
        }
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
