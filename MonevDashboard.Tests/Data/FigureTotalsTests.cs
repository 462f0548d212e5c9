using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Data;

/// <summary>
/// The maintained totals always equal a full GROUP BY over the observations: after random sequences of the app's own
/// writes — the entry grid, imports, rollbacks, locks and unlocks, and plain EF saves that move a figure to another
/// quarter or delete it — on whichever database the pass runs (SQLite or PostgreSQL).
/// </summary>
public sealed class FigureTotalsTests : IAsyncLifetime
{
    private static readonly UserAccess s_secretariat = TestUser.As("sekretariat@x", Roles.Admin);
    private static readonly UserAccess s_opKemendag = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_opKp2mi = TestUser.As("op.kp2mi@x", Roles.OperatorKp2mi);
    private static readonly string[] s_provinces = ["11", "31", "32", "33", "35", "51"];
    private static readonly string[] s_countries = ["MY", "SA", "HK", "TW", "JP"];

    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AfterRandomWritesTheTotalsEqualAGroupByOverTheObservations(int seed)
    {
        var random = new Random(seed);
        var batches = new List<long>();
        var steps = new List<string>();
        for (var step = 0; step < 24; step++)
        {
            var quarter = new YearQuarter(2026, random.Next(1, 4));
            var operation = random.Next(6);
            steps.Add($"{operation}@{quarter}");
            switch (operation)
            {
                case 0 or 1:
                    await ImportAsync(random, quarter, batches);
                    break;
                case 2:
                    await EnterAsync(random, quarter);
                    break;
                case 3 when batches.Count > 0:
                    await _harness.RollbackAsync(batches[random.Next(batches.Count)]);
                    break;
                case 4:
                    await LockOrUnlockAsync(quarter);
                    break;
                default:
                    await MoveOrDeleteAsync(random);
                    break;
            }
            await AssertTotalsMatchAsync($"seed {seed}, after {string.Join(" ", steps)}");
        }
        // The sequence did write: imports landed and figures are there to be summed.
        Assert.NotEmpty(batches);
        Assert.NotEmpty(await TotalsAsync());
    }

    [Fact]
    public async Task AFailedSaveLeavesTheTotalsAsTheyWere()
    {
        await _harness.SeedAsync("P3-UMKM-FACILITATED", 2026, 2, 40, province: "35");
        var before = await TotalsAsync();

        await using (var db = _harness.Database.OpenContext())
        {
            var indicatorId = await _harness.IndicatorIdAsync("P3-UMKM-FACILITATED");
            db.Observations.Add(new Observation { IndicatorId = indicatorId, Year = 2026, Quarter = 2, ProvinceCode = "33", Value = 7 });
            // The same natural key twice: the save fails on the unique index, after the first insert went through.
            db.Observations.Add(new Observation { IndicatorId = indicatorId, Year = 2026, Quarter = 2, ProvinceCode = "35", Value = 9 });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await TotalsAsync());
        await AssertTotalsMatchAsync("after a failed save");
    }

    [Fact]
    public async Task AStatusChangeRaisesTheYearsVersionAndRecountsAndAnIndicatorChangeRaisesEveryYears()
    {
        var observation = await _harness.SeedAsync("P3-UMKM-FACILITATED", 2026, 2, 40, province: "35");
        var before = await VersionsAsync();
        await using (var db = _harness.Database.OpenContext())
        {
            var stored = await db.Observations.SingleAsync(o => o.Id == observation.Id);
            stored.Status = ObservationStatus.Submitted;
            await db.SaveChangesAsync();
        }
        var afterStatus = await VersionsAsync();
        Assert.Equal(before[2026] + 1, afterStatus[2026]);
        await AssertTotalsMatchAsync("after a status change");
        Assert.Equal(before.GetValueOrDefault(FigureVersion.AllYears), afterStatus.GetValueOrDefault(FigureVersion.AllYears));

        await using (var db = _harness.Database.OpenContext())
        {
            var indicator = await db.Indicators.SingleAsync(i => i.Code == "P3-UMKM-FACILITATED");
            indicator.NameEn += " (renamed)";
            await db.SaveChangesAsync();
        }
        var afterRename = await VersionsAsync();
        Assert.Equal(afterStatus.GetValueOrDefault(FigureVersion.AllYears) + 1, afterRename[FigureVersion.AllYears]);
        Assert.Equal(afterStatus[2026], afterRename[2026]);
    }

