using MonevDashboard.Components.Localization;

namespace MonevDashboard.Features.DataEntry;

/// <summary>What the user typed into one cell (id-ID text), next to what is stored; blank means not reported.</summary>
public sealed class CellDraft(CellKey key, StoredCell? stored)
{
    public CellKey Key { get; } = key;
    public StoredCell? Stored { get; } = stored;
    public string Value { get; set; } = IndonesianNumber.ToInput(stored?.Numerator is null ? stored?.Value : null);
    public string Numerator { get; set; } = IndonesianNumber.ToInput(stored?.Numerator);
    public string Denominator { get; set; } = IndonesianNumber.ToInput(stored?.Denominator);

    private readonly string _originalValue = IndonesianNumber.ToInput(stored?.Numerator is null ? stored?.Value : null);
    private readonly string _originalNumerator = IndonesianNumber.ToInput(stored?.Numerator);
    private readonly string _originalDenominator = IndonesianNumber.ToInput(stored?.Denominator);

    public bool IsDirty => Value.Trim() != _originalValue || Numerator.Trim() != _originalNumerator || Denominator.Trim() != _originalDenominator;

    /// <summary>Parses the cell; a message (localisation key) when the text is not a number.</summary>
    public (CellEdit? Edit, string? ErrorKey) ToEdit(bool ratio)
    {
        if (ratio)
        {
            if (!IndonesianNumber.TryParseOptional(Numerator, out var n) || !IndonesianNumber.TryParseOptional(Denominator, out var d))
            {
                return (null, "Entry.NotANumber");
            }
            if (n is null != d is null)
            {
                return (null, "Entry.RatioBothParts");
            }
            return (new CellEdit(Key, null, n, d, Stored?.Version), null);
        }
        return IndonesianNumber.TryParseOptional(Value, out var v)
            ? (new CellEdit(Key, v, null, null, Stored?.Version), null)
            : (null, "Entry.NotANumber");
    }
}
