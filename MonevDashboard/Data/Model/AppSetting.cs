namespace MonevDashboard.Data.Model;

/// <summary>A named setting editable by Admin (e.g. the status thresholds).</summary>
public sealed class AppSetting
{
    public const string OnTrackThreshold = "Status.OnTrackPercent";
    public const string AttentionThreshold = "Status.AttentionPercent";

    public required string Key { get; set; }
    public required string Value { get; set; }
    /// <summary>Concurrency token: bumped on every update by the audit interceptor, so a stale edit is refused.</summary>
    public int Version { get; set; }
}
