using MonevDashboard.Components.Localization;

namespace MonevDashboard.Features.Targets;

/// <summary>
/// What the admin typed into one target cell (id-ID text) next to the stored value. Blank means "no target" (the
/// stored target is removed); "0" is a target of zero — the two are never confused.
/// </summary>
public sealed class TargetCellDraft(int indicatorId, int quarter, double? stored, int version)
{
    public int IndicatorId { get; } = indicatorId;
    public int Quarter { get; } = quarter;
    public double? Stored { get; } = stored;
    /// <summary>The stored target's version when the grid was loaded (0: none).</summary>
    public int Version { get; } = version;
    public string Text { get; set; } = IndonesianNumber.ToInput(stored);

    public bool IsValid => IndonesianNumber.TryParseOptional(Text, out _);

    /// <summary>The typed value, or null when blank or not a number (see <see cref="IsValid"/>).</summary>
    public double? Value => IndonesianNumber.TryParseOptional(Text, out var value) ? value : null;

    /// <summary>Changed when the typed value differs from the stored one (retyping "1.000" as "1000" is no change).</summary>
    public bool IsDirty => !IsValid || Value != Stored;

    public TargetEdit ToEdit() => new(IndicatorId, Quarter, Value, Stored, Version);
}
