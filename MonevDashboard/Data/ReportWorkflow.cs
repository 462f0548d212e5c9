using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Data;

/// <summary>One figure a write changes: its quarter, the ministry owning its indicator, and its state before the write.</summary>
public readonly record struct ChangedFigure(YearQuarter Period, Ministry Owner, ObservationStatus? Status);

/// <summary>
/// The one rule for changing figures of a report that was already submitted, whatever the path (entry grid, import,
/// rollback): the change needs a reason, and every report holding a changed figure goes back to Draft, to be
/// submitted and verified again. A joint (Bersama) figure is in both ministries' reports, so both are reopened.
/// The reopening is written through EF, so its audit entry carries the write's reason: the verifier sees why.
/// </summary>
public static class ReportWorkflow
{
    /// <summary>The ministries whose quarterly report holds a figure of an indicator owned by <paramref name="owner"/>.</summary>
    public static IReadOnlyList<Ministry> ReportsHolding(Ministry owner) =>
        owner == Ministry.Bersama ? [Ministry.Kemendag, Ministry.Kp2mi] : [owner];

    /// <summary>Whether the figure itself is past Draft: changing it changes what was submitted or verified.</summary>
    public static bool IsSubmittedOrVerified(ObservationStatus? status) => status is ObservationStatus.Submitted or ObservationStatus.Verified;

    /// <summary>
    /// Whether changing these figures needs a reason: one of them was submitted or verified, or a report holding
    /// one was submitted at least once.
    /// </summary>
    public static bool NeedsReason(IEnumerable<ChangedFigure> changed, IEnumerable<Submission> reports)
    {
        var figures = changed.ToList();
        if (figures.Any(f => IsSubmittedOrVerified(f.Status)))
        {
            return true;
        }
        var holding = Holding(figures);
        return reports.Any(s => s.FirstSubmittedAt is not null && holding.Contains((new YearQuarter(s.Year, s.Quarter), s.Ministry)));
    }

    /// <summary>The stored reports (no tracking) that hold any of the changed figures, whatever their state.</summary>
    public static async Task<List<Submission>> ReportsAsync(MonevDbContext db, IEnumerable<ChangedFigure> changed, CancellationToken cancellationToken)
    {
        var holding = Holding(changed);
        if (holding.Count == 0)
        {
            return [];
        }
        var years = holding.Select(h => h.Period.Year).Distinct().ToList();
        var submissions = await db.Submissions.AsNoTracking().Where(s => years.Contains(s.Year)).ToListAsync(cancellationToken);
        return [.. submissions.Where(s => holding.Contains((new YearQuarter(s.Year, s.Quarter), s.Ministry)))
            .OrderBy(s => s.Year).ThenBy(s => s.Quarter).ThenBy(s => s.Ministry)];
    }

    /// <summary>The reports a write of these figures would reopen: those holding one that are not Draft.</summary>
    public static IEnumerable<Submission> WouldReopen(IEnumerable<Submission> reports) =>
        reports.Where(s => s.Status != SubmissionStatus.Draft);

    /// <summary>
    /// Puts every report holding a changed figure back to Draft (tracked in <paramref name="db"/>; the caller saves,
    /// with its reason as the audit reason). Returns the reports reopened.
    /// </summary>
    public static async Task<List<Submission>> ReopenAsync(MonevDbContext db, IEnumerable<ChangedFigure> changed, CancellationToken cancellationToken)
    {
        var holding = Holding(changed);
        if (holding.Count == 0)
        {
            return [];
        }
        var years = holding.Select(h => h.Period.Year).Distinct().ToList();
        var reopened = new List<Submission>();
        foreach (var submission in await db.Submissions.Where(s => years.Contains(s.Year)).ToListAsync(cancellationToken))
        {
            if (submission.Status != SubmissionStatus.Draft && holding.Contains((new YearQuarter(submission.Year, submission.Quarter), submission.Ministry)))
            {
                submission.Status = SubmissionStatus.Draft;
                reopened.Add(submission);
            }
        }
        return reopened;
    }

    private static HashSet<(YearQuarter Period, Ministry Ministry)> Holding(IEnumerable<ChangedFigure> changed) =>
        changed.SelectMany(f => ReportsHolding(f.Owner).Select(m => (f.Period, m))).ToHashSet();
}
