using System.Globalization;
using MonevDashboard.Domain;

namespace MonevDashboard.Components.Figures;

/// <summary>One colour class of a map: the values from <see cref="From"/> to <see cref="To"/> (both shown in the legend).</summary>
public sealed record ChoroplethClass(double From, double To, string Fill, string Ink);

/// <summary>
/// How a map colours its shapes by value: up to five equal-width classes (the width rounded to two significant
/// digits; the last class ends at the largest value) between the smallest and the largest value shown, in ColorBrewer's YlGnBu (sequential, colour-blind safe, readable in greyscale), and a hatched grey
/// for no data that no class uses. Each class carries the ink (dark or white) that reads best on it.
/// </summary>
public sealed class ChoroplethScale
{
    /// <summary>
    /// ColorBrewer YlGnBu for 1–5 classes (Cynthia Brewer, colorbrewer2.org, Apache-2.0), its middle blue #2c7fb8
    /// darkened to #2676ae so that white text on it keeps WCAG's 4.5:1 (neither ink reached it on the original).
    /// </summary>
    private static readonly string[][] Palettes =
    [
        ["#41b6c4"],
        ["#a1dab4", "#225ea8"],
        ["#edf8b1", "#7fcdbb", "#2676ae"],
        ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
        ["#ffffcc", "#a1dab4", "#41b6c4", "#2676ae", "#253494"],
    ];

    public const int MaxClasses = 5;

    /// <summary>The fill of a shape without a figure (under its hatching) and of the hatching's lines.</summary>
    public const string NoDataFill = "#f1f1f1";
    public const string NoDataHatch = "#c2c2c2";

    public const string DarkInk = "#1b1b1b";
    public const string LightInk = "#ffffff";

    public IReadOnlyList<ChoroplethClass> Classes { get; }

    private ChoroplethScale(IReadOnlyList<ChoroplethClass> classes) => Classes = classes;

    /// <summary>The scale for these values; non-finite values are ignored. No values: no classes.</summary>
    public static ChoroplethScale For(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var shown = values.Where(double.IsFinite).Distinct().Order().ToList();
        if (shown.Count == 0)
        {
            return new ChoroplethScale([]);
        }
        var count = Math.Min(MaxClasses, shown.Count);
        var palette = Palettes[count - 1];
        var (min, max) = (shown[0], shown[^1]);
        if (count == 1)
        {
            return new ChoroplethScale([new ChoroplethClass(min, max, palette[0], InkOn(palette[0]))]);
        }
        // Class width rounded to two significant digits, so the legend reads "1.000 – 1.670", not "1.666,67".
        var exact = (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(exact)) - 1);
        var width = Math.Round(exact / magnitude) * magnitude;
        var classes = Enumerable.Range(0, count)
            .Select(i => new ChoroplethClass(min + i * width, i == count - 1 ? max : min + (i + 1) * width, palette[i], InkOn(palette[i])))
            .ToList();
        return new ChoroplethScale(classes);
    }

    /// <summary>The class of a value: the first whose upper bound it does not pass; null for no (or a non-finite) value.</summary>
    public ChoroplethClass? ClassOf(double? value)
    {
        if (value is not { } v || !double.IsFinite(v) || Classes.Count == 0)
        {
            return null;
        }
        return Classes.FirstOrDefault(c => v <= c.To) ?? Classes[^1];
    }

    /// <summary>A class in the legend, by the figures' own format: "1.200 – 2.400 orang" (a single value alone).</summary>
    public static string Label(ChoroplethClass range, string unit, bool english)
    {
        ArgumentNullException.ThrowIfNull(range);
        var to = FigureFormatter.Compact(range.To, unit, english);
        if (range.From.Equals(range.To))
        {
            return to;
        }
        var from = FigureFormatter.IsPercent(unit) || FigureFormatter.IsCurrency(unit)
            ? FigureFormatter.Compact(range.From, unit, english)
            : FigureFormatter.Compact(range.From, "", english).Trim();
        return $"{from} – {to}";
    }

    /// <summary>Dark or white ink, whichever contrasts more with <paramref name="fill"/> (WCAG relative luminance).</summary>
    public static string InkOn(string fill) =>
        ContrastRatio(fill, DarkInk) >= ContrastRatio(fill, LightInk) ? DarkInk : LightInk;

    /// <summary>The WCAG 2 contrast ratio of two "#rrggbb" colours, 1 to 21.</summary>
    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
    }
}
