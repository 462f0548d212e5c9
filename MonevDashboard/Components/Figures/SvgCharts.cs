using System.Globalization;
using System.Text;

namespace MonevDashboard.Components.Figures;

/// <summary>One line of a line chart, or one layer of a stacked bar chart: a value (or a gap) per label.</summary>
public sealed record ChartSeriesData(string Name, IReadOnlyList<double?> Values, string Colour, bool Dashed = false);

/// <summary>One bar of a bar chart or one slice of a donut: what it is called on the axis, in full, its value, and the group it stands for.</summary>
public sealed record ChartItem(string Label, string FullName, double Value, string Code);

/// <summary>
/// The drawing box of a chart: its SVG coordinate space (text is 12 units high, so a chart drawn about as wide as its
/// box reads at 12 px), the accessible name, the test id, and how the box is sized on the page: by default the chart
/// keeps its proportions across the column's width; with <see cref="CssHeight"/> it fills that height (a slide).
/// </summary>
public sealed record ChartBox(int Width, int Height, string Label, string TestId, string? CssHeight = null);

/// <summary>
/// The app's charts, drawn on the server as one SVG string each (a line chart, bars, stacked bars, a donut). A circuit
/// keeps one markup frame per chart instead of a component tree of hundreds of elements and a resize observer; the
/// same SVG is what the chart's PNG and SVG downloads carry (wwwroot/js/app.js adds the title, period and source).
/// Values are drawn from doubles already checked finite by the caller (<see cref="ChartFormats.Finite"/>); every
/// point, bar and slice carries its value in a native tooltip (<c>&lt;title&gt;</c>), formatted by the caller.
/// </summary>
public static class SvgCharts
{
    public const string Font = "Roboto, Helvetica, Arial, sans-serif";
    private const double FontSize = 12;
    private const double CharWidth = 6.4;
    private const string AxisText = "#555555";
    private const string GridLine = "#e0e0e0";

