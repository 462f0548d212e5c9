using MonevDashboard.Data.Reference;

namespace MonevDashboard.Components.Figures;

/// <summary>One province's tile: its column and row (west to east, north to south) and the short name written on it
/// (the abbreviation officials use, at most seven letters; the tile's title and the table give the full name).</summary>
public sealed record ProvinceTile(string Code, int Column, int Row, string Label);

/// <summary>
/// Indonesia as a tile grid: each of the 38 provinces (by Kemendagri code, <see cref="ProvinceList"/>) one equal tile,
/// placed roughly where it lies — Sumatra in the west, Java and Nusa Tenggara along the south, Kalimantan,
/// Sulawesi and Maluku in the middle, the six Papua provinces in the east. Equal tiles keep small provinces
/// (DKI Jakarta, DI Yogyakarta) as visible as large ones and need no boundary geometry.
/// </summary>
public static class ProvinceTileGrid
{
    public static IReadOnlyList<ProvinceTile> Tiles { get; } =
    [
        new("11", 0, 0, "Aceh"),
        new("12", 1, 0, "Sumut"),
        new("13", 1, 1, "Sumbar"),
        new("14", 2, 1, "Riau"),
        new("21", 4, 1, "Kepri"),
        new("17", 2, 2, "Bkl"),
        new("15", 3, 2, "Jambi"),
        new("19", 5, 2, "Babel"),
        new("16", 3, 3, "Sumsel"),
        new("18", 4, 3, "Lpg"),
        new("31", 5, 3, "DKI"),
        new("36", 4, 4, "Banten"),
        new("32", 5, 4, "Jabar"),
        new("33", 6, 4, "Jateng"),
        new("34", 6, 5, "DIY"),
        new("35", 7, 4, "Jatim"),
        new("51", 8, 4, "Bali"),
        new("52", 9, 4, "NTB"),
        new("53", 10, 4, "NTT"),
        new("65", 8, 0, "Kaltara"),
        new("61", 7, 1, "Kalbar"),
        new("64", 8, 1, "Kaltim"),
        new("62", 7, 2, "Kalteng"),
        new("63", 8, 2, "Kalsel"),
        new("75", 10, 0, "Gtlo"),
        new("71", 11, 0, "Sulut"),
        new("76", 9, 1, "Sulbar"),
        new("72", 10, 1, "Sulteng"),
        new("73", 9, 2, "Sulsel"),
        new("74", 10, 2, "Sultra"),
        new("82", 12, 1, "Malut"),
        new("81", 12, 2, "Maluku"),
        new("96", 13, 1, "PBD"),
        new("92", 14, 1, "Pabar"),
        new("91", 15, 1, "Papua"),
        new("94", 14, 2, "Papteng"),
        new("95", 15, 2, "Papeg"),
        new("93", 15, 3, "Papsel"),
    ];

    public static int Columns { get; } = Tiles.Max(t => t.Column) + 1;

    public static int Rows { get; } = Tiles.Max(t => t.Row) + 1;
}
