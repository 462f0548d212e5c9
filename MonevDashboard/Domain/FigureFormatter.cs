using System.Globalization;

namespace MonevDashboard.Domain;

/// <summary>
/// Formats figures the way officials read them, always in id-ID (1.234.567,89): full values for tables,
/// compact ones for cards ("1,2 jt orang", "USD 3,4 jt"). Units come from the indicator.
/// </summary>
public static class FigureFormatter
{
    private static readonly CultureInfo s_id = CultureInfo.GetCultureInfo("id-ID");

    public static CultureInfo Culture => s_id;

    public static bool IsPercent(string unit) => unit == "%";
    public static bool IsCurrency(string unit) => unit is "USD" or "Rp" or "IDR";

    /// <summary>A full figure with its unit: "1.234 orang", "USD 90.000.000", "45,3%".</summary>
    public static string Format(double? value, string unit, string empty = "–")
    {
        if (value is not { } v)
        {
            return empty;
        }
        if (IsPercent(unit))
        {
            return v.ToString("N1", s_id) + "%";
        }
        var number = v.ToString(Math.Abs(v % 1) < 1e-9 ? "N0" : "N2", s_id);
        return IsCurrency(unit) ? $"{unit} {number}" : $"{number} {unit}";
    }

    /// <summary>A bare number in id-ID: whole numbers without decimals, others with up to two.</summary>
    public static string Number(double? value, string empty = "–") =>
        value is { } v ? v.ToString(Math.Abs(v % 1) < 1e-9 ? "N0" : "#,##0.##", s_id) : empty;

    /// <summary>A compact figure for cards: "1,2 jt orang", "USD 15,7 M" (miliar); English uses k/m/bn.</summary>
    public static string Compact(double? value, string unit, bool english = false, string empty = "–")
    {
        if (value is not { } v)
        {
            return empty;
        }
        if (IsPercent(unit))
        {
            return v.ToString("N1", s_id) + "%";
        }
        var abs = Math.Abs(v);
        var (scaled, suffix) = abs switch
        {
            >= 1e12 => (v / 1e12, english ? " tn" : " T"),
            >= 1e9 => (v / 1e9, english ? " bn" : " M"),
            >= 1e6 => (v / 1e6, english ? " m" : " jt"),
            >= 1e4 => (v / 1e3, english ? "k" : " rb"),
            _ => (v, ""),
        };
        var number = suffix.Length == 0 ? Number(scaled) : scaled.ToString("0.#", s_id);
        return IsCurrency(unit) ? $"{unit} {number}{suffix}" : $"{number}{suffix} {unit}";
    }

    /// <summary>A share that is not a capaian (completeness, indicators on track): "93,4%", rounded. A capaian is
    /// always shown with <see cref="Achievement"/>.</summary>
    public static string Percent(double? value, string empty = "–") =>
        value is { } v ? v.ToString("N1", s_id) + "%" : empty;

    /// <summary>
    /// THE capaian rule — the one home of how an achievement percentage is shown, on every page (dashboard cards,
    /// catalogue, indicator page, review tab), every slide, the meeting pack, the report preview, the report workbook
    /// and the grid exports: cut (not rounded) to one decimal, so 96,46 % reads "96,4%" everywhere, 89,99 % reads
    /// "89,9%" next to an amber chip rather than "90,0%", and 59,99 % never looks like the 60 % it missed — the shown
    /// figure never contradicts the status the thresholds gave it. Float noise is rounded off first (to 9 decimals,
    /// as <see cref="StatusThresholds.Classify"/> does), so an exact 90 stays 90,0. Null for a missing or non-finite
    /// percentage. Workbooks store this number (as a fraction with a 0.0% format), so a sheet reads what the screen does.
    /// </summary>
    public static double? AchievementShown(double? percent) =>
        percent is { } v && double.IsFinite(v) ? Math.Floor(Math.Round(v, 9) * 10) / 10 : null;

    /// <summary>Capaian as text by the one rule of <see cref="AchievementShown"/>: "96,4%".</summary>
    public static string Achievement(double? value, string empty = "–") =>
        AchievementShown(value) is { } shown ? shown.ToString("N1", s_id) + "%" : empty;

    /// <summary>A date as officials write it: "28 Nov 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", s_id);

    /// <summary>A UTC timestamp shown in WIB: "28 Nov 2026 14.05 WIB".</summary>
    public static string DateTimeWib(DateTime utc) =>
        ReportingCalendar.ToWib(utc).ToString("d MMM yyyy HH.mm", s_id) + " WIB";
}
