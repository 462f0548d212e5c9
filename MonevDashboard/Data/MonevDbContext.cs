using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
namespace MonevDashboard.Data;

/// <summary>
/// The app's one model. On SQLite this type is the context (its migrations are in Data/Migrations); on PostgreSQL
/// <see cref="PostgresMonevDbContext"/> derives from it so that its migrations (Data/Migrations/Postgres) are its own,
/// EF Core's documented way of keeping one set of migrations per provider.
/// </summary>
public class MonevDbContext : IdentityDbContext<MonevUser>, IDataProtectionKeyContext
{
    public MonevDbContext(DbContextOptions<MonevDbContext> options)
        : base(options)
    {
    }

    protected MonevDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Pillar> Pillars => Set<Pillar>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<ReportingPeriod> Periods => Set<ReportingPeriod>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Narrative> Narratives => Set<Narrative>();
    public DbSet<ReviewMeeting> ReviewMeetings => Set<ReviewMeeting>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<ReviewSnapshot> ReviewSnapshots => Set<ReviewSnapshot>();
    public DbSet<SnapshotFigure> SnapshotFigures => Set<SnapshotFigure>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportBatchChange> ImportBatchChanges => Set<ImportBatchChange>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<FigureTotal> FigureTotals => Set<FigureTotal>();
    public DbSet<FigureVersion> FigureVersions => Set<FigureVersion>();
    public DbSet<IndicatorRule> IndicatorRules => Set<IndicatorRule>();
    public DbSet<RuleExplanation> RuleExplanations => Set<RuleExplanation>();
    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();

    /// <summary>The cookie and antiforgery keys every app instance shares (ASP.NET Core data protection).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Why the pending changes are made; written into each audit entry of the next save.</summary>
    public string? AuditReason { get; set; }

    /// <summary>The import batch the pending changes belong to, if any.</summary>
    public long? AuditImportBatchId { get; set; }

    /// <summary>Seeding of reference and demo data is not a user's action and is not audited.</summary>
    public bool SuppressAudit { get; set; }

    /// <summary>
    /// The record the pending changes are one workflow step of (a report submitted, verified, returned): the records
    /// whose status moved with it are listed in its one audit entry instead of one entry each.
    /// </summary>
    public object? AuditOneEntryFor { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MonevDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            PostgresDialect.Apply(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite stores it as ISO text, which sorts and compares correctly.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>The context type PostgreSQL's migrations (Data/Migrations/Postgres) belong to; the model is the same.</summary>
public sealed class PostgresMonevDbContext(DbContextOptions<PostgresMonevDbContext> options) : MonevDbContext(options);

/// <summary>
/// What the one model needs to mean the same on PostgreSQL as on SQLite: text compares and sorts byte-wise (the
/// "C" collation, as SQLite's BINARY does), and check constraints name their columns quoted, because PostgreSQL
/// folds unquoted names to lower case while EF Core creates them as written.
/// </summary>
internal static partial class PostgresDialect
{
    public const string BinaryCollation = "C";

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset> s_utcOffset =
        new(v => v.ToUniversalTime(), v => v);

    public static void Apply(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                property.SetCollation(BinaryCollation);
            }
            // timestamptz holds an instant: Npgsql refuses a DateTimeOffset with an offset, which SQLite stores as
            // given. The same instant in UTC, so a time in WIB saves on both (and compares as the same instant).
            foreach (var property in entityType.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(s_utcOffset);
            }
            var columns = entityType.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
            foreach (var constraint in entityType.GetCheckConstraints().ToList())
            {
                var sql = Identifier().Replace(constraint.Sql, m => columns.Contains(m.Value) ? $"\"{m.Value}\"" : m.Value);
                entityType.RemoveCheckConstraint(constraint.ModelName);
                entityType.AddCheckConstraint(constraint.ModelName, sql);
            }
        }
    }

    // A bare word outside quotes: enough for the constraints' simple SQL (column names, keywords, numbers).
    [GeneratedRegex(@"(?<!['""\w])[A-Za-z_][A-Za-z0-9_]*(?!['""\w])")]
    private static partial Regex Identifier();
}
