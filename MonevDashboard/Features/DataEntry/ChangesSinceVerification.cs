using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.DataEntry;

/// <summary>A figure as it stood when the report was last verified; all null when the cell was blank then.</summary>
public sealed record VerifiedFigure(double? Value, double? Numerator, double? Denominator)
{
    public bool IsBlank => Value is null && Numerator is null && Denominator is null;
}

/// <summary>
/// The cells of a ministry's quarter report that differ now from when the report was last verified, with their value
/// at that verification. The source is the audit trail, the one record of every write whatever its path (entry grid,
/// import, rollback, command line): the last verification is the report's latest audit entry that moved it to Verified (one
/// entry per verify, listing the figures it moved); the figures' create, update and delete entries written after it
/// are undone, newest first, from today's stored figures back to the state at the verification. A cell changed and
/// then changed back is not marked. A verification recorded without an audit entry (the demo data, seeded with the
/// audit suppressed) counts from the report's VerifiedAt: no figure entry can be older than that seeding.
/// The review snapshot (<c>ReviewedFigures</c>) is not used: it freezes indicator totals at a quarter's review
/// meeting, not each cell at a ministry's verification.
/// </summary>
public static class ChangesSinceVerification
{
    public static async Task<IReadOnlyDictionary<CellKey, VerifiedFigure>> LoadAsync(MonevDbContext db, YearQuarter period, Ministry ministry,
        Submission? submission, IReadOnlyDictionary<int, string> indicatorCodes, IReadOnlyCollection<Observation> current,
        CancellationToken cancellationToken)
    {
        var submissionKey = SubmissionAudit.Key(ministry, period.Year, period.Quarter);
        // A verification is the step that moved the report to Verified (its time may repeat when a clock stands still).
        var verified = $"\"Status\":{(int)SubmissionStatus.Verified}";
        var verifiedThenMore = verified + ",";
        var verifiedLast = verified + "}";
        var verification = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == SubmissionAudit.Name && a.EntityKey == submissionKey && a.NewValues != null
                && (a.NewValues.Contains(verifiedThenMore) || a.NewValues.Contains(verifiedLast)))
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.Id, a.At })
            .FirstOrDefaultAsync(cancellationToken);
        if (verification is null && submission?.VerifiedAt is null)
        {
            return new Dictionary<CellKey, VerifiedFigure>();
        }
        var ids = indicatorCodes.Keys.ToList();
        var entries = db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == ObservationAudit.Name && a.Year == period.Year && a.Quarter == period.Quarter
                && a.IndicatorId != null && ids.Contains(a.IndicatorId.Value)
                && a.Action != AuditEntryFormat.StatusChange);
        entries = verification is not null
            ? entries.Where(a => a.Id > verification.Id)
            : entries.Where(a => a.At > submission!.VerifiedAt!.Value);
        var since = await entries.OrderByDescending(a => a.Id)
            .Select(a => new { a.EntityKey, a.IndicatorId, a.Action, a.OldValues })
            .ToListAsync(cancellationToken);
        if (since.Count == 0)
        {
            return new Dictionary<CellKey, VerifiedFigure>();
        }

        var now = current.ToDictionary(ObservationAudit.Key);
        // Undo the entries newest first: what an entry replaced is what the cell held before it.
        var then = new Dictionary<string, VerifiedFigure>();
        foreach (var entry in since)
        {
            var before = then.TryGetValue(entry.EntityKey, out var undone) ? undone
                : now.TryGetValue(entry.EntityKey, out var stored) ? new VerifiedFigure(stored.Value, stored.Numerator, stored.Denominator)
                : new VerifiedFigure(null, null, null);
            then[entry.EntityKey] = entry.Action == AuditEntryFormat.Create ? new VerifiedFigure(null, null, null) : Undo(before, entry.OldValues);
        }

        var changed = new Dictionary<CellKey, VerifiedFigure>();
        foreach (var (key, atVerification) in then)
        {
            var stored = now.GetValueOrDefault(key);
            var same = stored is null
                ? atVerification.IsBlank
                : !atVerification.IsBlank && ObservationRules.SameNumber(atVerification.Value, stored.Value)
                    && ObservationRules.SameNumber(atVerification.Numerator, stored.Numerator)
                    && ObservationRules.SameNumber(atVerification.Denominator, stored.Denominator);
            if (!same && CellOf(key, indicatorCodes) is { } cell)
            {
                changed[cell] = atVerification;
            }
        }
        return changed;
    }

    /// <summary>The figure before an update or delete entry: its old values where it recorded them, else unchanged.</summary>
    private static VerifiedFigure Undo(VerifiedFigure after, string? oldValues)
    {
        if (oldValues is null)
        {
            return after;
        }
        using var json = JsonDocument.Parse(oldValues);
        var root = json.RootElement;
        return new VerifiedFigure(
            Read(root, nameof(Observation.Value), after.Value),
            Read(root, nameof(Observation.Numerator), after.Numerator),
            Read(root, nameof(Observation.Denominator), after.Denominator));
    }

    private static double? Read(JsonElement root, string field, double? otherwise) =>
        !root.TryGetProperty(field, out var value) ? otherwise
            : value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>The grid cell of an audit key "ind=3;2026-Q3;prov=35;country=;sex=P".</summary>
    private static CellKey? CellOf(string key, IReadOnlyDictionary<int, string> indicatorCodes)
    {
        var parts = key.Split(';');
        if (parts.Length != 5 || !parts[0].StartsWith("ind=", StringComparison.Ordinal)
            || !int.TryParse(parts[0]["ind=".Length..], System.Globalization.CultureInfo.InvariantCulture, out var id)
            || !indicatorCodes.TryGetValue(id, out var code))
        {
            return null;
        }
        string Part(int i, string name) => parts[i].StartsWith(name, StringComparison.Ordinal) ? parts[i][name.Length..] : "";
        return new CellKey(code, Part(2, "prov="), Part(3, "country="), Part(4, "sex="));
    }
}
