namespace MonevDashboard.Data.Reference;

/// <summary>
/// A province of Indonesia.
/// </summary>
/// <param name="Code">Two-digit Kemendagri province code, e.g. "52".</param>
/// <param name="Name">Official province name as used by Kemendagri, e.g. "Nusa Tenggara Barat".</param>
/// <param name="Aliases">Other names officials commonly type for the province (abbreviations, short names,
/// spelling variants). Empty when there are none.</param>
public sealed record ProvinceRef(string Code, string Name, params IReadOnlyList<string> Aliases);

/// <summary>
/// The 38 provinces of Indonesia with their two-digit codes.
/// </summary>
/// <remarks>
/// Codes follow Kemendagri (Kementerian Dalam Negeri) as set by Kepmendagri No. 100.1.1-6117 Tahun 2022,
/// the first code list that includes the provinces created in 2022: 93 Papua Selatan, 94 Papua Tengah,
/// 95 Papua Pegunungan and 96 Papua Barat Daya. BPS (Badan Pusat Statistik) numbers the Papua region
/// differently: it has long used 94 for Papua and 91 for Papua Barat, and gave the new Papua provinces codes
/// of its own. Do not join these codes against BPS data for the Papua region without an explicit mapping;
/// the other province codes are the same in both systems.
/// </remarks>
public static class ProvinceList
{
    /// <summary>All 38 provinces, ordered by code.</summary>
    public static IReadOnlyList<ProvinceRef> All { get; } =
    [
        new("11", "Aceh", "NAD", "Nanggroe Aceh Darussalam"),
        new("12", "Sumatera Utara", "Sumut", "Sumatra Utara"),
        new("13", "Sumatera Barat", "Sumbar", "Sumatra Barat"),
        new("14", "Riau"),
        new("15", "Jambi"),
        new("16", "Sumatera Selatan", "Sumsel", "Sumatra Selatan"),
        new("17", "Bengkulu"),
        new("18", "Lampung"),
        new("19", "Kepulauan Bangka Belitung", "Babel", "Bangka Belitung", "Kep. Bangka Belitung"),
        new("21", "Kepulauan Riau", "Kepri", "Kep. Riau"),
        new("31", "DKI Jakarta", "Jakarta", "DKJ", "Daerah Khusus Jakarta", "Daerah Khusus Ibukota Jakarta"),
        new("32", "Jawa Barat", "Jabar"),
        new("33", "Jawa Tengah", "Jateng"),
        new("34", "DI Yogyakarta", "Yogyakarta", "DIY", "Daerah Istimewa Yogyakarta", "Jogja", "Jogjakarta"),
        new("35", "Jawa Timur", "Jatim"),
        new("36", "Banten"),
        new("51", "Bali"),
        new("52", "Nusa Tenggara Barat", "NTB"),
        new("53", "Nusa Tenggara Timur", "NTT"),
        new("61", "Kalimantan Barat", "Kalbar"),
        new("62", "Kalimantan Tengah", "Kalteng"),
        new("63", "Kalimantan Selatan", "Kalsel"),
        new("64", "Kalimantan Timur", "Kaltim"),
        new("65", "Kalimantan Utara", "Kaltara"),
        new("71", "Sulawesi Utara", "Sulut"),
        new("72", "Sulawesi Tengah", "Sulteng"),
        new("73", "Sulawesi Selatan", "Sulsel"),
        new("74", "Sulawesi Tenggara", "Sultra"),
        new("75", "Gorontalo"),
        new("76", "Sulawesi Barat", "Sulbar"),
        new("81", "Maluku"),
        new("82", "Maluku Utara", "Malut"),
        new("91", "Papua"),
        new("92", "Papua Barat", "Pabar"),
        new("93", "Papua Selatan"),
        new("94", "Papua Tengah"),
        new("95", "Papua Pegunungan"),
        new("96", "Papua Barat Daya", "PBD"),
    ];
}
