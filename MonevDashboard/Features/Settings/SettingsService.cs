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
/// The settings Admin edits: the status thresholds, read where figures are classified
/// (<see cref="FigureQueryService.GetThresholdsAsync"/>), so a save changes every colour on the next render; and the
/// quarterly report's letterhead logos and signatories, read by the report when it is written. Every save is an EF
/// save of <see cref="AppSetting"/> rows, so it goes through the one audit interceptor, with the optional reason.
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

    private static readonly string[] s_reportKeys =
        [AppSetting.PreparerName, AppSetting.ApproverName, AppSetting.ApproverTitle, AppSetting.LogoKemendag, AppSetting.LogoKp2mi];

    /// <summary>The longest name or title the signature block takes.</summary>
    public const int MaxSignatoryLength = 150;

    public async Task<ReportSettings> GetReportSettingsAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageSettings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.AsNoTracking().Where(s => s_reportKeys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        string Text(string key) => stored.GetValueOrDefault(key)?.Value ?? "";
        byte[]? Bytes(string key) => stored.GetValueOrDefault(key)?.BinaryContent is { Length: > 0 } b ? b : null;
        return new ReportSettings(Text(AppSetting.PreparerName), Text(AppSetting.ApproverName), Text(AppSetting.ApproverTitle),
            Bytes(AppSetting.LogoKemendag), Bytes(AppSetting.LogoKp2mi), stored.ToDictionary(p => p.Key, p => p.Value.Version));
    }

    /// <summary>Saves who prepares the report (empty: whoever downloads it) and who approves it, with the title.</summary>
    /// <exception cref="UserMessageException">when a name or title is longer than <see cref="MaxSignatoryLength"/>.</exception>
    /// <exception cref="EditConflictException">when someone saved them after <paramref name="loaded"/>.</exception>
    public async Task SaveSignatoriesAsync(
        string preparerName, string approverName, string approverTitle, ReportSettings loaded, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        guard.Demand(MonevAction.ManageSettings);
        (string Key, string Label, string Value)[] values =
        [
            (AppSetting.PreparerName, localizer["Settings.PreparerName"], (preparerName ?? "").Trim()),
            (AppSetting.ApproverName, localizer["Settings.ApproverName"], (approverName ?? "").Trim()),
            (AppSetting.ApproverTitle, localizer["Settings.ApproverTitle"], (approverTitle ?? "").Trim()),
        ];
        if (values.FirstOrDefault(v => v.Value.Length > MaxSignatoryLength) is { Label: not null } tooLong)
        {
            throw new UserMessageException(localizer["Settings.TextTooLong", tooLong.Label, MaxSignatoryLength]);
        }
        await SaveReportSettingsAsync(values.Select(v => (v.Key, v.Value, (byte[]?)null)), loaded, localizer["Settings.Signatories"], reason, cancellationToken);
    }

    /// <summary>
    /// Stores a letterhead logo (<paramref name="key"/>: <see cref="AppSetting.LogoKemendag"/> or <see cref="AppSetting.LogoKp2mi"/>),
    /// or refuses with a message and stores nothing when it is not a PNG or JPEG of at most <see cref="LogoImage.MaxBytes"/>.
    /// The audit log records the image's type, size and SHA-256 (the setting's value); the bytes stay in the database only.
    /// </summary>
    public async Task SaveLogoAsync(string key, byte[] image, ReportSettings loaded, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(loaded);
        EnsureLogoKey(key);
        guard.Demand(MonevAction.ManageSettings);
        if (LogoProblem(image.Length, image) is { } problem)
        {
            throw new UserMessageException(problem);
        }
        var kind = LogoImage.Detect(image)!;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{kind.ContentType}; {kind.Width}×{kind.Height} px; {image.Length} bytes; SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image))}");
        await SaveReportSettingsAsync([(key, description, image)], loaded, localizer["Settings.Logos"], reason, cancellationToken);
    }

    /// <summary>Removes a letterhead logo: the letterhead then shows that ministry's name only.</summary>
    public async Task RemoveLogoAsync(string key, ReportSettings loaded, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        EnsureLogoKey(key);
        guard.Demand(MonevAction.ManageSettings);
        await SaveReportSettingsAsync([(key, "", Array.Empty<byte>())], loaded, localizer["Settings.Logos"], reason, cancellationToken);
    }

    /// <summary>
    /// Why a file cannot be a logo, in the user's language: larger than <see cref="LogoImage.MaxBytes"/>
    /// (<paramref name="size"/> is the file's size, the bytes may be only its start), or not a PNG/JPEG by its content.
    /// </summary>
    public string? LogoProblem(long size, ReadOnlySpan<byte> bytes)
    {
        if (size > LogoImage.MaxBytes)
        {
            return localizer["Settings.LogoTooLarge", FigureFormatter.Number(Math.Ceiling(size / 1024.0)), FigureFormatter.Number(LogoImage.MaxBytes / 1024)];
        }
        return size == 0 || LogoImage.Detect(bytes) is null ? localizer["Settings.LogoNotImage"].Value : null;
    }

    private static void EnsureLogoKey(string key)
    {
        if (key is not (AppSetting.LogoKemendag or AppSetting.LogoKp2mi))
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, "Not a logo setting.");
        }
    }

    /// <summary>Writes report settings in one audited save, refusing it when any of them changed since <paramref name="loaded"/>.</summary>
    private async Task SaveReportSettingsAsync(
        IEnumerable<(string Key, string Value, byte[]? Content)> values, ReportSettings loaded, string what, string? reason, CancellationToken cancellationToken)
    {
        var changes = values.ToList();
        var keys = changes.Select(c => c.Key).ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        if (keys.Any(k => (stored.GetValueOrDefault(k)?.Version ?? 0) != loaded.VersionOf(k)))
        {
            throw await ReportConflictAsync(db, what, keys, cancellationToken);
        }
        foreach (var (key, value, content) in changes)
        {
            if (stored.TryGetValue(key, out var setting))
            {
                EditConflicts.ExpectVersion(db, setting, loaded.VersionOf(key));
                setting.Value = value;
                if (content is not null)
                {
                    setting.BinaryContent = content.Length == 0 ? null : content;
                }
            }
            else if (value.Length > 0)
            {
                db.Settings.Add(new AppSetting { Key = key, Value = value, BinaryContent = content is { Length: > 0 } ? content : null });
            }
        }
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            throw await ReportConflictAsync(fresh, what, keys, cancellationToken);
        }
    }

    private async Task<EditConflictException> ReportConflictAsync(MonevDbContext db, string what, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var now = await db.Settings.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var current = EditConflicts.Describe([.. keys.Select(k => ((string)localizer["AuditLog.Setting." + k], now.GetValueOrDefault(k) ?? ""))]);
        (string? By, DateTime? At) latest = (null, null);
        foreach (var key in keys)
        {
            var change = await EditConflicts.LastChangeAsync(db, "Setting", key, cancellationToken);
            if ((change.At ?? DateTime.MinValue) > (latest.At ?? DateTime.MinValue))
            {
                latest = change;
            }
        }
        return conflicts.Conflict(what, current, latest.By, latest.At);
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

/// <summary>The report's signatories and logos as stored, with each setting's version (0: not stored).</summary>
public sealed record ReportSettings(
    string PreparerName, string ApproverName, string ApproverTitle, byte[]? KemendagLogo, byte[]? Kp2miLogo,
    IReadOnlyDictionary<string, int> Versions)
{
    public int VersionOf(string key) => Versions.GetValueOrDefault(key);

    public byte[]? Logo(string key) => key == AppSetting.LogoKemendag ? KemendagLogo : Kp2miLogo;
}

/// <summary>The thresholds in force and the versions of the two stored settings (0: not stored, the defaults apply).</summary>
public sealed record ThresholdSettings(StatusThresholds Thresholds, int OnTrackVersion, int AttentionVersion);
