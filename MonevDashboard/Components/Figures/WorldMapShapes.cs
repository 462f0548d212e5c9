using System.Globalization;

namespace MonevDashboard.Components.Figures;

/// <summary>A country's outline as SVG path data, and for a country too small to point at, a marker point.</summary>
public sealed record CountryShape(string Code, string PathData, (double X, double Y)? Marker);

/// <summary>
/// The world's countries projected once to SVG (Natural Earth 1:50m via world-atlas, public domain; Natural Earth I
/// projection): Maps/world-countries.tsv, built by docs/maps/build_world_map.py and embedded in the assembly.
/// Keyed by ISO 3166-1 alpha-2, the code of <see cref="Data.Reference.CountryList"/>. Read once per process.
/// </summary>
public static class WorldMapShapes
{
    private const string ResourceName = "MonevDashboard.Maps.world-countries.tsv";

    private static readonly Lazy<(double Width, double Height, IReadOnlyList<CountryShape> Shapes)> s_map = new(Load);

    public static double Width => s_map.Value.Width;

    public static double Height => s_map.Value.Height;

    /// <summary>Every country drawn, ordered by code.</summary>
    public static IReadOnlyList<CountryShape> Shapes => s_map.Value.Shapes;

    private static (double, double, IReadOnlyList<CountryShape>) Load()
    {
        using var stream = typeof(WorldMapShapes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded world map {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()?.Split(' ') ?? throw new InvalidOperationException("The world map is empty.");
        // "#viewBox 0 0 W H"
        var width = double.Parse(header[3], CultureInfo.InvariantCulture);
        var height = double.Parse(header[4], CultureInfo.InvariantCulture);
        var shapes = new List<CountryShape>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var cells = line.Split('\t');
            (double, double)? marker = null;
            if (cells.Length > 2)
            {
                var point = cells[2].Split(' ');
                marker = (double.Parse(point[0], CultureInfo.InvariantCulture), double.Parse(point[1], CultureInfo.InvariantCulture));
            }
            shapes.Add(new CountryShape(cells[0], cells[1], marker));
        }
        return (width, height, shapes);
    }
}
