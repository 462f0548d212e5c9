using System.Globalization;
using MonevDashboard.Components.Localization;
namespace MonevDashboard.Components.Localization;

/// <summary>
/// Reads numbers as officials type them — in the entry grid and in workbook cells stored as text — by one rule:
/// id-ID first, "." groups thousands and "," is the decimal mark ("1.234.567,89"); a lone "." followed by exactly
/// three digits is a thousands group ("1.234" is one thousand two hundred thirty-four) while "1234.5" or "0.125"
/// is a decimal point; when both marks appear the last one is the decimal mark ("1,234.5" is read as 1234,5);
/// spaces, a leading sign, "(123)" for negatives and an exponent are tolerated.
/// </summary>
public static class IndonesianNumber
{
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }
        var s = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F')]);
        if (s.Length == 0)
        {
            return false;
        }
        var negative = false;
        if (s[0] is '-' or '\u2212')
        {
            negative = true;
            s = s[1..];
        }
        else if (s[0] == '+')
        {
            s = s[1..];
        }
        else if (s.Length > 2 && s[0] == '(' && s[^1] == ')')
        {
            negative = true;
            s = s[1..^1];
        }
        if (s.Length == 0)
        {
            return false;
        }
        if (s.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            var ok = double.TryParse(s.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value);
            value = negative ? -value : value;
            return ok && double.IsFinite(value);
        }

        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        string integerPart, fraction = "";
        char? group;
        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalAt = Math.Max(lastDot, lastComma);
            group = lastDot > lastComma ? ',' : '.';
            integerPart = s[..decimalAt];
            fraction = s[(decimalAt + 1)..];
            if (integerPart.Contains(s[decimalAt]))
            {
                return false;
            }
        }
        else if (lastComma >= 0)
        {
            (integerPart, fraction, group) = s.Count(c => c == ',') == 1 ? (s[..lastComma], s[(lastComma + 1)..], (char?)null) : (s, "", ',');
        }
        else if (lastDot >= 0)
        {
            var dots = s.Count(c => c == '.');
            var thousands = dots > 1 || IsSingleThousandsGroup(s, lastDot);
            (integerPart, fraction, group) = thousands ? (s, "", '.') : (s[..lastDot], s[(lastDot + 1)..], (char?)null);
        }
        else
        {
            (integerPart, group) = (s, null);
        }

        if (!fraction.All(char.IsAsciiDigit) || integerPart.Length == 0 && fraction.Length == 0)
        {
            return false;
        }
        var digits = group is { } g ? Ungroup(integerPart, g) : integerPart.All(char.IsAsciiDigit) ? integerPart : null;
        if (digits is null)
        {
            return false;
        }
        var invariant = (digits.Length == 0 ? "0" : digits) + (fraction.Length > 0 ? "." + fraction : "");
        if (!double.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return false;
        }
        value = negative ? -value : value;
        return true;
    }

    private static bool IsSingleThousandsGroup(string s, int dot) =>
        dot is >= 1 and <= 3 && s[0] != '0' && s.Length - dot - 1 == 3 && s.All(c => c == '.' || char.IsAsciiDigit(c));

    /// <summary>"1.234.567" → "1234567" when every group after the first has three digits; otherwise null.</summary>
    private static string? Ungroup(string integerPart, char separator)
    {
        var groups = integerPart.Split(separator);
        if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || !groups.All(g => g.All(char.IsAsciiDigit)))
        {
            return null;
        }
        return string.Concat(groups);
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
}
