using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>A figure as the review saw it next to the figure now, for the "changed since the review" view.</summary>
public sealed record SnapshotDifference(
    string IndicatorCode, string Dimension, string DimensionCode, string DimensionName,
    double? ReviewedQuarterValue, double? CurrentQuarterValue, double? ReviewedYearToDate, double? CurrentYearToDate,
    string ReviewedStatus, string CurrentStatus);

public sealed record SnapshotInfo(int Id, YearQuarter Period, DateTime TakenAt, string TakenBy, int Figures);

/// <summary>
/// Freezes every figure the review was shown when its quarter is locked — totals, targets, achievement and status
/// per indicator, and each province, country and sex breakdown — and compares it with the figures now. A snapshot
/// is never updated: a later lock (after an unlock and a correction) adds a new one.
/// </summary>
public sealed class ReviewSnapshotService(IDbContextFactory<MonevDbContext> contextFactory, FigureQueryService figures, FigureViewCache cache)
    : IQuarterLockParticipant
{
    public const string Total = "";

    public async Task OnLockingAsync(MonevDbContext db, YearQuarter period, string lockedBy, DateTime lockedAt, CancellationToken cancellationToken) =>
        await FreezeAsync(db, period, lockedBy, lockedAt, cancellationToken);

    /// <summary>
    /// Writes the snapshot of <paramref name="period"/> in <paramref name="db"/>'s current transaction (the lock's) and
    /// returns how many figures it froze. At a million observations a quarter holds tens of thousands of figures
    /// (every province, country and sex cell of every indicator), which the change tracker took half a minute to save;
    /// they go in by multi-row INSERTs on the transaction's connection instead, as the import's rows do.
    /// </summary>
    public async Task<int> FreezeAsync(MonevDbContext db, YearQuarter period, string takenBy, DateTime takenAt, CancellationToken cancellationToken)
    {
        var figures = await CurrentFiguresAsync(period, cancellationToken);
        var dialect = DatabaseDialect.Of(db);
        var connection = db.Database.GetDbConnection();
        // Locking a quarter calls this inside its transaction; a caller without one gets its own, committed here.
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        long snapshotId;
        await using (var parent = connection.CreateCommand())
        {
            parent.Transaction = transaction;
            parent.CommandText = """
                INSERT INTO "ReviewSnapshots" ("Year", "Quarter", "TakenAt", "TakenBy") VALUES (@year, @quarter, @at, @by) RETURNING "Id"
                """;
            DatabaseDialect.AddParameter(parent, "@year", period.Year);
            DatabaseDialect.AddParameter(parent, "@quarter", period.Quarter);
            DatabaseDialect.AddParameter(parent, "@at", takenAt.Kind == DateTimeKind.Utc ? takenAt : takenAt.ToUniversalTime());
            DatabaseDialect.AddParameter(parent, "@by", takenBy);
            snapshotId = Convert.ToInt64(await parent.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        using (var insert = new MultiRowInsert(dialect, connection, transaction, "SnapshotFigures",
            ["IndicatorId", "Dimension", "DimensionCode", "QuarterValue", "YearToDateValue", "Target", "AchievementPercent", "Status"],
            [("ReviewSnapshotId", snapshotId)]))
        {
            foreach (var f in figures)
            {
                insert.Add(f.IndicatorId, f.Dimension, f.DimensionCode, f.QuarterValue, f.YearToDateValue, f.Target, f.AchievementPercent, f.Status);
            }
            insert.Flush();
        }
        // Written beside the change tracker: the year's cached views (the "as reviewed" banner) must see it.
        await FigureTotals.BumpAsync(connection, transaction, [period.Year], cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
        return figures.Count;
    }

    public async Task<SnapshotInfo?> LatestAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewSnapshots.AsNoTracking()
            .Where(s => s.Year == period.Year && s.Quarter == period.Quarter)
            .OrderByDescending(s => s.TakenAt).ThenByDescending(s => s.Id)
            .Select(s => new SnapshotInfo(s.Id, new YearQuarter(s.Year, s.Quarter), s.TakenAt, s.TakenBy, s.Figures.Count))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The figures of a snapshot, keyed by (indicator id, dimension, code).</summary>
    public async Task<IReadOnlyDictionary<(int IndicatorId, string Dimension, string Code), SnapshotFigure>> FiguresAsync(
        int snapshotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SnapshotFigures.AsNoTracking().Where(f => f.ReviewSnapshotId == snapshotId)
            .ToDictionaryAsync(f => (f.IndicatorId, f.Dimension, f.DimensionCode), cancellationToken);
    }

    /// <summary>
    /// Every figure whose value or status differs now from the latest snapshot of the quarter; shared by every
    /// circuit until a write touches the quarter's year (<see cref="FigureViewCache"/>).
    /// </summary>
    public async Task<IReadOnlyList<SnapshotDifference>> ChangesSinceReviewAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var window = period.Minus(FigureQueryService.TrendQuarters - 1);
        return await cache.GetAsync<IReadOnlyList<SnapshotDifference>>(db, $"changes|{period}", window.Year, period.Year,
            ct => CompareAsync(period, ct), cancellationToken);
    }

    /// <summary>
    /// The quarter's figures as its review saw them, to show beside or instead of the current ones; null when the
    /// quarter has no snapshot. Shared by every circuit until a write touches the quarter's years.
    /// </summary>
    public async Task<ReviewedFigures?> ReviewedAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        ReviewedFigures reviewed;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var window = period.Minus(FigureQueryService.TrendQuarters - 1);
            reviewed = await cache.GetAsync(db, $"reviewed|{period}", window.Year, period.Year, ct => LoadReviewedAsync(period, ct), cancellationToken);
        }
        return reviewed.Snapshot is null ? null : reviewed;
    }

    private async Task<ReviewedFigures> LoadReviewedAsync(YearQuarter period, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(period, cancellationToken);
        if (latest is null)
        {
            return new ReviewedFigures(null, new Dictionary<int, SnapshotFigure>(), new HashSet<string>());
        }
        var totals = (await FiguresAsync(latest.Id, cancellationToken)).Where(f => f.Key.Dimension == Total)
            .ToDictionary(f => f.Key.IndicatorId, f => f.Value);
        var changed = (await ChangesSinceReviewAsync(period, cancellationToken)).Where(c => c.Dimension == Total)
            .Select(c => c.IndicatorCode).ToHashSet(StringComparer.Ordinal);
        return new ReviewedFigures(latest, totals, changed);
    }

    private async Task<IReadOnlyList<SnapshotDifference>> CompareAsync(YearQuarter period, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(period, cancellationToken);
        if (latest is null)
        {
            return [];
        }
        var reviewed = await FiguresAsync(latest.Id, cancellationToken);
        var current = (await CurrentFiguresAsync(period, cancellationToken)).ToDictionary(f => (f.IndicatorId, f.Dimension, Code: f.DimensionCode));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var codes = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var names = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => "Province:" + p.Code, p => p.Name, cancellationToken);
        foreach (var c in await db.Countries.AsNoTracking().ToListAsync(cancellationToken))
        {
            names["Country:" + c.Code] = c.NameId;
        }
        foreach (var sex in Vocabulary.Sexes)
        {
            names["Sex:" + sex] = Vocabulary.SexName(sex);
        }
        return [.. reviewed.Keys.Union(current.Keys)
            .Select(key => (key, before: reviewed.GetValueOrDefault(key), after: current.GetValueOrDefault(key)))
            .Where(x => !Same(x.before, x.after))
            .OrderBy(x => codes.GetValueOrDefault(x.key.IndicatorId), StringComparer.Ordinal).ThenBy(x => x.key.Dimension).ThenBy(x => x.key.Code)
            .Select(x => new SnapshotDifference(codes.GetValueOrDefault(x.key.IndicatorId, "?"), x.key.Dimension, x.key.Code,
                names.GetValueOrDefault($"{x.key.Dimension}:{x.key.Code}", x.key.Code),
                x.before?.QuarterValue, x.after?.QuarterValue, x.before?.YearToDateValue, x.after?.YearToDateValue,
                x.before?.Status ?? "", x.after?.Status ?? ""))];
    }

    private async Task<List<SnapshotFigure>> CurrentFiguresAsync(YearQuarter period, CancellationToken cancellationToken)
    {
        var filter = new FigureFilter(period.Year, period.Quarter);
        var indicatorFigures = await figures.GetIndicatorFiguresAsync(filter, cancellationToken);
        var result = indicatorFigures
            .Select(f => new SnapshotFigure
            {
                IndicatorId = f.IndicatorId,
                Dimension = Total,
                DimensionCode = "",
                QuarterValue = f.QuarterValue,
                YearToDateValue = f.YearToDateValue,
                Target = f.Achievement.TargetUsed,
                AchievementPercent = f.Achievement.AchievementPercent,
                Status = f.Achievement.Status.ToString(),
            }).ToList();
        var codeToId = indicatorFigures.ToDictionary(f => f.Code, f => f.IndicatorId);
        foreach (var dimension in Enum.GetValues<BreakdownDimension>())
        {
            foreach (var (code, rows) in await figures.GetBreakdownsAsync(filter, dimension, cancellationToken))
            {
                result.AddRange(rows.Select(r => new SnapshotFigure
                {
                    IndicatorId = codeToId[code],
                    Dimension = dimension.ToString(),
                    DimensionCode = r.Code,
                    QuarterValue = r.QuarterValue,
                    YearToDateValue = r.YearToDateValue,
                }));
            }
        }
        return result;
    }

    private static bool Same(SnapshotFigure? a, SnapshotFigure? b) =>
        a is not null && b is not null && Close(a.QuarterValue, b.QuarterValue) && Close(a.YearToDateValue, b.YearToDateValue) && a.Status == b.Status;

    private static bool Close(double? a, double? b) =>
        a is null && b is null || a is { } x && b is { } y && Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
}
