namespace MonevDashboard.Data.Model;

/// <summary>A named setting editable by Admin (e.g. the status thresholds).</summary>
public sealed class AppSetting
{
    public const string OnTrackThreshold = "Status.OnTrackPercent";
    public const string AttentionThreshold = "Status.AttentionPercent";
    /// <summary>The report letterhead's logo images; <see cref="BinaryContent"/> holds the image, <see cref="Value"/> describes it.</summary>
    public const string LogoKemendag = "Report.LogoKemendag";
    public const string LogoKp2mi = "Report.LogoKp2mi";
    /// <summary>Who prepares the quarterly report (empty: the person who downloads it) and who approves it, with the title.</summary>
    public const string PreparerName = "Report.PreparerName";
    public const string ApproverName = "Report.ApproverName";
    public const string ApproverTitle = "Report.ApproverTitle";

    public required string Key { get; set; }
    public required string Value { get; set; }
    /// <summary>Concurrency token: bumped on every update by the audit interceptor, so a stale edit is refused.</summary>
    public int Version { get; set; }

    /// <summary>
    /// A file setting's bytes (the logos), in the database so every instance serves the same image. Not written into
    /// the audit log (see AuditEntryFormat): the log records <see cref="Value"/>, the file's type, size and SHA-256.
    /// </summary>
    public byte[]? BinaryContent { get; set; }
}
