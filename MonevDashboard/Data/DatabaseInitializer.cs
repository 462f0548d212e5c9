using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
using MonevDashboard.Domain.Contracts;
namespace MonevDashboard.Data;

/// <summary>
/// Brings a database to the current schema and seeds what the app cannot work without (reference lists, the
/// results framework, settings, periods) and — on a new database when demo data is asked for (<see cref="DemoMode"/>) —
/// the demo data and accounts. Every step inserts only what is missing, so running it twice changes nothing.
/// Processes started at once take turns (<see cref="DatabaseFileLocks.AcquireMigrationLockAsync"/>): SQLite migrations
/// are not one transaction, and two processes migrating together could each apply half a schema.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<MonevDbContext> contextFactory,
    IConfiguration configuration,
    IAccountSeeding accounts,
    DatabaseLocation location,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The years periods are seeded for: <see cref="ReportingYears"/> decides them.</summary>
    public const int FirstYear = ReportingYears.FirstDataYear;
    public const int LastYear = ReportingYears.LastYear;

    private static readonly TimeSpan s_migrationLockTimeout = TimeSpan.FromMinutes(5);

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        InitializeAsync(DemoMode.IsRequested(configuration), cancellationToken);

    /// <summary>Schema and reference data only, whatever the configuration says (for <c>create-admin</c>).</summary>
    public Task InitializeWithoutDemoDataAsync(CancellationToken cancellationToken = default) =>
        InitializeAsync(demoData: false, cancellationToken);

    private async Task InitializeAsync(bool demoData, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.SuppressAudit = true;
        await using var migrationLock = await DatabaseFileLocks.AcquireMigrationLockAsync(location, s_migrationLockTimeout, cancellationToken);
        // The history table first (under the lock): on a new PostgreSQL database EF Core otherwise reads the missing
        // table, and logs that failed read as an error, once to list applied migrations and once more in MigrateAsync.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var isNew = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
        await db.Database.MigrateAsync(cancellationToken);
        if (DatabaseDialect.Of(location).AfterMigrateSql is { } setup)
        {
            await db.Database.ExecuteSqlRawAsync(setup, cancellationToken);
        }

        await SeedReferenceAsync(db, cancellationToken);
        await SeedFrameworkAsync(db, cancellationToken);
        await SeedSettingsAsync(db, cancellationToken);
        await SeedPeriodsAsync(db, cancellationToken);

        if (isNew && demoData)
        {
            logger.LogInformation("New database: seeding demo data");
            await DemoDataSeeder.SeedAsync(db, cancellationToken);
            await accounts.SeedDemoAccountsAsync(cancellationToken);
        }
        else
        {
            await accounts.EnsureRolesAsync(cancellationToken);
        }
        await QueryPlannerStatistics.RefreshAsync(db, cancellationToken);
    }

    private static async Task SeedReferenceAsync(MonevDbContext db, CancellationToken ct)
    {
        var provinces = await db.Provinces.Select(p => p.Code).ToHashSetAsync(ct);
        db.Provinces.AddRange(ProvinceList.All.Where(p => !provinces.Contains(p.Code))
            .Select(p => new Province { Code = p.Code, Name = p.Name }));
        var countries = await db.Countries.Select(c => c.Code).ToHashSetAsync(ct);
        db.Countries.AddRange(CountryList.All.Where(c => !countries.Contains(c.Code))
            .Select(c => new Country { Code = c.Code, NameId = c.NameId, NameEn = c.NameEn }));
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedFrameworkAsync(MonevDbContext db, CancellationToken ct)
    {
        var pillars = await db.Pillars.ToDictionaryAsync(p => p.Code, ct);
        var order = 0;
        foreach (var seed in ResultsFramework.Pillars)
        {
            order++;
            if (!pillars.ContainsKey(seed.Code))
            {
                var pillar = new Pillar { Code = seed.Code, NameId = seed.NameId, NameEn = seed.NameEn, SortOrder = order };
                db.Pillars.Add(pillar);
                pillars[seed.Code] = pillar;
            }
        }
        await db.SaveChangesAsync(ct);

        // Existing indicators are left as they are: admins may have edited them since.
        var existing = await db.Indicators.Select(i => i.Code).ToHashSetAsync(ct);
        order = 0;
        foreach (var seed in ResultsFramework.Indicators)
        {
            order++;
            if (existing.Contains(seed.Code))
            {
                continue;
            }
            db.Indicators.Add(new Indicator
            {
                Code = seed.Code,
                PillarId = pillars[seed.PillarCode].Id,
                NameId = seed.NameId,
                NameEn = seed.NameEn,
                DefinitionId = seed.DefinitionId,
                DefinitionEn = seed.DefinitionEn,
                Unit = seed.Unit,
                UnitEn = seed.UnitEn,
                Aggregation = seed.Aggregation,
                Direction = Direction.HigherIsBetter,
                Owner = seed.Owner,
                Disaggregations = seed.By,
                DataSource = seed.DataSource,
                BaselineYear = seed.BaselineYear,
                BaselineValue = seed.BaselineValue,
                NumeratorNotAboveDenominator = seed.NumeratorNotAboveDenominator,
                IsActive = true,
                SortOrder = order,
            });
        }
        await db.SaveChangesAsync(ct);

        // Cross-indicator rules likewise: a rule Admin has edited or disabled stays as it is.
        var rules = await db.IndicatorRules.Select(r => r.Code).ToHashSetAsync(ct);
        var ids = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, ct);
        foreach (var seed in ResultsFramework.Rules.Where(r => !rules.Contains(r.Code)))
        {
            db.IndicatorRules.Add(new IndicatorRule
            {
                Code = seed.Code,
                LeftIndicatorId = ids[seed.LeftCode],
                Comparison = seed.Comparison,
                RightIndicatorId = ids[seed.RightCode],
                Scope = seed.Scope,
                MessageId = seed.MessageId,
                MessageEn = seed.MessageEn,
                IsActive = true,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedSettingsAsync(MonevDbContext db, CancellationToken ct)
    {
        var keys = await db.Settings.Select(s => s.Key).ToHashSetAsync(ct);
        if (!keys.Contains(AppSetting.OnTrackThreshold))
        {
            db.Settings.Add(new AppSetting { Key = AppSetting.OnTrackThreshold, Value = "90" });
        }
        if (!keys.Contains(AppSetting.AttentionThreshold))
        {
            db.Settings.Add(new AppSetting { Key = AppSetting.AttentionThreshold, Value = "60" });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedPeriodsAsync(MonevDbContext db, CancellationToken ct)
    {
        var periods = await db.Periods.Select(p => p.Year * 10 + p.Quarter).ToHashSetAsync(ct);
        for (var year = FirstYear; year <= LastYear; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                if (!periods.Contains(year * 10 + quarter))
                {
                    db.Periods.Add(new ReportingPeriod { Year = year, Quarter = quarter, State = PeriodState.Open });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
