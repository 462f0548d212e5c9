using MonevDashboard.Data.Reference;
using MonevDashboard.Components.Localization;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Components.Figures;

/// <summary>How the charts write numbers and quarters: the same id-ID forms as the cards.</summary>
public static class ChartFormats
{
    /// <summary>Status colours, in the order the pillar summary stacks them (same hues as the status chips).</summary>
    public static readonly string[] StatusPalette = ["#2e7d32", "#f9a825", "#c62828", "#9e9e9e"];

    /// <summary>Realisation first (programme blue), target second (KP2MI orange).</summary>
    public static readonly string[] SeriesPalette = ["#0b4f8a", "#e0751a", "#00897b", "#6a1b9a", "#5d4037"];

    /// <summary>An axis tick: "1,2 jt", "45,0%".</summary>
    public static string Axis(double value, string unit, bool english) =>
        FigureFormatter.IsPercent(unit) ? FigureFormatter.Percent(value) : FigureFormatter.Compact(value, "", english).Trim();

    /// <summary>The .NET format a tooltip's value uses (the culture is id-ID): whole numbers, or one decimal for shares.</summary>
    public static string TooltipFormat(string unit) => FigureFormatter.IsPercent(unit) ? "N1" : "N0";

    /// <summary>
    /// A value a chart may draw: Infinity or NaN (a ratio over a zero or vanishing denominator, refused at entry and
    /// import) becomes a gap rather than an SVG path the browser cannot draw.
    /// </summary>
    public static double? Finite(double? value) => value is { } v && !double.IsFinite(v) ? null : value;

    /// <summary>A quarter on an axis: "TW III '26" (English "Q3 '26").</summary>
    public static string QuarterLabel(YearQuarter quarter) => $"{quarter.ShortName(CultureSetup.IsEnglish)} '{quarter.Year % 100:00}";

    /// <summary>
    /// A round distance between the value axis' grid lines giving about <paramref name="lines"/> lines up to
    /// <paramref name="max"/>: 1, 2, 2,5 or 5 × a power of ten (so 0,5 for a share that stays under 2).
    /// </summary>
    public static double NiceStep(double max, int lines = 5)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return 1;
        }
        var raw = max / lines;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw * (1 - 1e-9));
    }

    private static readonly Dictionary<string, ProvinceRef> s_provinces = ProvinceList.All.ToDictionary(p => p.Code);

    /// <summary>
    /// A province on a chart axis: its name when short, else the abbreviation officials use (Jatim, Jateng, NTB),
    /// so the bars need no slanted labels; the list under the chart gives the full names.
    /// </summary>
    public static string ProvinceAxisLabel(string code, string name)
    {
        const int Short = 8;
        if (name.Length <= Short || !s_provinces.TryGetValue(code, out var province))
        {
            return Shorten(name);
        }
        return province.Aliases.FirstOrDefault(a => a.Length <= Short && !a.Contains(' ', StringComparison.Ordinal)) ?? Shorten(name);
    }

    /// <summary>Long names are cut on an axis only (with an ellipsis); lists and tooltips give them in full.</summary>
    public static string Shorten(string name, int max = 14) => name.Length <= max ? name : name[..(max - 1)] + "…";
}