    private async Task ImportAsync(Random random, YearQuarter quarter, List<long> batches)
    {
        var rows = new List<object?[]>();
        var keys = new HashSet<string>();
        for (var i = random.Next(1, 8); i > 0; i--)
        {
            var (code, province, country, sex) = RandomCell(random);
            if (keys.Add($"{code}|{province}|{country}|{sex}"))
            {
                rows.Add(Row(code, quarter.Year, quarter.Quarter, province, country, sex, random.Next(0, 500)));
            }
        }
        var preview = await _harness.PreviewAsync(DataWorkbook([.. rows]));
        if (preview.HasErrors)
        {
            return; // a locked quarter refuses the file; nothing is written
        }
        var result = await _harness.CommitAsync(preview);
        if (result.BatchId is { } id)
        {
            batches.Add(id);
        }
    }

    private async Task EnterAsync(Random random, YearQuarter quarter)
    {
        var kemendag = random.Next(2) == 0;
        var code = kemendag ? "P3-UMKM-FACILITATED" : "P1-PMI-TRAINED";
        var edits = new List<CellEdit>();
        await using (var scope = _harness.Database.Scope(kemendag ? s_opKemendag : s_opKp2mi))
        {
            var sheet = await _harness.Database.Get<DataEntryService>(scope).GetSheetAsync(quarter, kemendag ? Ministry.Kemendag : Ministry.Kp2mi);
            var section = sheet.Sections.Single(s => s.Code == code);
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                var province = s_provinces[random.Next(s_provinces.Length)];
                var key = new CellKey(code, province, "", kemendag ? "" : random.Next(2) == 0 ? "L" : "P");
                if (edits.Any(e => e.Key == key))
                {
                    continue;
                }
                var blank = random.Next(5) == 0;
                edits.Add(new CellEdit(key, blank ? null : random.Next(0, 300), null, null, section.Cells.TryGetValue(key, out var stored) ? stored.Version : null));
            }
            try
            {
                await _harness.Database.Get<DataEntryService>(scope).SaveAsync(quarter, kemendag ? Ministry.Kemendag : Ministry.Kp2mi, edits, "uji");
            }
            catch (UserMessageException)
            {
                // A locked quarter or a report under verification refuses the save, leaving everything as it was.
            }
        }
    }

    private async Task LockOrUnlockAsync(YearQuarter quarter)
    {
        await using var scope = _harness.Database.Scope(s_secretariat);
        var periods = _harness.Database.Get<PeriodService>(scope);
        try
        {
            if (await periods.IsLockedAsync(quarter))
            {
                await periods.UnlockAsync(quarter, "Koreksi data");
            }
            else
            {
                await periods.LockAsync(quarter);
            }
        }
        catch (UserMessageException)
        {
            // A quarter not yet closed cannot be locked; the refusal writes nothing.
        }
    }

    private async Task MoveOrDeleteAsync(Random random)
    {
        await using var db = _harness.Database.OpenContext();
        var ids = await db.Observations.Select(o => o.Id).OrderBy(id => id).ToListAsync();
        if (ids.Count == 0)
        {
            return;
        }
        var id = ids[random.Next(ids.Count)];
        var observation = await db.Observations.SingleAsync(o => o.Id == id);
        switch (random.Next(3))
        {
            case 0:
                db.Observations.Remove(observation);
                break;
            case 1:
                // Moved to another quarter (unless that key is taken): both quarters' totals change.
                var target = observation.Quarter % 3 + 1;
                if (!await db.Observations.AnyAsync(o => o.IndicatorId == observation.IndicatorId && o.Year == observation.Year && o.Quarter == target
                    && o.ProvinceCode == observation.ProvinceCode && o.CountryCode == observation.CountryCode && o.Sex == observation.Sex))
                {
                    observation.Quarter = target;
                }
                break;
            default:
                observation.Value += random.Next(-20, 20) + 0.25;
                break;
        }
        if (random.Next(2) == 0)
        {
            await db.SaveChangesAsync();
        }
        else
        {
            // Inside the caller's own transaction, as the workflow's writers save.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private static (string Code, string Province, string Country, string Sex) RandomCell(Random random) => random.Next(3) switch
    {
        0 => ("P1-PMI-TRAINED", s_provinces[random.Next(s_provinces.Length)], "", random.Next(2) == 0 ? "L" : "P"),
        1 => ("P2-JOB-ORDERS", "", s_countries[random.Next(s_countries.Length)], ""),
        _ => ("P3-UMKM-FACILITATED", s_provinces[random.Next(s_provinces.Length)], "", ""),
    };

    private async Task AssertTotalsMatchAsync(string context)
    {
        await using var db = _harness.Database.OpenContext();
        var observations = await db.Observations.AsNoTracking().ToListAsync();
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(FigureLevel level, Func<Observation, string> code)
        {
            foreach (var g in observations.GroupBy(o => (o.IndicatorId, o.Year, o.Quarter, Code: code(o))))
            {
                expected[$"{(int)level}|{g.Key.Code}|{g.Key.Year}|{g.Key.Quarter}|{g.Key.IndicatorId}"] =
                    Figures(g.Sum(o => o.Value), Sum(g.Select(o => o.Numerator)), Sum(g.Select(o => o.Denominator)), g.Count(),
                        g.Count(o => o.Status == ObservationStatus.Draft), g.Count(o => o.Status == ObservationStatus.Submitted),
                        g.Count(o => o.Status == ObservationStatus.Verified), g.Count(o => o.Status == ObservationStatus.Returned));
            }
        }
        Add(FigureLevel.Total, _ => "");
        Add(FigureLevel.Province, o => o.ProvinceCode);
        Add(FigureLevel.Country, o => o.CountryCode);
        Add(FigureLevel.Sex, o => o.Sex);
        Assert.True(expected.Count > 0 || observations.Count == 0);
        var actual = await TotalsAsync();
        Assert.True(expected.SequenceEqual(actual), $"{context}: expected\n{string.Join("\n", expected)}\nactual\n{string.Join("\n", actual)}");
    }

    private async Task<SortedDictionary<string, string>> TotalsAsync()
    {
        await using var db = _harness.Database.OpenContext();
        var rows = await db.FigureTotals.AsNoTracking().ToListAsync();
        return new SortedDictionary<string, string>(
            rows.ToDictionary(t => $"{(int)t.Level}|{t.Code}|{t.Year}|{t.Quarter}|{t.IndicatorId}", t => Figures(t.Value, t.Numerator, t.Denominator, t.Cells, t.Drafts, t.Submitted, t.Verified, t.Returned)),
            StringComparer.Ordinal);
    }

    private async Task<Dictionary<int, long>> VersionsAsync()
    {
        await using var db = _harness.Database.OpenContext();
        return await db.FigureVersions.AsNoTracking().ToDictionaryAsync(v => v.Year, v => v.Version);
    }

    private static double? Sum(IEnumerable<double?> values) => values.Any(v => v is not null) ? values.Sum() : null;

    // Rounded to 9 decimals: summing in another order may differ in the last bit of a double.
    private static string Figures(double value, double? numerator, double? denominator, int cells, int drafts, int submitted, int verified, int returned) =>
        FormattableString.Invariant(
            $"{Math.Round(value, 9)};{(numerator is { } n ? Math.Round(n, 9) : null)};{(denominator is { } d ? Math.Round(d, 9) : null)};{cells};{drafts}/{submitted}/{verified}/{returned}");
}
