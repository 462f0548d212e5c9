using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Data;

/// <summary>
/// What must mean the same on SQLite and PostgreSQL, run on the suite's provider (so in both passes of .ci/run):
/// e-mail look-ups ignore case, figures keep every digit, times come back as stored and order by time, and text orders
/// byte-wise (ordinal), as the PostgreSQL context's "C" collation and SQLite's BINARY do.
/// </summary>
public sealed class ProviderSemanticsTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    private TestDatabase Db => _harness.Database;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AnAccountIsFoundByItsEmailInAnyCaseAndADifferentlyCasedDuplicateIsRefused()
    {
        await using (var admin = Db.Scope())
        {
            await Db.Get<AccountService>(admin).CreateAsync("Siti.Rahma@Kemendag.go.id", "Siti Rahma", Roles.Viewer, null, "Awal#12345");
        }

        await using var scope = Db.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
        foreach (var typed in new[] { "siti.rahma@kemendag.go.id", "SITI.RAHMA@KEMENDAG.GO.ID", " Siti.Rahma@kemendag.GO.id".Trim() })
        {
            var found = await users.FindByEmailAsync(typed);
            Assert.Equal("Siti.Rahma@Kemendag.go.id", found?.Email);
            Assert.Equal("Siti.Rahma@Kemendag.go.id", (await users.FindByNameAsync(typed))?.UserName);
        }
        // The stored spelling is kept as typed; the look-up column is the normalized one.
        await using var db = Db.OpenContext();
        Assert.Equal("SITI.RAHMA@KEMENDAG.GO.ID", await db.Users.Select(u => u.NormalizedEmail).SingleAsync(e => e!.StartsWith("SITI")));

        await using var again = Db.Scope();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Db.Get<AccountService>(again).CreateAsync("SITI.rahma@kemendag.go.id", "Duplikat", Roles.Viewer, null, "Awal#12345"));
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == "SITI.RAHMA@KEMENDAG.GO.ID"));
    }

    [Theory]
    [InlineData(1234567.89)]
    [InlineData(0.1)]
    [InlineData(123456789012.34)]
    [InlineData(1e15 + 0.125)]
    [InlineData(98765432109876.5)]
    [InlineData(0.000001)]
    [InlineData(1.0 / 3.0)]
    public async Task FiguresRoundTripToTheLastDigit(double value)
    {
        await _harness.SeedAsync("P3-UMKM-FACILITATED", 2026, 3, value, province: "35");
        await _harness.SeedAsync("P1-PMI-TRAINED", 2026, 3, value * 2, province: "35", sex: "L");

        await using var db = Db.OpenContext();
        var stored = await db.Observations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Value).ToListAsync();
        Assert.Equal([value, value * 2], stored);
        // Compared in SQL too, as the dashboard's filters compare.
        Assert.Equal(1, await db.Observations.CountAsync(o => o.Value == value));
        // And summed in SQL as the dashboard sums (two addends: exact in IEEE double on both servers).
        Assert.Equal(value + value * 2, await db.Observations.SumAsync(o => o.Value));
    }

    [Fact]
    public async Task TimesRoundTripAsStoredAndOrderByTime()
    {
        // Stored to the microsecond, the finest step both servers keep.
        var wib = TimeSpan.FromHours(7);
        var lockoutEnd = new DateTimeOffset(2026, 11, 28, 17, 30, 15, wib).AddTicks(1234560);
        await using (var admin = Db.Scope())
        {
            var id = await Db.Get<AccountService>(admin).CreateAsync("waktu@monev.go.id", "Waktu", Roles.Viewer, null, "Awal#12345");
            var users = admin.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
            var user = (await users.FindByIdAsync(id))!;
            Assert.True((await users.SetLockoutEndDateAsync(user, lockoutEnd)).Succeeded);
        }
        var times = new[]
        {
            new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc).AddTicks(10),
            new DateTime(2026, 1, 2, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
            new DateTime(2026, 11, 28, 9, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
            new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc),
        };
        await using (var db = Db.OpenContext())
        {
            foreach (var (at, i) in times.Select((t, i) => (t, i)))
            {
                db.AuditEntries.Add(new AuditEntry { At = at, UserName = "waktu", Action = "Update", EntityType = "Uji", EntityKey = $"{i}" });
            }
            await db.SaveChangesAsync();
        }

        await using var read = Db.OpenContext();
        var stored = await read.Users.AsNoTracking().Where(u => u.Email == "waktu@monev.go.id").Select(u => u.LockoutEnd).SingleAsync();
        Assert.Equal(lockoutEnd, stored); // the same instant (PostgreSQL gives it back in UTC, SQLite with its offset)
        Assert.Equal(lockoutEnd.UtcDateTime, stored!.Value.UtcDateTime);
        var ordered = await read.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Uji").OrderBy(a => a.At).Select(a => a.At).ToListAsync();
        Assert.Equal(times.Order(), ordered);
        var after = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(1, await read.AuditEntries.CountAsync(a => a.EntityType == "Uji" && a.At > after));
    }

    [Fact]
    public async Task TextOrdersByteWiseOnBothServers()
    {
        string[] names = ["Zambia", "Österreich", "aceh", "Aceh", "Éire", "Ceko", "Çad", "ceko", "Timor-Leste", "Timor Leste", "Ísland", "Ñandú", "Nauru"];
        await using (var db = Db.OpenContext())
        {
            db.Countries.AddRange(names.Select((n, i) => new Country { Code = $"0{(char)('A' + i)}", NameId = n, NameEn = n }));
            await db.SaveChangesAsync();
        }

        await using var read = Db.OpenContext();
        var codes = names.Select((_, i) => $"0{(char)('A' + i)}").ToList();
        var ordered = await read.Countries.AsNoTracking().Where(c => codes.Contains(c.Code)).OrderBy(c => c.NameId).Select(c => c.NameId).ToListAsync();
        Assert.Equal(names.Order(StringComparer.Ordinal), ordered);
        // The seeded provinces as an ordered query lists them, and the catalogue's indicators by name.
        var provinces = await read.Provinces.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).ToListAsync();
        Assert.Equal(ProvinceList.All.Select(p => p.Name).Order(StringComparer.Ordinal), provinces);
        var indicators = await read.Indicators.AsNoTracking().OrderBy(i => i.NameId).Select(i => i.NameId).ToListAsync();
        Assert.Equal(indicators.Order(StringComparer.Ordinal), indicators);
        // Equality and the search filters' Contains (ReviewService: a typed text, a parameter) are case-sensitive on both:
        // "aceh" is not "Aceh".
        Assert.Equal(["Aceh"], await read.Countries.Where(c => codes.Contains(c.Code) && c.NameId == "Aceh").Select(c => c.NameId).ToListAsync());
        var typed = "Ce";
        Assert.Equal(["Ceko"], await read.Countries.Where(c => codes.Contains(c.Code) && c.NameId.Contains(typed)).Select(c => c.NameId).ToListAsync());
        typed = "eko";
        Assert.Equal(["Ceko", "ceko"], await read.Countries.Where(c => codes.Contains(c.Code) && c.NameId.Contains(typed))
            .OrderBy(c => c.NameId).Select(c => c.NameId).ToListAsync());
    }
}
