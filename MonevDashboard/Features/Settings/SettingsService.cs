using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

using MonevDashboard.Components.Localization;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.Settings;

/// <summary>
/// The settings Admin edits: the status thresholds. They are read where figures are classified
/// (<see cref="FigureQueryService.GetThresholdsAsync"/>), so a save changes every colour on the next render.
/// </summary>
public sealed class SettingsService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, EditConflicts conflicts, IStringLocalizer<SharedResource> localizer)
{
    public async Task<StatusThresholds> GetThresholdsAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageSettings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await FigureQueryService.GetThresholdsAsync(db, cancellationToken);
    }

    /// <summary>The thresholds as the settings form loads them, with the versions a save must still find.</summary>
    public async Task<ThresholdSettings> GetThresholdSettingsAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageSettings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var versions = await VersionsAsync(db, cancellationToken);
        return new ThresholdSettings(await FigureQueryService.GetThresholdsAsync(db, cancellationToken),
            versions.GetValueOrDefault(AppSetting.OnTrackThreshold), versions.GetValueOrDefault(AppSetting.AttentionThreshold));
    }

    /// <summary>
    /// Saves both thresholds, or — when the pair is not valid, or someone else saved the thresholds after the form
    /// loaded <paramref name="loaded"/> — refuses with a message and writes nothing.
    /// </summary>
    /// <exception cref="UserMessageException">when the pair breaks 0 &lt; attention &lt; on-track ≤ 1000.</exception>
    /// <exception cref="EditConflictException">when the stored thresholds changed since <paramref name="loaded"/>.</exception>
    public async Task SaveThresholdsAsync(StatusThresholds thresholds, ThresholdSettings loaded, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(loaded);
        guard.Demand(MonevAction.ManageSettings);
        if (ThresholdProblem(thresholds) is { } problem)
        {
            throw new UserMessageException(problem);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings
            .Where(s => s.Key == AppSetting.OnTrackThreshold || s.Key == AppSetting.AttentionThreshold)
            .ToDictionaryAsync(s => s.Key, cancellationToken);
        int StoredVersion(string key) => stored.GetValueOrDefault(key)?.Version ?? 0;
        if (StoredVersion(AppSetting.OnTrackThreshold) != loaded.OnTrackVersion || StoredVersion(AppSetting.AttentionThreshold) != loaded.AttentionVersion)
        {
            throw await ConflictAsync(db, cancellationToken);
        }
        Set(db, stored, AppSetting.OnTrackThreshold, thresholds.OnTrackPercent, loaded.OnTrackVersion);
        Set(db, stored, AppSetting.AttentionThreshold, thresholds.AttentionPercent, loaded.AttentionVersion);
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            // Saved by someone else between the check above and this write.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            throw await ConflictAsync(fresh, cancellationToken);
        }
    }

    /// <summary>The refusal of a stale save: the thresholds in force now, and who saved them last, when.</summary>
    private async Task<EditConflictException> ConflictAsync(MonevDbContext db, CancellationToken cancellationToken)
    {
        var now = await FigureQueryService.GetThresholdsAsync(db, cancellationToken);
        var current = EditConflicts.Describe([
            (localizer["Settings.OnTrack"], FigureFormatter.Number(now.OnTrackPercent) + "%"),
            (localizer["Settings.Attention"], FigureFormatter.Number(now.AttentionPercent) + "%"),
        ]);
        var onTrack = await EditConflicts.LastChangeAsync(db, "Setting", AppSetting.OnTrackThreshold, cancellationToken);
        var attention = await EditConflicts.LastChangeAsync(db, "Setting", AppSetting.AttentionThreshold, cancellationToken);
        var (by, at) = (attention.At ?? DateTime.MinValue) > (onTrack.At ?? DateTime.MinValue) ? attention : onTrack;
        return conflicts.Conflict(localizer["Settings.Thresholds"], current, by, at);
    }

    private static async Task<Dictionary<string, int>> VersionsAsync(MonevDbContext db, CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking()
            .Where(s => s.Key == AppSetting.OnTrackThreshold || s.Key == AppSetting.AttentionThreshold)
            .ToDictionaryAsync(s => s.Key, s => s.Version, cancellationToken);

    /// <summary>Why a pair of thresholds cannot be saved, in the user's language; null when it can.</summary>
    public string? ThresholdProblem(StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var (onTrack, attention) = (thresholds.OnTrackPercent, thresholds.AttentionPercent);
        if (StatusThresholds.IsValid(onTrack, attention))
        {
            return null;
        }
        if (!double.IsFinite(onTrack) || !double.IsFinite(attention))
        {
            return localizer["Settings.NotFinite"];
        }
        if (attention <= 0)
        {
            return localizer["Settings.AttentionNotPositive"];
        }
        if (onTrack > 1000)
        {
            return localizer["Settings.OnTrackTooHigh", FigureFormatter.Number(onTrack)];
        }
        return localizer["Settings.AttentionNotBelowOnTrack", FigureFormatter.Number(attention), FigureFormatter.Number(onTrack)];
    }

    private static void Set(MonevDbContext db, Dictionary<string, AppSetting> stored, string key, double value, int loadedVersion)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (stored.TryGetValue(key, out var setting))
        {
            EditConflicts.ExpectVersion(db, setting, loadedVersion);
            setting.Value = text;
        }
        else
        {
            db.Settings.Add(new AppSetting { Key = key, Value = text });
        }
    }
}

/// <summary>The thresholds in force and the versions of the two stored settings (0: not stored, the defaults apply).</summary>
public sealed record ThresholdSettings(StatusThresholds Thresholds, int OnTrackVersion, int AttentionVersion);
