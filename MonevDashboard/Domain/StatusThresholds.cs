namespace MonevDashboard.Domain;

/// <summary>
/// The achievement percentages at which the status changes colour. They are settings (docs/design.md), so they
/// travel as a value rather than being constants inside the classification.
/// </summary>
/// <param name="OnTrackPercent">Achievement at or above this is <see cref="AchievementStatus.OnTrack"/>.</param>
/// <param name="AttentionPercent">
/// Achievement at or above this (and below <paramref name="OnTrackPercent"/>) is
/// <see cref="AchievementStatus.NeedsAttention"/>; below it is <see cref="AchievementStatus.Critical"/>.
/// </param>
public sealed record StatusThresholds(double OnTrackPercent, double AttentionPercent)
{
    /// <summary>The programme's thresholds from docs/design.md: ≥ 90 % green, 60–90 % amber, &lt; 60 % red.</summary>
    public static StatusThresholds Default { get; } = new(90, 60);

    /// <summary>
    /// Whether a pair of thresholds may be saved as settings: 0 &lt; attention &lt; on-track ≤ 1000.
    /// Attention must be strictly below on-track or the amber band would vanish; zero or less would make every
    /// figure at least amber; above 1000 % is treated as a typing slip. NaN fails every comparison and is rejected.
    /// </summary>
    public static bool IsValid(double onTrack, double attention) =>
        attention > 0 && attention < onTrack && onTrack <= 1000;

    /// <summary>
    /// The colour of an achievement percentage. Both thresholds are inclusive lower bounds, so exactly 90 is
    /// on track and exactly 60 needs attention; anything that is not at least the attention threshold
    /// (including NaN) is critical, so a malformed figure never shows as good. The percentage is first rounded to
    /// 9 decimals so binary floating-point noise (0.7 + 0.2 of a target of 1 is 89.99999999999999 %) cannot push a
    /// figure that meets a threshold exactly into the colour below; 59.999 stays critical.
    /// </summary>
    public AchievementStatus Classify(double achievementPercent)
    {
        var percent = Math.Round(achievementPercent, 9);
        return percent >= OnTrackPercent ? AchievementStatus.OnTrack
            : percent >= AttentionPercent ? AchievementStatus.NeedsAttention
            : AchievementStatus.Critical;
    }
}
