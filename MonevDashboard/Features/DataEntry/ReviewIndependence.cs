using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Components.Localization;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.DataEntry;

/// <summary>What a user did themselves in one ministry's quarter report: the figures they changed and when they submitted it.</summary>
public sealed record OwnWork(int FiguresChanged, DateTime? LastChange, DateTime? SubmittedAt)
{
    public bool Any => FiguresChanged > 0 || SubmittedAt is not null;
}

/// <summary>
/// Separation of duties: the person who entered or submitted a report cannot give the verifier's verdict on it —
/// neither verify nor return it — because either verdict is recorded as an independent review. The evidence is
/// the audit trail of the report's figures (own and joint indicators of that quarter): every create, change,
/// import, rollback or removal by the user counts, including changes someone later overwrote; workflow steps
/// (a status moved by submit or verify) do not, which is also why <c>Observation.UpdatedBy</c> is not used — the
/// interceptor stamps it on every status move, so it names the last verifier of an earlier round. Figures the
/// user created, and the submission's current and earlier submitters, count too. No role is exempt.
/// </summary>
public static class ReviewIndependence
{
    public static async Task<OwnWork> OwnWorkAsync(MonevDbContext db, YearQuarter period, Ministry ministry, IReadOnlyCollection<int> indicatorIds,
        string userName, CancellationToken cancellationToken)
    {
        var audited = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == ObservationAudit.Name && a.UserName == userName && a.Year == period.Year && a.Quarter == period.Quarter
                && a.IndicatorId != null && indicatorIds.Contains(a.IndicatorId.Value))
            .Where(a => a.Action != AuditEntryFormat.StatusChange || a.NewValues != null
                && (a.NewValues.Contains("\"Value\"") || a.NewValues.Contains("\"Numerator\"") || a.NewValues.Contains("\"Denominator\"")))
            .Select(a => new { a.EntityKey, a.At })
            .ToListAsync(cancellationToken);
        var created = await db.Observations.AsNoTracking()
            .Where(o => o.CreatedBy == userName && o.Year == period.Year && o.Quarter == period.Quarter && indicatorIds.Contains(o.IndicatorId))
            .Select(o => new { o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex, o.CreatedAt })
            .ToListAsync(cancellationToken);
        var changes = audited.Select(a => (a.EntityKey, a.At))
            .Concat(created.Select(o => (ObservationAudit.Key(o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex), o.CreatedAt)))
            .ToList();

        var submissionKey = SubmissionAudit.Key(ministry, period.Year, period.Quarter);
        var submission = await db.Submissions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Year == period.Year && s.Quarter == period.Quarter && s.Ministry == ministry, cancellationToken);
        var submittedEarlier = await LastSubmittedAsync(db, submissionKey, userName, cancellationToken);
        var submittedAt = submission?.SubmittedBy == userName ? submission.SubmittedAt ?? submittedEarlier : submittedEarlier;

        return new OwnWork(changes.Select(c => c.Item1).Distinct().Count(), changes.Count == 0 ? null : changes.Max(c => c.Item2), submittedAt);
    }

    private static Task<DateTime?> LastSubmittedAsync(MonevDbContext db, string submissionKey, string userName, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == SubmissionAudit.Name && a.EntityKey == submissionKey && a.UserName == userName
                && a.NewValues != null && a.NewValues.Contains("\"SubmittedAt\""))
            .MaxAsync(a => (DateTime?)a.At, cancellationToken);

    /// <summary>Why the user may not give the verdict, naming what they did; null when they are independent of the report.</summary>
    public static string? Refusal(OwnWork work, IStringLocalizer localizer) => work switch
    {
        { FiguresChanged: > 0, LastChange: { } last, SubmittedAt: { } submitted } =>
            localizer["Entry.OwnWorkEditedAndSubmitted", work.FiguresChanged, Day(last), Day(submitted)].Value,
        { FiguresChanged: > 0, LastChange: { } last } => localizer["Entry.OwnWorkEdited", work.FiguresChanged, Day(last)].Value,
        { SubmittedAt: { } submitted } => localizer["Entry.OwnWorkSubmitted", Day(submitted)].Value,
        _ => null,
    };

    private static string Day(DateTime utc) => FigureFormatter.Date(ReportingCalendar.WibDate(utc));
}