    /// <summary>Realisation and target by quarter: lines with a marker per quarter; a quarter without a value is a gap.</summary>
    public static string Line(ChartBox box, IReadOnlyList<string> labels, IReadOnlyList<ChartSeriesData> series,
        Func<double, string> axis, Func<double, string> tooltip)
    {
        var values = series.SelectMany(s => s.Values).OfType<double>().ToList();
        var scale = Scale.Of(values);
        var legend = series.Count > 1 ? series.Select(s => (s.Name, s.Colour, s.Dashed)).ToList() : [];
        var plot = Plot.For(box, scale, axis, labels, legend.Select(l => l.Name).ToList(), band: false);
        var svg = Open(box, "svg-chart line-chart");
        Legend(svg, box, legend);
        Grid(svg, plot, scale, axis);
        XLabels(svg, plot, labels);
        foreach (var line in series)
        {
            var run = new List<string>();
            void Flush()
            {
                if (run.Count > 1)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"")
                        .Append(line.Dashed ? " stroke-dasharray=\"6 4\"" : "").Append("></polyline>");
                }
                run.Clear();
            }
            for (var i = 0; i < labels.Count; i++)
            {
                if (i < line.Values.Count && line.Values[i] is { } v)
                {
                    run.Add($"{N(plot.X(i))},{N(plot.Y(v))}");
                }
                else
                {
                    Flush();
                }
            }
            Flush();
            for (var i = 0; i < labels.Count && i < line.Values.Count; i++)
            {
                if (line.Values[i] is { } v)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"chart-point\" cx=\"{N(plot.X(i))}\" cy=\"{N(plot.Y(v))}\" r=\"3.5\" fill=\"{line.Colour}\" stroke=\"#fff\" stroke-width=\"1\">")
                        .Append("<title>").Append(E($"{line.Name} · {labels[i]}: {tooltip(v)}")).Append("</title></circle>");
                }
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One value per group as bars, each with its value written above it; a bar carries its group's code for the drill-down.</summary>
    public static string Bars(ChartBox box, IReadOnlyList<ChartItem> bars, string colour, Func<double, string> axis, Func<double, string> tooltip)
    {
        var scale = Scale.Of(bars.Select(b => b.Value), headroom: true);
        var labels = bars.Select(b => b.Label).ToList();
        var plot = Plot.For(box, scale, axis, labels, [], band: true);
        var svg = Open(box, "svg-chart bar-chart");
        Grid(svg, plot, scale, axis);
        XLabels(svg, plot, labels);
        var width = Math.Min(plot.Band * 0.62, 56);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var (top, bottom) = (plot.Y(Math.Max(bar.Value, 0)), plot.Y(Math.Min(bar.Value, 0)));
            var x = plot.X(i) - width / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" data-code=\"{E(bar.Code)}\" x=\"{N(x)}\" y=\"{N(top)}\" width=\"{N(width)}\" height=\"{N(Math.Max(bottom - top, 0.5))}\" rx=\"2\" fill=\"{colour}\">")
                .Append("<title>").Append(E($"{bar.FullName}: {tooltip(bar.Value)}")).Append("</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(plot.X(i))}\" y=\"{N(top - 4)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333333\">{E(axis(bar.Value))}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Counts stacked per label (the pillar summary: indicators by status), the count written inside each layer that has room.</summary>
    public static string StackedBars(ChartBox box, IReadOnlyList<string> labels, IReadOnlyList<ChartSeriesData> layers, Func<double, string> axis)
    {
        var totals = Enumerable.Range(0, labels.Count).Select(i => layers.Sum(l => i < l.Values.Count ? l.Values[i] ?? 0 : 0)).ToList();
        var scale = Scale.Of(totals, wholeSteps: true);
        var legend = layers.Select(l => (l.Name, l.Colour, false)).ToList();
        var plot = Plot.For(box, scale, axis, labels, legend.Select(l => l.Name).ToList(), band: true);
        var svg = Open(box, "svg-chart stacked-chart");
        Legend(svg, box, legend);
        Grid(svg, plot, scale, axis);
        XLabels(svg, plot, labels);
        var width = Math.Min(plot.Band * 0.6, 56);
        for (var i = 0; i < labels.Count; i++)
        {
            var below = 0.0;
            foreach (var layer in layers)
            {
                var v = i < layer.Values.Count ? layer.Values[i] ?? 0 : 0;
                if (v <= 0)
                {
                    continue;
                }
                var (top, bottom) = (plot.Y(below + v), plot.Y(below));
                below += v;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-segment\" x=\"{N(plot.X(i) - width / 2)}\" y=\"{N(top)}\" width=\"{N(width)}\" height=\"{N(bottom - top)}\" fill=\"{layer.Colour}\">")
                    .Append("<title>").Append(E($"{labels[i]} · {layer.Name}: {axis(v)}")).Append("</title></rect>");
                if (bottom - top >= FontSize + 2)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(plot.X(i))}\" y=\"{N((top + bottom) / 2 + 4)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{TextOn(layer.Colour)}\">{E(axis(v))}</text>");
                }
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Shares of a whole as a donut with the total in its hole and a legend beside it; a slice carries its group's code.</summary>
    public static string Donut(ChartBox box, IReadOnlyList<ChartItem> slices, IReadOnlyList<string> colours, Func<double, string> value, string totalText)
    {
        var svg = Open(box, "svg-chart donut-chart");
        var total = slices.Sum(s => Math.Max(s.Value, 0));
        var radius = Math.Min(box.Height / 2.0 - 6, box.Width * 0.28);
        var (cx, cy) = (radius + 6, box.Height / 2.0);
        var inner = radius * 0.6;
        var start = -Math.PI / 2;
        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            var colour = colours[i % colours.Count];
            var share = total > 0 ? Math.Max(slice.Value, 0) / total : 0;
            var title = $"{slice.FullName}: {value(slice.Value)} ({FigureFormatter.Percent(share * 100)})";
            if (share > 0)
            {
                // A whole ring cannot be one arc (its ends meet): it is drawn as two halves in one path.
                var end = start + share * 2 * Math.PI - (share >= 1 ? 1e-6 : 0);
                var path = share >= 1
                    ? Ring(cx, cy, radius, inner)
                    : Arc(cx, cy, radius, inner, start, end);
                svg.Append(CultureInfo.InvariantCulture, $"<path class=\"chart-slice\" data-code=\"{E(slice.Code)}\" d=\"{path}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1.5\">")
                    .Append("<title>").Append(E(title)).Append("</title></path>");
                start = end;
            }
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(cx)}\" y=\"{N(cy + 5)}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"500\" fill=\"#333333\">{E(totalText)}</text>");
        var x = cx + radius + 14;
        var y = cy - (slices.Count - 1) * 16 - 2;
        for (var i = 0; i < slices.Count; i++, y += 32)
        {
            var slice = slices[i];
            var share = total > 0 ? Math.Max(slice.Value, 0) / total * 100 : 0;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y - 9)}\" width=\"10\" height=\"10\" rx=\"2\" fill=\"{colours[i % colours.Count]}\"></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 15)}\" y=\"{N(y)}\" font-size=\"12\" fill=\"#333333\">{E(slice.Label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 15)}\" y=\"{N(y + 14)}\" font-size=\"11\" fill=\"{AxisText}\">{E(FigureFormatter.Percent(share))}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(ChartBox box, string cssClass)
    {
        var svg = new StringBuilder(2048);
        var style = box.CssHeight is null ? "" : $" style=\"height:{E(box.CssHeight)}\"";
        return svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{cssClass}\" viewBox=\"0 0 {box.Width} {box.Height}\" width=\"{box.Width}\" height=\"{box.Height}\"{style} ")
            .Append(CultureInfo.InvariantCulture, $"role=\"img\" aria-label=\"{E(box.Label)}\" data-testid=\"{E(box.TestId)}\" font-family=\"{Font}\" font-size=\"{FontSize}\">");
    }

    private static void Legend(StringBuilder svg, ChartBox box, IReadOnlyList<(string Name, string Colour, bool Dashed)> entries)
    {
        var places = LegendPlaces(box, entries.Select(e => e.Name).ToList());
        for (var i = 0; i < entries.Count; i++)
        {
            var (name, colour, dashed) = entries[i];
            var (x, y) = places[i];
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(y - 4)}\" x2=\"{N(x + 16)}\" y2=\"{N(y - 4)}\" stroke=\"{colour}\" stroke-width=\"{(dashed ? 2.5 : 6)}\"")
                .Append(dashed ? " stroke-dasharray=\"5 3\"" : "").Append("></line>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"chart-legend\" x=\"{N(x + 21)}\" y=\"{N(y)}\" fill=\"#333333\">{E(name)}</text>");
        }
    }

    /// <summary>Where each legend entry's baseline starts: left to right from the box's left edge, wrapping to a new line when the next does not fit.</summary>
    private static List<(double X, double Y)> LegendPlaces(ChartBox box, IReadOnlyList<string> names)
    {
        var places = new List<(double X, double Y)>();
        var (x, y) = (6.0, 14.0);
        foreach (var name in names)
        {
            var width = 21 + TextWidth(name);
            if (x > 6 && x + width > box.Width - 6)
            {
                (x, y) = (6, y + 17);
            }
            places.Add((x, y));
            x += width + 14;
        }
        return places;
    }

    private static void Grid(StringBuilder svg, Plot plot, Scale scale, Func<double, string> axis)
    {
        svg.Append("<g class=\"chart-axis-y\">");
        foreach (var tick in scale.Ticks)
        {
            var y = plot.Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(plot.Left)}\" y1=\"{N(y)}\" x2=\"{N(plot.Right)}\" y2=\"{N(y)}\" stroke=\"{(tick == 0 ? "#9e9e9e" : GridLine)}\" stroke-width=\"1\"></line>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(plot.Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\" fill=\"{AxisText}\">{E(axis(tick))}</text>");
        }
        svg.Append("</g>");
    }

    private static void XLabels(StringBuilder svg, Plot plot, IReadOnlyList<string> labels)
    {
        svg.Append("<g class=\"chart-axis-x\">");
        var every = plot.LabelEvery;
        for (var i = 0; i < labels.Count; i++)
        {
            if (i % every != 0 && i != labels.Count - 1)
            {
                continue;
            }
            var (x, y) = (plot.X(i), plot.Bottom + 16);
            svg.Append(plot.Slanted
                ? string.Create(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"end\" transform=\"rotate(-30 {N(x)} {N(y)})\" fill=\"{AxisText}\">")
                : string.Create(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"middle\" fill=\"{AxisText}\">"))
                .Append(E(labels[i])).Append("</text>");
        }
        svg.Append("</g>");
    }

    private static string Arc(double cx, double cy, double r, double inner, double from, double to)
    {
        var large = to - from > Math.PI ? 1 : 0;
        (double X, double Y) At(double radius, double angle) => (cx + radius * Math.Cos(angle), cy + radius * Math.Sin(angle));
        var (a, b, c, d) = (At(r, from), At(r, to), At(inner, to), At(inner, from));
        return string.Create(CultureInfo.InvariantCulture,
            $"M{N(a.X)} {N(a.Y)}A{N(r)} {N(r)} 0 {large} 1 {N(b.X)} {N(b.Y)}L{N(c.X)} {N(c.Y)}A{N(inner)} {N(inner)} 0 {large} 0 {N(d.X)} {N(d.Y)}Z");
    }

    private static string Ring(double cx, double cy, double r, double inner) => string.Create(CultureInfo.InvariantCulture,
        $"M{N(cx)} {N(cy - r)}A{N(r)} {N(r)} 0 1 1 {N(cx)} {N(cy + r)}A{N(r)} {N(r)} 0 1 1 {N(cx)} {N(cy - r)}Z" +
        $"M{N(cx)} {N(cy - inner)}A{N(inner)} {N(inner)} 0 1 0 {N(cx)} {N(cy + inner)}A{N(inner)} {N(inner)} 0 1 0 {N(cx)} {N(cy - inner)}Z");

    /// <summary>White text on the dark status colours, black on the light ones (amber, grey): readable either way.</summary>
    private static string TextOn(string colour)
    {
        var rgb = Convert.ToInt32(colour.TrimStart('#'), 16);
        var (r, g, b) = ((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255);
        return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#212121" : "#ffffff";
    }

    /// <summary>An estimate of a label's width at 12 units (SVG text is not measured on the server).</summary>
    internal static double TextWidth(string text) => text.Length * CharWidth;

    private static string E(string text) => PlainMarkup.Encode(text);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The value axis: a round step (1, 2, 2,5 or 5 × a power of ten), from zero (or below it) to the first tick at or above the largest value.</summary>
    private sealed record Scale(double Min, double Max, IReadOnlyList<double> Ticks)
    {
        public static Scale Of(IEnumerable<double> values, bool headroom = false, bool wholeSteps = false)
        {
            var list = values.Where(double.IsFinite).ToList();
            var (low, high) = (Math.Min(0, list.DefaultIfEmpty(0).Min()), Math.Max(0, list.DefaultIfEmpty(0).Max()));
            if (high - low <= 0)
            {
                high = 1;
            }
            var step = ChartFormats.NiceStep(high - low);
            if (wholeSteps)
            {
                step = Math.Max(1, Math.Round(step));
            }
            var min = Math.Floor(low / step) * step;
            var max = Math.Ceiling(high / step) * step;
            // Values written above the bars need room under the top line.
            if (headroom && max - high < step * 0.15)
            {
                max += step;
            }
            var ticks = new List<double>();
            for (var t = min; t <= max + step / 1e6; t += step)
            {
                ticks.Add(Math.Round(t / step) * step);
            }
            return new Scale(min, max, ticks);
        }
    }

    /// <summary>Where the plotting area lies in the box, and where a label's point or bar stands in it.</summary>
    private sealed record Plot(double Left, double Right, double Top, double Bottom, int Count, bool IsBand, bool Slanted, int LabelEvery, Scale Scale)
    {
        public double Band => Count == 0 ? 0 : (Right - Left) / Count;

        public static Plot For(ChartBox box, Scale scale, Func<double, string> axis, IReadOnlyList<string> labels, IReadOnlyList<string> legend, bool band)
        {
            var left = scale.Ticks.Select(t => TextWidth(axis(t))).DefaultIfEmpty(0).Max() + 10;
            var right = box.Width - 10.0;
            var top = legend.Count == 0 ? 10.0 : LegendPlaces(box, legend)[^1].Y + 14;
            var widest = labels.Select(TextWidth).DefaultIfEmpty(0).Max();
            var slot = labels.Count == 0 ? right - left : (right - left) / labels.Count;
            var slanted = widest > slot - 4;
            var every = slanted && labels.Count > 0 ? Math.Max(1, (int)Math.Ceiling(labels.Count * (FontSize + 4) / (right - left))) : 1;
            var bottom = box.Height - (slanted ? Math.Min(widest * 0.5 + 16, box.Height * 0.35) : 24);
            return new Plot(left, right, top, bottom, labels.Count, band, slanted, every, scale);
        }

        public double X(int index) => IsBand
            ? Left + Band * (index + 0.5)
            : Count <= 1 ? (Left + Right) / 2 : Left + 12 + (Right - Left - 24) * index / (Count - 1);

        public double Y(double value) => Bottom - (value - Scale.Min) / (Scale.Max - Scale.Min) * (Bottom - Top);
    }
}
