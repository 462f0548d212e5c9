using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
namespace MonevDashboard.Data;

public class MonevDbContext(DbContextOptions<MonevDbContext> options) : IdentityDbContext<MonevUser>(options)
{
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
