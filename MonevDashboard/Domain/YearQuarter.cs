using System.Globalization;

namespace MonevDashboard.Domain;

/// <summary>A quarter of a year (Triwulan I–IV), with the period arithmetic the reports need.</summary>
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

    public string Roman => s_roman[Quarter - 1];

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
