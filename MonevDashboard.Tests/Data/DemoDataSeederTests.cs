using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Data;

/// <summary>One database seeded with demo data the way start-up does it, shared by the read-only tests.</summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync(demoData: true);

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class DemoDataSeederTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly string[] s_tables =
        ["Observations", "Targets", "Narratives", "ReviewMeetings", "ActionItems", "Submissions", "Periods"];

    private sealed record IndicatorTotal(string Code, int Rows, double Value, double Numerator, double Denominator);

    [Fact]
    public async Task TwoNewDatabasesGetExactlyTheSameDemoData()
    {
        await using var other = await TestDatabase.CreateAsync(demoData: true);
        await using var first = fixture.Database.OpenContext();
        await using var second = other.OpenContext();

        Assert.Equal(await TotalsAsync(first), await TotalsAsync(second));
        Assert.Equal(await RowCountsAsync(first), await RowCountsAsync(second));
        foreach (var table in s_tables)
        {
            Assert.Equal(await fixture.Database.DigestAsync(table), await other.DigestAsync(table));
        }
    }

    [Fact]
    public async Task RunningTheInitializerAgainChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(demoData: true);
        var before = new Dictionary<string, string>();
        foreach (var table in s_tables)
        {
            before[table] = await database.DigestAsync(table);
        }

        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }

        foreach (var table in s_tables)
        {
            Assert.Equal(before[table], await database.DigestAsync(table));
        }
    }

    [Fact]
    public async Task SeederCalledOnAPopulatedDatabaseAddsNothing()
    {
        await using var db = fixture.Database.OpenContext();
        var before = await RowCountsAsync(db);

        await DemoDataSeeder.SeedAsync(db);

        Assert.Equal(before, await RowCountsAsync(db));
    }

    [Fact]
    public async Task RemittancesIn2024AreAboutFifteenBillionDollars()
    {
        await using var db = fixture.Database.OpenContext();

        var total = await SumAsync(db, "P3-REMITTANCE", 2024);

        Assert.InRange(total, 14e9, 16.5e9);
    }

    [Fact]
    public async Task FlowIndicatorsAddUpToTheirBaselineIn2024()
    {
        await using var db = fixture.Database.OpenContext();
        var indicators = await db.Indicators.Where(i => i.Aggregation == TimeAggregation.Sum)
            .Select(i => new
            {
                i.Code,
                i.BaselineYear,
                i.BaselineValue,
                Total = db.Observations.Where(o => o.IndicatorId == i.Id && o.Year == 2024).Sum(o => o.Value),
            })
            .ToListAsync();

        Assert.Equal(11, indicators.Count);
        Assert.All(indicators, i => Assert.Equal((2024, i.BaselineValue), (i.BaselineYear, (double?)i.Total)));
    }

    [Fact]
    public async Task AboutSixtyTwoPercentOfTrainedWorkersAreWomen()
    {
        await using var db = fixture.Database.OpenContext();
        var id = await IdAsync(db, "P1-PMI-TRAINED");

        var women = await db.Observations.Where(o => o.IndicatorId == id && o.Sex == "P").SumAsync(o => o.Value);
        var all = await db.Observations.Where(o => o.IndicatorId == id).SumAsync(o => o.Value);

        Assert.InRange(women / all, 0.55, 0.70);
    }

    [Fact]
    public async Task PlacementsAreAboutAQuarterMillionAYearWithARisingSkilledShare()
    {
        await using var db = fixture.Database.OpenContext();
        var id = await IdAsync(db, "P1-SKILLED-SHARE");
        var byYear = await db.Observations.Where(o => o.IndicatorId == id)
            .GroupBy(o => o.Year)
            .Select(g => new { Year = g.Key, Numerator = g.Sum(o => o.Numerator!.Value), Denominator = g.Sum(o => o.Denominator!.Value) })
            .ToDictionaryAsync(x => x.Year);

        Assert.InRange(byYear[2024].Denominator, 250_000, 300_000);
        var share2024 = byYear[2024].Numerator / byYear[2024].Denominator * 100;
        var share2026 = byYear[2026].Numerator / byYear[2026].Denominator * 100;
        Assert.InRange(share2024, 40, 50);
        Assert.True(share2026 > share2024, $"skilled share should rise: {share2024:F1} → {share2026:F1}");
        Assert.True(await db.Observations.Where(o => o.IndicatorId == id)
            .AllAsync(o => o.Denominator > 0 && o.Numerator <= o.Denominator && Math.Abs(o.Value - o.Numerator!.Value / o.Denominator!.Value * 100) < 1e-9));
    }

    [Fact]
    public async Task UmkmAndExportValueInJanuaryToJuly2025MatchKemendagsReport()
    {
        await using var db = fixture.Database.OpenContext();

        // Jan–Jul ≈ the first two quarters and a third of the third.
        var umkm = await SumAsync(db, "P3-UMKM-FACILITATED", 2025, 1) + await SumAsync(db, "P3-UMKM-FACILITATED", 2025, 2)
            + await SumAsync(db, "P3-UMKM-FACILITATED", 2025, 3) / 3;
        var value = await SumAsync(db, "P3-EXPORT-VALUE", 2025, 1) + await SumAsync(db, "P3-EXPORT-VALUE", 2025, 2)
            + await SumAsync(db, "P3-EXPORT-VALUE", 2025, 3) / 3;

        Assert.InRange(umkm, 950, 1_300);
        Assert.InRange(value, 80e6, 100e6);
    }

    [Fact]
    public async Task EverySexProvinceIndicatorHasBothSexesInEveryProvinceEveryQuarter()
    {
        await using var db = fixture.Database.OpenContext();
        var indicators = await db.Indicators.Where(i => i.Disaggregations == (Disaggregation.Sex | Disaggregation.Province)).ToListAsync();
        Assert.Equal(4, indicators.Count);

        foreach (var indicator in indicators)
        {
            var cells = await db.Observations.Where(o => o.IndicatorId == indicator.Id)
                .GroupBy(o => new { o.Year, o.Quarter })
                .Select(g => new
                {
                    g.Key,
                    Rows = g.Count(),
                    Provinces = g.Select(o => o.ProvinceCode).Distinct().Count(),
                    Women = g.Count(o => o.Sex == "P"),
                    Men = g.Count(o => o.Sex == "L"),
                })
                .ToListAsync();
            Assert.Equal(11, cells.Count);
            Assert.All(cells, c => Assert.Equal((76, 38, 38, 38), (c.Rows, c.Provinces, c.Women, c.Men)));
        }
    }

    [Fact]
    public async Task ObservationsUseOnlyTheDisaggregationsTheirIndicatorAllows()
    {
        await using var db = fixture.Database.OpenContext();
        var rows = await db.Observations
            .Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new { i.Code, i.Disaggregations, o.ProvinceCode, o.CountryCode, o.Sex, o.Value })
            .ToListAsync();

        Assert.All(rows, r =>
        {
            Assert.Equal(r.Disaggregations.HasFlag(Disaggregation.Province), r.ProvinceCode.Length == 2);
            Assert.Equal(r.Disaggregations.HasFlag(Disaggregation.Country), r.CountryCode.Length == 2);
            Assert.Equal(r.Disaggregations.HasFlag(Disaggregation.Sex), r.Sex is "L" or "P");
            Assert.True((r.Value >= 0 && r.Value == Math.Round(r.Value)) || r.Code == "P1-SKILLED-SHARE", $"{r.Code}: {r.Value}");
        });
        var countryIndicators = rows.Where(r => r.CountryCode != "").GroupBy(r => r.Code);
        Assert.All(countryIndicators, g => Assert.InRange(g.Select(r => r.CountryCode).Distinct().Count(), 12, 20));
    }

    [Fact]
    public async Task NoObservationDuplicatesTheNaturalKey()
    {
        await using var db = fixture.Database.OpenContext();

        var duplicates = await db.Observations
            .GroupBy(o => new { o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex })
            .CountAsync(g => g.Count() > 1);

        Assert.Equal(0, duplicates);
    }

    [Fact]
    public async Task EveryNonDerivedIndicatorHasElevenQuartersAndDerivedOnesNone()
    {
        await using var db = fixture.Database.OpenContext();
        var quarters = await db.Indicators
            .Select(i => new
            {
                i.Code,
                i.Aggregation,
                Quarters = db.Observations.Where(o => o.IndicatorId == i.Id).Select(o => o.Year * 10 + o.Quarter).Distinct().Count(),
            })
            .ToListAsync();

        Assert.Equal(14, quarters.Count);
        Assert.All(quarters, q => Assert.Equal(q.Aggregation == TimeAggregation.Derived ? 0 : 11, q.Quarters));
    }

    [Fact]
    public async Task LatestQuarterShowsRedAndAmberAgainstQuarterTargets()
    {
        await using var db = fixture.Database.OpenContext();
        var achievement = await AchievementAsync(db, 2026, 3);

        Assert.Equal(11, achievement.Count);
        Assert.True(achievement["P1-PMI-CERTIFIED"] < 60, "certification should be red");
        Assert.InRange(achievement["P3-EXPORT-VALUE"], 60, 90);
        Assert.InRange(achievement["P3-PROMO-EVENTS"], 60, 90);
        Assert.All(achievement.Where(a => a.Key is not ("P1-PMI-CERTIFIED" or "P3-EXPORT-VALUE" or "P3-PROMO-EVENTS")),
            a => Assert.True(a.Value >= 90, $"{a.Key}: {a.Value:F1} %"));
    }

    [Fact]
    public async Task TargetsGrowEveryYearAndAnnualSumsTheQuarters()
    {
        await using var db = fixture.Database.OpenContext();
        var targets = await db.Targets.Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { i.Code, i.Aggregation, t.Year, t.Quarter, t.Value })
            .ToListAsync();

        foreach (var indicator in targets.GroupBy(t => t.Code))
        {
            var annual = indicator.Where(t => t.Quarter == 0).OrderBy(t => t.Year).Select(t => t.Value).ToList();
            Assert.Equal(5, annual.Count);
            Assert.True(annual.Zip(annual.Skip(1)).All(p => p.Second > p.First), $"{indicator.Key} targets should grow");
            var isSum = indicator.First().Aggregation == TimeAggregation.Sum;
            Assert.Equal(isSum ? 25 : 5, indicator.Count());
            foreach (var year in indicator.Where(t => isSum && t.Quarter == 0))
            {
                Assert.Equal(year.Value, indicator.Where(t => t.Year == year.Year && t.Quarter > 0).Sum(t => t.Value));
            }
        }
        Assert.Equal(14, targets.Select(t => t.Code).Distinct().Count());
    }

    [Fact]
    public async Task StatusesFollowTheReportingCalendar()
    {
        await using var db = fixture.Database.OpenContext();
        var latest = await db.Observations.Where(o => o.Year == 2026 && o.Quarter == 3)
            .Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new { i.Owner, o.Status })
            .Distinct().ToListAsync();
        Assert.All(latest, r => Assert.Equal(r.Owner == Ministry.Kemendag ? ObservationStatus.Draft : ObservationStatus.Submitted, r.Status));
        Assert.True(await db.Observations.Where(o => o.Year < 2026 || o.Quarter < 3).AllAsync(o => o.Status == ObservationStatus.Verified));

        var locked = await db.Periods.Where(p => p.State == PeriodState.Locked).OrderBy(p => p.Year).ThenBy(p => p.Quarter).ToListAsync();
        Assert.Equal([(2025, 4), (2026, 1), (2026, 2)], locked.Select(p => (p.Year, p.Quarter)));
        Assert.All(locked, p => Assert.Equal("admin@monev.go.id", p.LockedBy));

        var submissions = await db.Submissions.ToListAsync();
        // Both ministries' reports of every quarter with figures (2024 Q1 – 2026 Q3); those before the PKS are verified,
        // like their figures, so no verified quarter shows its reports as drafts.
        Assert.Equal(22, submissions.Count);
        Assert.All(submissions.Where(s => new YearQuarter(s.Year, s.Quarter) < ReportingCalendar.ProgrammeStart),
            s => Assert.Equal(SubmissionStatus.Verified, s.Status));
        Assert.Equal(SubmissionStatus.Draft, submissions.Single(s => s.Year == 2026 && s.Quarter == 3 && s.Ministry == Ministry.Kemendag).Status);
        Assert.Equal(SubmissionStatus.Submitted, submissions.Single(s => s.Year == 2026 && s.Quarter == 3 && s.Ministry == Ministry.Kp2mi).Status);
        // One report came after the 10-working-day deadline (Kemendag 2026 Q1, due 14 Apr 2026).
        Assert.Contains(submissions, s => s.FirstSubmittedAt > new DateTime(2026, 4, 15, 0, 0, 0, DateTimeKind.Utc) && s.Quarter == 1);
    }

    [Fact]
    public async Task ReviewsHaveFollowUpsDoneOnTimeLateAndOverdue()
    {
        await using var db = fixture.Database.OpenContext();
        var meetings = await db.ReviewMeetings.Include(m => m.ActionItems).OrderBy(m => m.Year).ThenBy(m => m.Quarter).ToListAsync();
        var today = new DateOnly(2026, 11, 28);

        Assert.Equal([(2025, 4), (2026, 1), (2026, 2)], meetings.Select(m => (m.Year, m.Quarter)));
        Assert.All(meetings, m => Assert.InRange(m.ActionItems.Count, 3, 5));
        var items = meetings.SelectMany(m => m.ActionItems).ToList();
        Assert.Contains(items, a => a.Status == ActionItemStatus.Done && a.CompletedOn <= a.DueDate);
        Assert.Contains(items, a => a.Status == ActionItemStatus.Done && a.CompletedOn > a.DueDate);
        Assert.Contains(items, a => a.Status == ActionItemStatus.Open && a.IsOverdue(today));
        Assert.Contains(items, a => a.Status == ActionItemStatus.InProgress);
        Assert.Contains(items, a => !a.IsOverdue(today) && a.Status != ActionItemStatus.Done);
    }

    [Fact]
    public async Task NarrativesCoverSecondQuarterAndLeaveSomeMissesOfTheThirdWithout()
    {
        await using var db = fixture.Database.OpenContext();
        var narratives = await db.Narratives.Join(db.Indicators, n => n.IndicatorId, i => i.Id, (n, i) => new { i.Code, n.Year, n.Quarter, n.Analysis })
            .ToListAsync();

        Assert.Equal(14, narratives.Count(n => n is { Year: 2026, Quarter: 2 }));
        var third = narratives.Where(n => n is { Year: 2026, Quarter: 3 }).Select(n => n.Code).ToList();
        Assert.NotEmpty(third);
        var achievement = await AchievementAsync(db, 2026, 3);
        var missed = achievement.Where(a => a.Value < 90).Select(a => a.Key).ToList();
        Assert.Contains(missed, third.Contains);
        Assert.Contains(missed, code => !third.Contains(code));
        Assert.All(narratives, n => Assert.False(string.IsNullOrWhiteSpace(n.Analysis)));
    }

    [Fact]
    public async Task DemoDataCarriesFixedStampsAndRealDemoAccountsNotTheClockOrTheActingUser()
    {
        await using var db = fixture.Database.OpenContext();
        var lastUpdate = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

        // Issue #16: every editor and locker the demo data names is a demo account one can sign in as, and figures and
        // narratives are their own ministry's operator's.
        var accounts = DemoAccounts.All.ToDictionary(a => a.Email, a => a);
        var editors = await db.Observations.Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new { i.Owner, o.CreatedBy, o.UpdatedBy })
            .Distinct().ToListAsync();
        Assert.All(editors, e =>
        {
            Assert.Equal(e.CreatedBy, e.UpdatedBy);
            Assert.Equal(e.Owner == Ministry.Kemendag ? Ministry.Kemendag : Ministry.Kp2mi, accounts[e.UpdatedBy].Ministry);
            Assert.StartsWith("operator.", e.UpdatedBy, StringComparison.Ordinal);
        });
        Assert.True(await db.Observations.AllAsync(o => o.Version == 0));
        Assert.True(await db.Observations.AllAsync(o => o.CreatedAt <= o.UpdatedAt && o.UpdatedAt < lastUpdate));
        Assert.True(await db.Targets.AllAsync(t => t.UpdatedBy == "admin@monev.go.id" && t.UpdatedAt < lastUpdate));
        Assert.True(await db.Narratives.AllAsync(n => n.UpdatedAt < lastUpdate));
        var narrators = await db.Narratives.Select(n => n.UpdatedBy).Distinct().ToListAsync();
        Assert.NotEmpty(narrators);
        Assert.All(narrators, n => Assert.True(accounts.ContainsKey(n), n));
        var lockers = await db.Periods.Where(p => p.LockedBy != null).Select(p => p.LockedBy!).Distinct().ToListAsync();
        Assert.All(lockers, l => Assert.True(accounts.ContainsKey(l), l));
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    private static async Task<int> IdAsync(MonevDbContext db, string code) =>
        await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();

    private static async Task<double> SumAsync(MonevDbContext db, string code, int year, int? quarter = null)
    {
        var id = await IdAsync(db, code);
        return await db.Observations.Where(o => o.IndicatorId == id && o.Year == year && (quarter == null || o.Quarter == quarter))
            .SumAsync(o => o.Value);
    }

    /// <summary>Quarter realisation ÷ quarter target × 100 for the indicators that have a quarter target.</summary>
    private static async Task<Dictionary<string, double>> AchievementAsync(MonevDbContext db, int year, int quarter)
    {
        var realisation = await db.Observations.Where(o => o.Year == year && o.Quarter == quarter)
            .GroupBy(o => o.IndicatorId)
            .Select(g => new { IndicatorId = g.Key, Value = g.Sum(o => o.Value) })
            .ToDictionaryAsync(x => x.IndicatorId, x => x.Value);
        return await db.Targets.Where(t => t.Year == year && t.Quarter == quarter)
            .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { i.Code, t.IndicatorId, t.Value })
            .ToDictionaryAsync(t => t.Code, t => realisation[t.IndicatorId] / t.Value * 100);
    }

    private static async Task<List<IndicatorTotal>> TotalsAsync(MonevDbContext db) =>
        await db.Observations
            .Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new { i.Code, o.Value, o.Numerator, o.Denominator })
            .GroupBy(x => x.Code)
            .OrderBy(g => g.Key)
            .Select(g => new IndicatorTotal(g.Key, g.Count(), g.Sum(x => x.Value), g.Sum(x => x.Numerator ?? 0), g.Sum(x => x.Denominator ?? 0)))
            .ToListAsync();

    private static async Task<int[]> RowCountsAsync(MonevDbContext db) =>
    [
        await db.Observations.CountAsync(),
        await db.Targets.CountAsync(),
        await db.Narratives.CountAsync(),
        await db.ReviewMeetings.CountAsync(),
        await db.ActionItems.CountAsync(),
        await db.Submissions.CountAsync(),
        await db.Periods.CountAsync(p => p.State == PeriodState.Locked),
    ];
}
