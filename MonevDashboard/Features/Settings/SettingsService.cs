using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.Achievement;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Localization;

namespace MonevDashboard.Features.Settings;

/// <summary>
/// The settings Admin edits: the status thresholds. They are read where figures are classified
/// (<see cref="FigureQueryService.GetThresholdsAsync"/>), so a save changes every colour on the next render.
/// </summary>
public sealed class SettingsService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, IStringLocalizer<SharedResource> localizer)
{
    public async Task<StatusThresholds> GetThresholdsAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageSettings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await FigureQueryService.GetThresholdsAsync(db, cancellationToken);
    }

    /// <summary>Saves both thresholds, or — when the pair is not valid — refuses with a message and writes nothing.</summary>
    /// <exception cref="UserMessageException">when the pair breaks 0 &lt; attention &lt; on-track ≤ 1000.</exception>
    public async Task SaveThresholdsAsync(StatusThresholds thresholds, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        guard.Demand(MonevAction.ManageSettings);
        if (ThresholdProblem(thresholds) is { } problem)
        {
            throw new UserMessageException(problem);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings
            .Where(s => s.Key == AppSetting.OnTrackThreshold || s.Key == AppSetting.AttentionThreshold)
            .ToDictionaryAsync(s => s.Key, cancellationToken);
        Set(db, stored, AppSetting.OnTrackThreshold, thresholds.OnTrackPercent);
        Set(db, stored, AppSetting.AttentionThreshold, thresholds.AttentionPercent);
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
    }

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

    private static void Set(MonevDbContext db, Dictionary<string, AppSetting> stored, string key, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (stored.TryGetValue(key, out var setting))
        {
            setting.Value = text;
        }
        else
        {
            db.Settings.Add(new AppSetting { Key = key, Value = text });
        }
    }
}
