using System.Globalization;
using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How a narrative is audited: keyed by indicator and quarter, stamped with its last change (IUpdateStamped).</summary>
public sealed class NarrativeAudit : AuditDeclaration<Narrative>
{
    public override string EntityType => "Narrative";

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(Narrative.IndicatorId), nameof(Narrative.Year), nameof(Narrative.Quarter)];

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    public override AuditSubject Subject(Narrative entity) =>
        new(AuditKeys.IndicatorPeriod(entity.IndicatorId, entity.Year, entity.Quarter), entity.IndicatorId, entity.Year, entity.Quarter);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeys.ReadIndicatorPeriodText(key, words);
}

/// <summary>How a review meeting's record is audited: keyed by its quarter.</summary>
public sealed class ReviewMeetingAudit : AuditDeclaration<ReviewMeeting>
{
    public override string EntityType => "ReviewMeeting";

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(ReviewMeeting.Year), nameof(ReviewMeeting.Quarter)];

    public override AuditVersioning Versioning => AuditVersioning.StartsAtOne;

    public override AuditSubject Subject(ReviewMeeting entity) => new(AuditKeys.Period(entity.Year, entity.Quarter), null, entity.Year, entity.Quarter);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeys.ReadPeriodText(key, words);
}

/// <summary>How a follow-up is audited: keyed "#id", its status in words.</summary>
public sealed class ActionItemAudit : AuditDeclaration<ActionItem>
{
    public override string EntityType => "ActionItem";

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(ActionItem.ReviewMeetingId)];

    public override AuditVersioning Versioning => AuditVersioning.CountsUpdates;

    public override AuditSubject Subject(ActionItem entity) => new(entity.Id.ToString(CultureInfo.InvariantCulture), entity.IndicatorId);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => new(null, ["#" + key]);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(ActionItem.Status) ? EnumLabel<ActionItemStatus>(value, "ActionStatus.", words) : null;
}
