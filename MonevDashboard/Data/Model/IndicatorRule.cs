using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How the left indicator's figure must compare with the right one's.</summary>
public enum RuleComparison
{
    AtMost = 0,
    AtLeast = 1,
    Equal = 2,
}

/// <summary>Which figures a rule compares: the two indicators' quarter totals, or each province, country and sex both report.</summary>
public enum RuleScope
{
    Totals = 0,
    SameCell = 1,
}

/// <summary>
/// A check between two indicators of the same quarter ("certified ≤ trained"): declared with the results framework
/// (<see cref="ResultsFramework.Rules"/>), editable by Admin, evaluated by <see cref="Figures.CrossIndicatorChecks"/>.
/// A broken rule is a warning, never a refusal: the figures may be right and the rule's assumption wrong for a
/// quarter, which the review page's explanation says.
/// </summary>
public sealed class IndicatorRule : IUpdateStamped
{
    public int Id { get; set; }
    /// <summary>Stable name of the rule (e.g. "CERTIFIED-LE-TRAINED"): how the seed finds it and how the audit names it.</summary>
    public required string Code { get; set; }
    public int LeftIndicatorId { get; set; }
    public Indicator? LeftIndicator { get; set; }
    public RuleComparison Comparison { get; set; }
    public int RightIndicatorId { get; set; }
    public Indicator? RightIndicator { get; set; }
    public RuleScope Scope { get; set; }
    /// <summary>Why the rule holds, in Bahasa Indonesia and in English: shown with every violation.</summary>
    public string MessageId { get; set; } = "";
    public string MessageEn { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    /// <summary>Concurrency token, bumped on every update by the audit interceptor.</summary>
    public int Version { get; set; }

    public string Message(bool english) => english && MessageEn.Length > 0 ? MessageEn : MessageId;
}

/// <summary>
/// A reviewer's explanation of one violation of a rule in one quarter and one place (the totals: level Total, code
/// ""; or one province, country or sex): once explained it leaves the review page's open list.
/// </summary>
public sealed class RuleExplanation : IUpdateStamped
{
    public long Id { get; set; }
    public int RuleId { get; set; }
    public IndicatorRule? Rule { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public FigureLevel Level { get; set; }
    public string Code { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Who explained it and when (UTC).</summary>
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class IndicatorRuleConfiguration : IEntityTypeConfiguration<IndicatorRule>
{
    public void Configure(EntityTypeBuilder<IndicatorRule> builder)
    {
        builder.ToTable("IndicatorRules");
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.Code).HasMaxLength(60);
        builder.Property(r => r.MessageId).HasMaxLength(500);
        builder.Property(r => r.MessageEn).HasMaxLength(500);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.HasOne(r => r.LeftIndicator).WithMany().HasForeignKey(r => r.LeftIndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.RightIndicator).WithMany().HasForeignKey(r => r.RightIndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class RuleExplanationConfiguration : IEntityTypeConfiguration<RuleExplanation>
{
    public void Configure(EntityTypeBuilder<RuleExplanation> builder)
    {
        builder.ToTable("RuleExplanations");
        builder.HasIndex(e => new { e.Year, e.Quarter, e.RuleId, e.Level, e.Code }).IsUnique();
        builder.Property(e => e.Code).HasMaxLength(2);
        builder.Property(e => e.Text).HasMaxLength(2000);
        builder.Property(e => e.UpdatedBy).HasMaxLength(256);
        builder.HasOne(e => e.Rule).WithMany().HasForeignKey(e => e.RuleId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}

/// <summary>How a cross-indicator rule is audited: keyed by its code, its comparison and scope in words.</summary>
public sealed class IndicatorRuleAudit : AuditDeclaration<IndicatorRule>
{
    public override string EntityType => "IndicatorRule";

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    public override AuditSubject Subject(IndicatorRule entity) => new(entity.Code, entity.LeftIndicatorId == 0 ? null : entity.LeftIndicatorId);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeyText.Plain(key);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) => field switch
    {
        nameof(IndicatorRule.Comparison) => EnumLabel<RuleComparison>(value, "CrossRule.Comparison.", words),
        nameof(IndicatorRule.Scope) => EnumLabel<RuleScope>(value, "CrossRule.Scope.", words),
        _ => null,
    };
}

/// <summary>How an explanation of a violation is audited: keyed by rule, quarter and place.</summary>
public sealed class RuleExplanationAudit : AuditDeclaration<RuleExplanation>
{
    public override string EntityType => "RuleExplanation";

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    public override AuditSubject Subject(RuleExplanation entity) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{entity.RuleId}/{entity.Year}-Q{entity.Quarter}/{entity.Level}/{entity.Code}"),
            null, entity.Year, entity.Quarter);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeyText.Plain(key);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(RuleExplanation.Level) ? EnumLabel<FigureLevel>(value, "CrossRule.Level.", words) : null;
}
