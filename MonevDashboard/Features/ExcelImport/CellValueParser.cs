using System.Globalization;
using MonevDashboard.Components.Localization;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>A cell as the workbook stores it: its text, and its number when Excel stored a number.</summary>
public readonly record struct RawCell(string Text, double? Number = null, bool IsError = false)
{
    public static RawCell Empty { get; } = new("");

    public bool IsEmpty => Number is null && string.IsNullOrWhiteSpace(Text);

    /// <summary>The value as an official would recognise it in a message (numbers in id-ID, without grouping).</summary>
    public string Display => Number is { } n ? n.ToString("R", CellValueParser.Indonesian) : Text.Trim();
}

/// <summary>
/// Reads one cell the way officials fill it in. Pure: no database, no workbook library.
/// </summary>
/// <remarks>
/// Numbers typed as numbers are taken as they are. Numbers stored as text follow one rule, written down here
/// because "1.234" means one thousand two hundred thirty-four in Indonesian and one point two three four in English:
/// <list type="bullet">
/// <item>Both "." and "," present: the one that comes last is the decimal separator ("1.234.567,89", "1,234,567.89").</item>
/// <item>Only ",": one comma is the decimal comma ("12,5" = 12,5; "1,234" = 1,234); several are thousands
/// separators ("1,234,567").</item>
/// <item>Only ".": several are thousands separators ("1.234.567"); one is a thousands separator when it is followed
/// by exactly three digits and preceded by one to three digits that do not start with 0 ("1.234" = 1234,
/// "12.500" = 12500); otherwise it is a decimal point ("1234.56", "12.5", "0.125", "1234567.89").</item>
/// </list>
/// Thousands groups must have three digits, so "1.23.4" is not a number. Spaces (also non-breaking) are ignored.
/// </remarks>
public static class CellValueParser
{
    public static CultureInfo Indonesian { get; } = CultureInfo.GetCultureInfo("id-ID");

    public static bool TryNumber(RawCell cell, out double value)
    {
        if (cell.Number is { } number)
        {
            value = number;
            return double.IsFinite(number);
        }
        value = 0;
        return !cell.IsError && TryParseNumberText(cell.Text, out value);
    }

    /// <summary>Text numbers follow the one rule the whole app uses (see <see cref="IndonesianNumber"/>).</summary>
    public static bool TryParseNumberText(string text, out double value) => IndonesianNumber.TryParse(text, out value);

    /// <summary>
    /// The quarter in any of the forms officials write (<see cref="YearQuarter.ParseQuarterNumber"/>); a number cell
    /// as it is. Null when it cannot be read; a readable number outside 1–4 is returned for the range rule to refuse.
    /// </summary>
    public static int? Quarter(RawCell cell) =>
        cell.Number is { } number
            ? number == Math.Floor(number) && Math.Abs(number) < 1000 ? (int)number : null
            : YearQuarter.ParseQuarterNumber(cell.Text);

    /// <summary>A year written as a whole number (2026, "2026", " 2026 "); null otherwise.</summary>
    public static int? Year(RawCell cell)
    {
        if (cell.Number is { } number)
        {
            return number == Math.Floor(number) && number is > 0 and < 10000 ? (int)number : null;
        }
        var s = cell.Text.Trim();
        return s.Length is > 0 and <= 4 && s.All(char.IsAsciiDigit) ? int.Parse(s, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>"L" or "P" for the ways officials write the sexes (<see cref="Vocabulary.ParseSex"/>).</summary>
    public static string Sex(RawCell cell) => Vocabulary.ParseSex(Code(cell));

    /// <summary>A code or name as text, trimmed; a code typed as a number (35) becomes "35".</summary>
    public static string Code(RawCell cell) =>
        cell.Number is { } n && n == Math.Floor(n) && Math.Abs(n) < 1e15
            ? ((long)n).ToString(CultureInfo.InvariantCulture)
            : cell.Number is { } other ? other.ToString("R", CultureInfo.InvariantCulture) : string.Join(' ', cell.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Free text (Sumber, Keterangan), trimmed.</summary>
    public static string Text(RawCell cell) => cell.Number is { } ? cell.Display : cell.Text.Trim();
}
