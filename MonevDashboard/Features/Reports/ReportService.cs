using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Localization;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// The quarterly report: what it holds (figures from <see cref="FigureQueryService"/>, narratives, follow-ups) and
/// the year's observations as a stream read page by page without tracking, handed to
/// <see cref="QuarterlyReportWriter"/>. Used by the Reports page and the <c>export</c> command.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<MonevDbContext> contextFactory, FigureQueryService figures, TimeProvider clock,
    QuarterlyReview.ReviewSnapshotService snapshots)
{
    public static string FileName(YearQuarter period) => $"Laporan-Monev-PKS-{period.Year}-TW{period.Quarter}.xlsx";

    /// <summary>The quarter the report defaults to: the last one that has ended.</summary>
    public YearQuarter DefaultPeriod => figures.CurrentReportingQuarter;

    /// <summary>The years that have reporting periods, oldest first.</summary>
    public async Task<IReadOnlyList<int>> GetReportYearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Periods.AsNoTracking().Select(p => p.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);
    }

    public async Task<ReportPeriodCheck> CheckPeriodAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        var years = await GetReportYearsAsync(cancellationToken);
        return new ReportPeriodCheck(years.Contains(year), YearQuarter.IsValidQuarter(quarter),
            years.Count > 0 ? years[0] : 0, years.Count > 0 ? years[^1] : 0);
    }

    public async Task<QuarterlyReportContent> GetContentAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        if (!YearQuarter.IsValidQuarter(period.Quarter))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period.Quarter, "A quarter must be between 1 and 4.");
        }
        var filter = new FigureFilter(period.Year, period.Quarter);
        var indicatorFigures = await figures.GetIndicatorFiguresAsync(filter, cancellationToken);
        var byProvince = await figures.GetBreakdownsAsync(filter, BreakdownDimension.Province, cancellationToken);
        var byCountry = await figures.GetBreakdownsAsync(filter, BreakdownDimension.Country, cancellationToken);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var thresholds = await FigureQueryService.GetThresholdsAsync(db, cancellationToken);
        var (year, quarter) = (period.Year, period.Quarter);
        var narratives = await (
                from n in db.Narratives.AsNoTracking()
                join i in db.Indicators.AsNoTracking() on n.IndicatorId equals i.Id
                where n.Year == year && n.Quarter == quarter
                orderby i.Pillar!.SortOrder, i.SortOrder
                select new NarrativeRow(i.Code, i.NameId, n.Analysis, n.Obstacles, n.FollowUpPlan, n.UpdatedBy, n.UpdatedAt))
            .ToListAsync(cancellationToken);
        var actionItems = await GetActionItemsAsync(db, period, cancellationToken);
        var observationCount = await db.Observations.AsNoTracking().LongCountAsync(o => o.Year == year, cancellationToken);
        return new QuarterlyReportContent(period, clock.GetUtcNow().UtcDateTime, figures.Today, thresholds,
            indicatorFigures, byProvince, byCountry, narratives, actionItems, observationCount)
        {
            ReviewLine = await ReviewLineAsync(period, cancellationToken),
        };
    }

    /// <summary>"As reviewed on …" or "provisional": the report says which figures it holds.</summary>
    private async Task<string> ReviewLineAsync(YearQuarter period, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LatestAsync(period, cancellationToken);
        if (snapshot is null)
        {
            return "Status: angka sementara — triwulan ini belum ditinjau dan dikunci.";
        }
        var changes = (await snapshots.ChangesSinceReviewAsync(period, cancellationToken)).Count;
        return changes == 0
            ? $"Status: sesuai rapat tinjauan (dikunci {FigureFormatter.DateTimeWib(snapshot.TakenAt)})."
            : $"Status: angka terkini; {changes} angka berubah sejak rapat tinjauan ({FigureFormatter.DateTimeWib(snapshot.TakenAt)}).";
    }

    /// <summary>
    /// Follow-ups of the review meetings of the report's year up to its quarter, and those of earlier meetings
    /// that are still not done — what the meeting must chase.
    /// </summary>
    private async Task<IReadOnlyList<ActionItemRow>> GetActionItemsAsync(MonevDbContext db, YearQuarter period, CancellationToken ct)
    {
        var (year, last) = (period.Year, period.Index);
        var items = await db.ActionItems.AsNoTracking()
            .Where(a => a.ReviewMeeting!.Year * 4 + a.ReviewMeeting.Quarter - 1 <= last)
            .Where(a => a.ReviewMeeting!.Year == year || a.Status != QuarterlyReview.ActionItemStatus.Done)
            .Select(a => new
            {
                a.ReviewMeeting!.Year, a.ReviewMeeting.Quarter, a.ReviewMeeting.MeetingDate,
                IndicatorCode = db.Indicators.Where(i => i.Id == a.IndicatorId).Select(i => i.Code).FirstOrDefault(),
                a.Description, a.PicUnit, a.DueDate, a.Status, a.CompletedOn, a.Id,
            })
            .ToListAsync(ct);
        var today = figures.Today;
        return [.. items
            .OrderBy(a => a.Year).ThenBy(a => a.Quarter).ThenBy(a => a.DueDate).ThenBy(a => a.Id)
            .Select(a => new ActionItemRow(new YearQuarter(a.Year, a.Quarter), a.MeetingDate, a.IndicatorCode, a.Description, a.PicUnit,
                a.DueDate, a.Status, a.CompletedOn, a.Status != QuarterlyReview.ActionItemStatus.Done && today > a.DueDate))];
    }

    /// <summary>
    /// Every observation of <paramref name="year"/>, in the Data sheet's columns, in catalogue order and then by
    /// natural key. Read without tracking, one streaming query per indicator that walks the natural-key index (no
    /// sort), so only the current row is in memory however large the year is.
    /// </summary>
    public async IAsyncEnumerable<ObservationExportRow> StreamObservationsAsync(int year, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking()
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new { i.Id, i.Code })
            .ToListAsync(cancellationToken);
        foreach (var indicator in indicators)
        {
            var rows = db.Observations.AsNoTracking()
                .Where(o => o.IndicatorId == indicator.Id && o.Year == year)
                .OrderBy(o => o.Quarter).ThenBy(o => o.ProvinceCode).ThenBy(o => o.CountryCode).ThenBy(o => o.Sex)
                .Select(o => new ObservationExportRow(indicator.Code, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex,
                    o.Value, o.Numerator, o.Denominator, o.Source, o.Note))
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                yield return row;
            }
        }
    }

    /// <summary>Writes the report of <paramref name="period"/> to <paramref name="output"/>; returns the Data rows written.</summary>
    public async Task<long> WriteQuarterlyReportAsync(
        Stream output, YearQuarter period, IProgress<ExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new ExportProgress(ExportStage.Preparing, 0, 0));
        var content = await GetContentAsync(period, cancellationToken);
        return await QuarterlyReportWriter.WriteAsync(output, content, StreamObservationsAsync(period.Year, cancellationToken), progress, cancellationToken);
    }
}
