namespace MonevDashboard.Domain;

/// <summary>
/// The traffic-light status of an indicator in a period (docs/design.md "Data"). The two grey states are kept apart
/// so a screen can say why there is no colour: nothing was reported, or nothing was asked.
/// </summary>
public enum AchievementStatus
{
    /// <summary>Grey: no figure was reported for what is being compared, so achievement cannot be judged.</summary>
    NoData = 0,
    /// <summary>Grey: figures exist but no target applies, so there is nothing to measure them against.</summary>
    NoTarget = 1,
    /// <summary>Red (Kritis): achievement below the attention threshold.</summary>
    Critical = 2,
    /// <summary>Amber (Perlu perhatian): at or above the attention threshold, below the on-track threshold.</summary>
    NeedsAttention = 3,
    /// <summary>Green (Tercapai): at or above the on-track threshold.</summary>
    OnTrack = 4,
}
