using System.Globalization;
using System.Text.RegularExpressions;

namespace MonevDashboard.Features.Localization;

/// <summary>
/// Reads numbers as officials type them. id-ID first: "." groups thousands and "," is the decimal mark
/// ("1.234.567,89"). A plain form is accepted where it cannot be mistaken: "1234.5" (one dot not followed by a
/// group of exactly three digits) is a decimal point; "1.234" is one thousand two hundred thirty-four.
/// </summary>
public static partial class IndonesianNumber
{
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        string invariant;
        if (IdGrouped().IsMatch(s))
        {
            invariant = s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (PlainDecimal().IsMatch(s))
        {
            invariant = s;
        }
        else
        {
            return false;
        }
        return double.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Blank text is "not reported" (null); anything else must parse.</summary>
    public static bool TryParseOptional(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    /// <summary>How a stored value is shown in an input: id-ID, no thousands grouping lost, up to 6 decimals.</summary>
    public static string ToInput(double? value) =>
        value is { } v ? v.ToString("#,##0.######", FigureFormatter.Culture) : "";

    // "-1.234.567,89", "1234,5", "12", "1.234"
    [GeneratedRegex(@"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")]
    private static partial Regex IdGrouped();

    // "1234.5", "0.75": one dot that is not a thousands group.
    [GeneratedRegex(@"^-?\d+\.(\d{1,2}|\d{4,})$")]
    private static partial Regex PlainDecimal();
}
