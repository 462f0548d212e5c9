using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Reference;
using MonevDashboard.Domain;
using MonevDashboard.Figures;
using static MonevDashboard.Components.Figures.PlainMarkup;

namespace MonevDashboard.Components.Figures;

/// <summary>
/// A breakdown by province or by destination country drawn as a map, coloured by the view's value (the quarter's,
/// or the year to date when the view is cumulative) on a <see cref="ChoroplethScale"/>, with its legend, and the
/// same figures as a table. Provinces are a tile grid (<see cref="ProvinceTileGrid"/>), countries their Natural Earth
/// outlines (<see cref="WorldMapShapes"/>). Every shape has an SVG title (name and id-ID figure, read on hover and
/// by screen readers); a shape with a figure is a plain link to the indicator narrowed to it (the drill-down, the
/// same address as the chart's bars). Each map and table is one HTML string, one render-tree frame (see
/// docs/decisions/cheap-circuits.md), cached per immutable breakdown instance like the KPI cards.
/// </summary>
public static class ChoroplethMap
{
    private const double Tile = 56, TileHeight = 44, Gap = 4;

    private static readonly SharedMarkup<Breakdown, MapKey> Built = new();

    private readonly record struct MapKey(string Culture, string UiCulture, bool Table, bool YearToDate, string Unit, string Query);

    private static readonly Dictionary<string, ProvinceRef> s_provinces = ProvinceList.All.ToDictionary(p => p.Code);
    private static readonly Dictionary<string, CountryRef> s_countries = CountryList.All.ToDictionary(c => c.Code);

    /// <summary>Whether a breakdown of this dimension can be drawn as a map (provinces and countries; not sex).</summary>
    public static bool Supports(BreakdownDimension dimension) => dimension is BreakdownDimension.Province or BreakdownDimension.Country;

    /// <summary>The map and its legend as one markup frame.</summary>
    public static RenderFragment Markup(Breakdown breakdown, string unit, bool yearToDate, DashboardQuery query, IStringLocalizer L) =>
        Fragment(Cached(breakdown, unit, yearToDate, query, table: false, L));

    /// <summary>The map's figures as a table (every group of the breakdown), one markup frame.</summary>
    public static RenderFragment TableMarkup(Breakdown breakdown, string unit, bool yearToDate, DashboardQuery query, IStringLocalizer L) =>
        Fragment(Cached(breakdown, unit, yearToDate, query, table: true, L));

