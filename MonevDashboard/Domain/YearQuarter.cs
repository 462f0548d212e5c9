using System.Globalization;

namespace MonevDashboard.Domain;

/// <summary>
/// A quarter of a year (Triwulan I–IV), with the period arithmetic the reports need and the one reading and writing
/// of a quarter as text ("TW III 2026", "Triwulan III 2026", "2026-Q3", "III", "Q3") and as an address (tahun, tw).
/// </summary>
public readonly record struct YearQuarter(int Year, int Quarter) : IComparable<YearQuarter>
{
    private static readonly string[] s_roman = ["I", "II", "III", "IV"];

    /// <summary>Quarters counted from year 0, so two periods can be compared and stepped.</summary>
    public int Index => Year * 4 + (Quarter - 1);

    public static YearQuarter FromIndex(int index) => new(index / 4, index % 4 + 1);

    public static YearQuarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The last quarter that has ended on <paramref name="today"/>: the one being reported.</summary>
    public static YearQuarter LatestComplete(DateOnly today) => Of(today).Previous();

    public YearQuarter Previous() => FromIndex(Index - 1);

    public YearQuarter Next() => FromIndex(Index + 1);

    public YearQuarter Minus(int quarters) => FromIndex(Index - quarters);

    public DateOnly FirstDay => new(Year, (Quarter - 1) * 3 + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public string Roman => RomanOf(Quarter);

    /// <summary>"I"–"IV" for a quarter 1–4.</summary>
    public static string RomanOf(int quarter) =>
        IsValidQuarter(quarter) ? s_roman[quarter - 1] : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1–4.");

    /// <summary>
    /// A quarter's short name on screen: "TW III" in Indonesian, "Q3" in English (issue #16: the English switch
    /// never shows "TW"). The one home of that choice; labels pass it into their resource strings.
    /// </summary>
    public static string ShortNameOf(int quarter, bool english) =>
        english ? string.Create(CultureInfo.InvariantCulture, $"Q{quarter}") : $"TW {RomanOf(quarter)}";

    /// <inheritdoc cref="ShortNameOf(int, bool)"/>
    public string ShortName(bool english) => ShortNameOf(Quarter, english);

    /// <summary>"TW III 2026" in Indonesian, "Q3 2026" in English: a quarter as a screen names it.</summary>
    public string Name(bool english) => $"{ShortName(english)} {Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"Triwulan III 2026" — the report's written-out form.</summary>
    public string LongName => string.Create(CultureInfo.InvariantCulture, $"Triwulan {Roman} {Year}");

    /// <summary>"2026-Q3" — the invariant form of record keys and file names.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Quarter}");

    /// <summary>The first and last year a quarter may be asked for in an address or on the command line; the
    /// reporting years (<see cref="ReportingYears"/>) are narrower and judged by the rules, not by the parser.</summary>
    public const int FirstAddressYear = 2000;
    public const int LastAddressYear = 2100;

    /// <summary>The query parameters of a period in every page address: <c>?tahun=2026&amp;tw=3</c>.</summary>
    public const string YearParameter = "tahun";
    public const string QuarterParameter = "tw";

    /// <summary>"tahun=2026&amp;tw=3": this period as a page address's query.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"{YearParameter}={Year}&{QuarterParameter}={Quarter}");

    private static readonly string[] s_quarterPrefixes = ["TRIWULAN", "KUARTAL", "QUARTER", "TRW", "TW", "Q"];

    /// <summary>
    /// The quarter in any of the forms officials write: 1–4, I–IV, "TW II", "TW-2", "Q3", "Triwulan III".
    /// Null when it cannot be read; a readable number outside 1–4 is returned for the range rule to refuse.
    /// </summary>
    public static int? ParseQuarterNumber(string? text)
    {
        var s = (text ?? "").Trim().ToUpperInvariant();
        foreach (var prefix in s_quarterPrefixes)
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal))
            {
                s = s[prefix.Length..];
                break;
            }
        }
        s = new string([.. s.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-' or '_' or ':'))]);
        return s switch
        {
            "I" => 1,
            "II" => 2,
            "III" => 3,
            "IV" => 4,
            _ when s.Length is > 0 and <= 3 && s.All(char.IsAsciiDigit) => int.Parse(s, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>A quarter 1–4 written in any form <see cref="ParseQuarterNumber"/> reads; null for anything else.</summary>
    public static int? ParseQuarter(string? text) => ParseQuarterNumber(text) is { } q && IsValidQuarter(q) ? q : null;

    /// <summary>A year of four digits within <see cref="FirstAddressYear"/>–<see cref="LastAddressYear"/>; null otherwise.</summary>
    public static int? ParseYear(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstAddressYear and <= LastAddressYear
            ? year
            : null;

    /// <summary>The period an address names (<c>tahun</c>, <c>tw</c>); <paramref name="fallback"/> when either is missing or the quarter is not 1–4.</summary>
    public static YearQuarter FromAddress(int? year, int? quarter, YearQuarter fallback) =>
        year is { } y && quarter is { } q && IsValidQuarter(q) ? new YearQuarter(y, q) : fallback;

    /// <summary>Reports are due 10 working days (Mon–Fri) after the quarter ends.</summary>
    public DateOnly ReportDeadline => AddWorkingDays(LastDay, 10);

    public static bool IsValidQuarter(int quarter) => quarter is >= 1 and <= 4;

    public static DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var day = from;
        var added = 0;
        while (added < workingDays)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                added++;
            }
        }
        return day;
    }

    public int CompareTo(YearQuarter other) => Index.CompareTo(other.Index);

    public static bool operator <(YearQuarter left, YearQuarter right) => left.Index < right.Index;
    public static bool operator >(YearQuarter left, YearQuarter right) => left.Index > right.Index;
    public static bool operator <=(YearQuarter left, YearQuarter right) => left.Index <= right.Index;
    public static bool operator >=(YearQuarter left, YearQuarter right) => left.Index >= right.Index;

    /// <summary>"TW III 2026" — how officials write a quarter.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"TW {Roman} {Year}");
}
