using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;

using MonevDashboard.Components.Localization;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// The quarterly report: what it holds (figures from <see cref="FigureQueryService"/>, narratives, follow-ups) and
/// the year's observations as a stream read ahead on another thread, handed to <see cref="QuarterlyReportWriter"/>.
/// Used by the Reports page and the <c>export</c> command.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<MonevDbContext> contextFactory, FigureQueryService figures, TimeProvider clock,
    ReviewSnapshotService snapshots, ICurrentUser currentUser)
{
    public static string FileName(YearQuarter period) => $"Laporan-Monev-PKS-{period.Year}-TW{period.Quarter}.xlsx";

    /// <summary>The quarter the report defaults to: the last one that has ended.</summary>
    public YearQuarter DefaultPeriod => clock.CurrentReportingQuarter();

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
        EnsureValid(period);
        var breakdowns = Task.Run(() => GetBreakdownsAsync(period, cancellationToken), cancellationToken);
        QuarterlyReportContent summary;
        try
        {
            summary = await GetSummaryAsync(period, cancellationToken);
        }
        catch
        {
            await breakdowns.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        var (byProvince, byCountry, bySex) = await breakdowns;
        return summary with { ByProvince = byProvince, ByCountry = byCountry, BySex = bySex };
    }

    /// <summary>The report's content without its breakdowns: the figures, and the narratives and follow-ups.</summary>
    private async Task<QuarterlyReportContent> GetSummaryAsync(YearQuarter period, CancellationToken cancellationToken)
    {
        // Independent queries, each on its own context (SQLite's WAL lets them read side by side): in parallel.
        var indicatorFigures = Task.Run(() => figures.GetIndicatorFiguresAsync(new FigureFilter(period.Year, period.Quarter), cancellationToken), cancellationToken);
        var rest = Task.Run(() => GetNarrativesAndFollowUpsAsync(period, cancellationToken), cancellationToken);
        var reviewLine = Task.Run(() => ReviewLineAsync(period, cancellationToken), cancellationToken);
        var signing = Task.Run(() => GetLetterheadAndSignaturesAsync(period, cancellationToken), cancellationToken);
        await Task.WhenAll(indicatorFigures, rest, reviewLine, signing);
        var (thresholds, narratives, actionItems, observationCount) = await rest;
        var (letterhead, signatures) = await signing;
        return new QuarterlyReportContent(period, clock.GetUtcNow().UtcDateTime, clock.TodayInWib(), thresholds,
            await indicatorFigures, s_noBreakdowns, s_noBreakdowns, narratives, actionItems, observationCount)
        {
            ReviewLine = await reviewLine,
            Letterhead = letterhead,
            Signatures = signatures,
        };
    }

    private static void EnsureValid(YearQuarter period)
    {
        if (!YearQuarter.IsValidQuarter(period.Quarter))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period.Quarter, "A quarter must be between 1 and 4.");
        }
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> s_noBreakdowns = new Dictionary<string, IReadOnlyList<BreakdownRow>>();

    /// <summary>Every indicator's breakdown by province, by country and by sex: three GROUP BYs, in parallel.</summary>
    private async Task<(IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>>, IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>>, IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>>)> GetBreakdownsAsync(
        YearQuarter period, CancellationToken cancellationToken)
    {
        var filter = new FigureFilter(period.Year, period.Quarter);
        var byProvince = Task.Run(() => figures.GetBreakdownsAsync(filter, BreakdownDimension.Province, cancellationToken), cancellationToken);
        var byCountry = Task.Run(() => figures.GetBreakdownsAsync(filter, BreakdownDimension.Country, cancellationToken), cancellationToken);
        var bySex = Task.Run(() => figures.GetBreakdownsAsync(filter, BreakdownDimension.Sex, cancellationToken), cancellationToken);
        await Task.WhenAll(byProvince, byCountry, bySex);
        return (await byProvince, await byCountry, await bySex);
    }

    private static readonly string[] s_signingKeys =
        [AppSetting.LogoKemendag, AppSetting.LogoKp2mi, AppSetting.PreparerName, AppSetting.ApproverName, AppSetting.ApproverTitle];

    /// <summary>
    /// The letterhead's logos and the signature block: the preparer setting (else the person downloading), the verifiers
    /// of the quarter's submissions with the day they verified, and the approving official of the settings. Read here
    /// rather than through the settings page's service, since everyone who may download the report may not manage settings.
    /// </summary>
    private async Task<(ReportLetterhead, ReportSignatures)> GetLetterheadAndSignaturesAsync(YearQuarter period, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.Settings.AsNoTracking().Where(s => s_signingKeys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        string Text(string key) => settings.GetValueOrDefault(key)?.Value.Trim() ?? "";
        byte[]? Image(string key) => settings.GetValueOrDefault(key)?.BinaryContent is { Length: > 0 } bytes ? bytes : null;

        var (year, quarter) = (period.Year, period.Quarter);
        var verified = await db.Submissions.AsNoTracking()
            .Where(s => s.Year == year && s.Quarter == quarter && s.Status == SubmissionStatus.Verified && s.VerifiedBy != null && s.VerifiedAt != null)
            .OrderBy(s => s.Ministry)
            .Select(s => new { s.Ministry, VerifiedBy = s.VerifiedBy!, VerifiedAt = s.VerifiedAt!.Value })
            .ToListAsync(cancellationToken);
        var preparer = Text(AppSetting.PreparerName);
        var names = await AccountNames.DisplayNamesAsync(db, verified.Select(v => v.VerifiedBy).Append(currentUser.UserName), cancellationToken);
        string Person(string account) => AccountNames.Shown(names, account);

        var signatures = new ReportSignatures(
            preparer.Length > 0 ? preparer : Person(currentUser.UserName),
            clock.TodayInWib(),
            [.. verified.Select(v => new ReportVerification(v.Ministry, Person(v.VerifiedBy), ReportingCalendar.WibDate(v.VerifiedAt)))],
            Text(AppSetting.ApproverName), Text(AppSetting.ApproverTitle));
        return (new ReportLetterhead(Image(AppSetting.LogoKemendag), Image(AppSetting.LogoKp2mi)), signatures);
    }

    private async Task<(StatusThresholds, IReadOnlyList<NarrativeRow>, IReadOnlyList<ActionItemRow>, long)> GetNarrativesAndFollowUpsAsync(
        YearQuarter period, CancellationToken cancellationToken)
    {
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
        var observationCount = await ObservationCounts.InYearAsync(db, year, cancellationToken);
        return (thresholds, narratives, actionItems, observationCount);
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
            .Where(a => a.ReviewMeeting!.Year == year || a.Status != ActionItemStatus.Done)
            .Select(a => new
            {
                a.ReviewMeeting!.Year, a.ReviewMeeting.Quarter, a.ReviewMeeting.MeetingDate,
                IndicatorCode = db.Indicators.Where(i => i.Id == a.IndicatorId).Select(i => i.Code).FirstOrDefault(),
                a.Description, a.PicUnit, a.DueDate, a.Status, a.CompletedOn, a.Id,
            })
            .ToListAsync(ct);
        var today = clock.TodayInWib();
        return [.. items
            .OrderBy(a => a.Year).ThenBy(a => a.Quarter).ThenBy(a => a.DueDate).ThenBy(a => a.Id)
            .Select(a => new ActionItemRow(new YearQuarter(a.Year, a.Quarter), a.MeetingDate, a.IndicatorCode, a.Description, a.PicUnit,
                a.DueDate, a.Status, a.CompletedOn, FollowUpDeadline.IsOverdue(a.DueDate, a.Status, today),
                FollowUpDeadline.DaysLate(a.DueDate, a.Status, a.CompletedOn, today)))];
    }

    /// <summary>
    /// Every observation of <paramref name="year"/>, in the Data sheet's columns, in catalogue order and then by
    /// natural key. One prepared query per indicator that walks the natural-key index (no sort), so only the current
    /// row is in memory however large the year is.
    /// </summary>
    /// <remarks>
    /// A plain prepared command on the context's connection rather than an EF query: a year holds hundreds of
    /// thousands of rows, and at that count EF's per-query and per-row work made reading them half as slow again.
    /// </remarks>
    public async IAsyncEnumerable<ObservationExportRow> StreamObservationsAsync(int year, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking()
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new { i.Id, i.Code, i.NameId })
            .ToListAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = DatabaseDialect.CreateCommand(db.Database, """
                SELECT "Quarter", "ProvinceCode", "CountryCode", "Sex", "Value", "Numerator", "Denominator", "Source", "Note", "Status"
                FROM "Observations"
                WHERE "IndicatorId" = @indicator AND "Year" = @year
                ORDER BY "Quarter", "ProvinceCode", "CountryCode", "Sex"
                """);
            var indicatorParameter = DatabaseDialect.AddParameter(command, "@indicator", 0, System.Data.DbType.Int32);
            DatabaseDialect.AddParameter(command, "@year", year, System.Data.DbType.Int32);
            await command.PrepareAsync(cancellationToken);
            foreach (var indicator in indicators)
            {
                indicatorParameter.Value = indicator.Id;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    yield return new ObservationExportRow(indicator.Code, year, reader.GetInt32(0),
                        reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4),
                        reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6),
                        reader.GetString(7), reader.GetString(8), (ObservationStatus)reader.GetInt32(9), indicator.NameId);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Writes the report of <paramref name="period"/> to <paramref name="output"/>; returns the Data rows written.</summary>
    /// <remarks>
    /// At a million observations the work is cut so that the two cores run side by side: the year's observations are
    /// read ahead on one thread from the start, the breakdowns (tens of thousands of groups) are computed while
    /// ClosedXML builds the small sheets, and the rows are written as they arrive (README "Performance").
    /// </remarks>
    public async Task<long> WriteQuarterlyReportAsync(
        Stream output, YearQuarter period, IProgress<ExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        EnsureValid(period);
        progress?.Report(new ExportProgress(ExportStage.Preparing, 0, 0));
        await using var observations = new ReadAhead<ObservationExportRow>(StreamObservationsAsync(period.Year, cancellationToken), cancellationToken: cancellationToken);
        var breakdowns = Task.Run(() => GetBreakdownsAsync(period, cancellationToken), cancellationToken);
        QuarterlyReportContent summary;
        PreparedReport prepared;
        try
        {
            summary = await GetSummaryAsync(period, cancellationToken);
            progress?.Report(new ExportProgress(ExportStage.Preparing, 0, summary.ObservationCount));
            prepared = await Task.Run(() => QuarterlyReportWriter.Prepare(summary), cancellationToken);
        }
        catch
        {
            await breakdowns.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        using (prepared)
        {
            var (byProvince, byCountry, bySex) = await breakdowns;
            var content = summary with { ByProvince = byProvince, ByCountry = byCountry, BySex = bySex };
            return await QuarterlyReportWriter.CompleteAsync(prepared, output, content, observations.ReadAllAsync(cancellationToken), progress, cancellationToken);
        }
    }
}
