using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Indicators;

/// <summary>A cross-indicator rule as the admin list shows it.</summary>
public sealed record IndicatorRuleRow(int Id, string Code, int LeftIndicatorId, string LeftCode, RuleComparison Comparison,
    int RightIndicatorId, string RightCode, RuleScope Scope, string MessageId, string MessageEn, bool IsActive, int Version)
{
    public string Message(bool english) => english && MessageEn.Length > 0 ? MessageEn : MessageId;
}

/// <summary>What the admin form edits; <see cref="Id"/> 0 adds a rule.</summary>
public sealed class IndicatorRuleEdit
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int LeftIndicatorId { get; set; }
    public RuleComparison Comparison { get; set; }
    public int RightIndicatorId { get; set; }
    public RuleScope Scope { get; set; }
    public string MessageId { get; set; } = "";
    public string MessageEn { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }

    public static IndicatorRuleEdit Of(IndicatorRuleRow row) => new()
    {
        Id = row.Id, Code = row.Code, LeftIndicatorId = row.LeftIndicatorId, Comparison = row.Comparison, RightIndicatorId = row.RightIndicatorId,
        Scope = row.Scope, MessageId = row.MessageId, MessageEn = row.MessageEn, IsActive = row.IsActive, Version = row.Version,
    };
}

/// <summary>
/// Admin's editing of the cross-indicator rules (<see cref="IndicatorRule"/>): only those who may manage indicators,
/// every save checked and audited by the save interceptor like the indicator's own metadata.
/// </summary>
public sealed partial class IndicatorRuleAdminService(
    IDbContextFactory<MonevDbContext> contextFactory,
    AccessGuard guard,
    IStringLocalizer<SharedResource> localizer)
{
    public const int MaxMessageLength = 500;

    public async Task<IReadOnlyList<IndicatorRuleRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageIndicators);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.IndicatorRules.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => new IndicatorRuleRow(r.Id, r.Code, r.LeftIndicatorId, r.LeftIndicator!.Code, r.Comparison, r.RightIndicatorId,
                r.RightIndicator!.Code, r.Scope, r.MessageId, r.MessageEn, r.IsActive, r.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Saves the rule, or returns why not and writes nothing.</summary>
    /// <exception cref="AccessDeniedException">when the user may not manage indicators.</exception>
    /// <exception cref="UserMessageException">when the rule no longer exists or someone else changed it meanwhile.</exception>
    public async Task<IReadOnlyList<string>> SaveAsync(IndicatorRuleEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        guard.Demand(MonevAction.ManageIndicators);
        var code = edit.Code.Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Id == edit.LeftIndicatorId || i.Id == edit.RightIndicatorId)
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var errors = new List<string>();
        if (!CodePattern().IsMatch(code))
        {
            errors.Add(localizer["CrossRule.CodeInvalid"]);
        }
        else if (await db.IndicatorRules.AnyAsync(r => r.Code == code && r.Id != edit.Id, cancellationToken))
        {
            errors.Add(localizer["CrossRule.CodeTaken", code]);
        }
        if (!indicators.ContainsKey(edit.LeftIndicatorId) || !indicators.ContainsKey(edit.RightIndicatorId))
        {
            errors.Add(localizer["CrossRule.IndicatorRequired"]);
        }
        else if (edit.LeftIndicatorId == edit.RightIndicatorId)
        {
            errors.Add(localizer["CrossRule.SameIndicator"]);
        }
        errors.AddRange(indicators.Values.Where(i => i.Aggregation == TimeAggregation.Derived).Select(i => localizer["CrossRule.DerivedIndicator", i.Code].Value));
        if (!Enum.IsDefined(edit.Comparison) || !Enum.IsDefined(edit.Scope))
        {
            errors.Add(localizer["CrossRule.IndicatorRequired"]);
        }
        if (string.IsNullOrWhiteSpace(edit.MessageId))
        {
            errors.Add(localizer["CrossRule.MessageRequired"]);
        }
        if (edit.MessageId.Trim().Length > MaxMessageLength || edit.MessageEn.Trim().Length > MaxMessageLength)
        {
            errors.Add(localizer["CrossRule.MessageTooLong", MaxMessageLength]);
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        IndicatorRule rule;
        if (edit.Id == 0)
        {
            rule = new IndicatorRule { Code = code };
            db.IndicatorRules.Add(rule);
        }
        else
        {
            rule = await db.IndicatorRules.FirstOrDefaultAsync(r => r.Id == edit.Id, cancellationToken)
                ?? throw new UserMessageException(localizer["CrossRule.NotFound"]);
            if (rule.Version != edit.Version)
            {
                throw new UserMessageException(localizer["CrossRule.ChangedMeanwhile", rule.Code]);
            }
            EditConflicts.ExpectVersion(db, rule, edit.Version);
            rule.Code = code;
        }
        rule.LeftIndicatorId = edit.LeftIndicatorId;
        rule.Comparison = edit.Comparison;
        rule.RightIndicatorId = edit.RightIndicatorId;
        rule.Scope = edit.Scope;
        rule.MessageId = edit.MessageId.Trim();
        rule.MessageEn = edit.MessageEn.Trim();
        rule.IsActive = edit.IsActive;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            throw new UserMessageException(localizer["CrossRule.ChangedMeanwhile", code]);
        }
        return [];
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,59}$")]
    private static partial Regex CodePattern();
}