    private static string Cached(Breakdown breakdown, string unit, bool yearToDate, DashboardQuery query, bool table, IStringLocalizer L)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(query);
        var key = new MapKey(CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, table, yearToDate, unit, query.ToQueryString());
        return Built.Get(breakdown, key, (b, k) => k.Table ? TableHtml(b, k.Unit, k.YearToDate, query, L) : Html(b, k.Unit, k.YearToDate, query, L));
    }

    /// <summary>The map: an SVG (one titled shape per province or country) and its legend.</summary>
    public static string Html(Breakdown breakdown, string unit, bool yearToDate, DashboardQuery query, IStringLocalizer L)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(L);
        if (!Supports(breakdown.Dimension))
        {
            throw new ArgumentException($"A {breakdown.Dimension} breakdown has no map.", nameof(breakdown));
        }
        var english = CultureSetup.IsEnglish;
        var values = Values(breakdown, yearToDate);
        var scale = ChoroplethScale.For(values.Values);
        var selected = breakdown.Dimension == BreakdownDimension.Province ? query.Filter.ProvinceCode : query.Filter.CountryCode;
        var key = Key(breakdown.Dimension);
        var hatch = $"map-nodata-{key}";
        var title = breakdown.Dimension == BreakdownDimension.Province ? L["Map.ProvinceTitle"].Value : L["Map.CountryTitle"].Value;

        var html = new StringBuilder(breakdown.Dimension == BreakdownDimension.Country ? 140_000 : 16_000);
        html.Append($"<figure class=\"choropleth choropleth-{key}\" data-testid=\"map-{key}\">");
        var (width, height) = breakdown.Dimension == BreakdownDimension.Province
            ? (ProvinceTileGrid.Columns * (Tile + Gap) + Gap, ProvinceTileGrid.Rows * (TileHeight + Gap) + Gap)
            : (WorldMapShapes.Width, WorldMapShapes.Height);
        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"choropleth-svg\" viewBox=\"0 0 {width:0.#} {height:0.#}\" role=\"group\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        html.Append(CultureInfo.InvariantCulture,
            $"<defs><pattern id=\"{hatch}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\">" +
            $"<rect width=\"8\" height=\"8\" fill=\"{ChoroplethScale.NoDataFill}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"{ChoroplethScale.NoDataHatch}\" stroke-width=\"1.5\"/></pattern></defs>");

        string ShapeTitle(string name, double? value) =>
            value is { } v ? $"{name}: {FigureFormatter.Format(v, unit)}" : $"{name}: {L["Map.NoData"].Value}";

        // A shape with a figure links to the indicator narrowed to it; one without is only named.
        void Open(string code, string name, double? value)
        {
            var css = "map-shape" + (value is null ? " map-nodata" : "") + (code == selected ? " map-selected" : "");
            var head = $"class=\"{css}\" data-code=\"{Encode(code)}\" data-testid=\"map-shape\"><title>{Encode(ShapeTitle(name, value))}</title>";
            html.Append(value is null
                ? $"<g {head}"
                : $"<a href=\"{Encode(query.Narrowed(breakdown.Dimension, code).IndicatorHref(breakdown.IndicatorCode))}\" {head}");
        }
        void Close(double? value) => html.Append(value is null ? "</g>" : "</a>");
        string FillOf(double? value) => scale.ClassOf(value)?.Fill ?? $"url(#{hatch})";

        if (breakdown.Dimension == BreakdownDimension.Province)
        {
            foreach (var tile in ProvinceTileGrid.Tiles)
            {
                var name = Name(breakdown, tile.Code, english);
                double? value = values.TryGetValue(tile.Code, out var v) ? v : null;
                var x = Gap + tile.Column * (Tile + Gap);
                var y = Gap + tile.Row * (TileHeight + Gap);
                var ink = scale.ClassOf(value)?.Ink ?? ChoroplethScale.DarkInk;
                Open(tile.Code, name, value);
                html.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{Tile:0.#}\" height=\"{TileHeight:0.#}\" rx=\"4\" fill=\"{FillOf(value)}\"/>");
                html.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x + Tile / 2:0.#}\" y=\"{y + (value is null ? 27 : 19):0.#}\" fill=\"{ink}\" class=\"map-tile-name\">{Encode(tile.Label)}</text>");
                if (value is { } shown)
                {
                    html.Append(CultureInfo.InvariantCulture,
                        $"<text x=\"{x + Tile / 2:0.#}\" y=\"{y + 36:0.#}\" fill=\"{ink}\" class=\"map-tile-value\">{Encode(FigureFormatter.Compact(shown, FigureFormatter.IsPercent(unit) ? unit : "", english).Trim())}</text>");
                }
                Close(value);
            }
        }
        else
        {
            foreach (var shape in WorldMapShapes.Shapes)
            {
                var name = Name(breakdown, shape.Code, english);
                double? value = values.TryGetValue(shape.Code, out var v) ? v : null;
                Open(shape.Code, name, value);
                html.Append($"<path d=\"{shape.PathData}\" fill=\"{FillOf(value)}\"/>");
                if (value is not null && shape.Marker is { } marker)
                {
                    html.Append(CultureInfo.InvariantCulture,
                        $"<circle class=\"map-marker\" cx=\"{marker.X:0.#}\" cy=\"{marker.Y:0.#}\" r=\"4.5\" fill=\"{FillOf(value)}\"/>");
                }
                Close(value);
            }
        }
        html.Append("</svg>");

        html.Append($"<figcaption class=\"map-legend\" data-testid=\"map-legend\"><span class=\"map-legend-title\">{Encode(LegendTitle(unit, L))}</span><ul>");
        foreach (var range in scale.Classes)
        {
            html.Append($"<li><span class=\"map-swatch\" style=\"background:{range.Fill}\"></span>{Encode(ChoroplethScale.Label(range, unit, english))}</li>");
        }
        html.Append($"<li><span class=\"map-swatch map-swatch-nodata\"></span>{Encode(L["Map.NoDataLegend"].Value)}</li></ul>");
        var missing = breakdown.Rows.Count(r => ChartFormats.Finite(ValueOf(r, yearToDate)) is not null && !OnMap(breakdown.Dimension, r.Code));
        if (missing > 0)
        {
            html.Append($"<span class=\"map-legend-note\" data-testid=\"map-not-drawn\">{Encode(L["Map.NotDrawn", missing].Value)}</span>");
        }
        html.Append("</figcaption></figure>");
        return html.ToString();
    }

    /// <summary>The map's figures as a table: every group of the breakdown, largest first, linked like the map.</summary>
    public static string TableHtml(Breakdown breakdown, string unit, bool yearToDate, DashboardQuery query, IStringLocalizer L)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(L);
        var english = CultureSetup.IsEnglish;
        var key = Key(breakdown.Dimension);
        var html = new StringBuilder(4_000);
        html.Append($"<table class=\"map-table\" data-testid=\"map-table-{key}\"><caption>{Encode(L[breakdown.Dimension == BreakdownDimension.Province ? "Map.ProvinceTitle" : "Map.CountryTitle"].Value)}</caption>");
        html.Append($"<thead><tr><th scope=\"col\">{Encode(L["Dimension." + breakdown.Dimension].Value)}</th><th scope=\"col\" class=\"num\">{Encode(LegendTitle(unit, L))}</th></tr></thead><tbody>");
        foreach (var row in breakdown.Rows)
        {
            var value = ChartFormats.Finite(ValueOf(row, yearToDate));
            var name = Encode(row.Name(english));
            var cell = value is not null && !string.IsNullOrEmpty(row.Code)
                ? $"<a href=\"{Encode(query.Narrowed(breakdown.Dimension, row.Code).IndicatorHref(breakdown.IndicatorCode))}\">{name}</a>"
                : name;
            html.Append($"<tr data-code=\"{Encode(row.Code)}\"><th scope=\"row\">{cell}</th><td class=\"num\">{Encode(FigureFormatter.Format(value, unit))}</td></tr>");
        }
        html.Append("</tbody></table>");
        return html.ToString();
    }

    private static string Key(BreakdownDimension dimension) => dimension.ToString().ToLowerInvariant();

    private static double? ValueOf(BreakdownRow row, bool yearToDate) => yearToDate ? row.YearToDateValue : row.QuarterValue;

    /// <summary>The drawn figure of each group: finite values of groups with a code.</summary>
    private static Dictionary<string, double> Values(Breakdown breakdown, bool yearToDate) =>
        breakdown.Rows
            .Where(r => !string.IsNullOrEmpty(r.Code) && ChartFormats.Finite(ValueOf(r, yearToDate)) is not null)
            .GroupBy(r => r.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ValueOf(g.First(), yearToDate)!.Value, StringComparer.Ordinal);

    private static bool OnMap(BreakdownDimension dimension, string code) => dimension == BreakdownDimension.Province
        ? ProvinceTileGrid.Tiles.Any(t => t.Code == code)
        : WorldMapShapes.Shapes.Any(s => s.Code == code);

    /// <summary>The group's name as the breakdown gives it, else the reference list's.</summary>
    private static string Name(Breakdown breakdown, string code, bool english)
    {
        if (breakdown.Rows.FirstOrDefault(r => r.Code == code) is { } row)
        {
            return row.Name(english);
        }
        if (breakdown.Dimension == BreakdownDimension.Province)
        {
            return s_provinces.TryGetValue(code, out var province) ? province.Name : code;
        }
        return s_countries.TryGetValue(code, out var country) ? (english ? country.NameEn : country.NameId) : code;
    }

    private static string LegendTitle(string unit, IStringLocalizer L) =>
        string.IsNullOrEmpty(unit) ? L["Map.Legend"].Value : L["Map.LegendWithUnit", unit].Value;
}
