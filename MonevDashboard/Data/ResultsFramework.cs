using MonevDashboard.Data.Model;

namespace MonevDashboard.Data;

/// <summary>The PKS results framework (docs/design.md "Results framework"): four pillars and the starting indicator catalogue, written only here.</summary>
public static class ResultsFramework
{
    public sealed record PillarSeed(string Code, string NameId, string NameEn);

    public sealed record IndicatorSeed(
        string Code, string PillarCode, string NameId, string NameEn, string DefinitionId, string DefinitionEn,
        string Unit, string UnitEn, TimeAggregation Aggregation, Ministry Owner, Disaggregation By, string DataSource,
        int? BaselineYear = null, double? BaselineValue = null, bool NumeratorNotAboveDenominator = false);

    public static IReadOnlyList<PillarSeed> Pillars { get; } =
    [
        new("P1", "Keterampilan & daya saing PMI", "Skills and competitiveness of migrant workers"),
        new("P2", "Akses informasi peluang kerja & ekspor", "Access to job and export opportunity information"),
        new("P3", "Promosi produk & jasa melalui jejaring PMI", "Promotion of products and services through PMI networks"),
        new("P4", "Koordinasi perlindungan, pemantauan & evaluasi", "Coordination of protection, monitoring and evaluation"),
    ];

    private const Disaggregation SexProvince = Disaggregation.Sex | Disaggregation.Province;

    public static IReadOnlyList<IndicatorSeed> Indicators { get; } =
    [
        new("P1-PMI-TRAINED", "P1", "Calon PMI/PMI yang dilatih (ekspor, kewirausahaan, vokasi)",
            "Prospective/current migrant workers trained (export, entrepreneurship, vocational)",
            "Jumlah calon PMI dan PMI yang menyelesaikan pelatihan ekspor, kewirausahaan atau vokasi dalam triwulan.",
            "Prospective and current migrant workers who completed export, entrepreneurship or vocational training in the quarter.",
            "orang", "people", TimeAggregation.Sum, Ministry.Kp2mi, SexProvince, "Laporan pelatihan BP3MI / KP2MI", 2024, 5200),
        new("P1-PMI-CERTIFIED", "P1", "PMI bersertifikat kompetensi", "Migrant workers with a competency certificate",
            "Jumlah PMI yang memperoleh sertifikat kompetensi (BNSP/LSP) dalam triwulan.",
            "Migrant workers awarded a competency certificate (BNSP/LSP) in the quarter.",
            "orang", "people", TimeAggregation.Sum, Ministry.Kp2mi, SexProvince, "Data sertifikasi BNSP / LSP", 2024, 3100),
        new("P1-SKILLED-SHARE", "P1", "Porsi penempatan PMI sektor formal/terampil", "Share of formal/skilled-sector placements",
            "Penempatan PMI sektor formal/terampil dibagi seluruh penempatan PMI (Σpembilang ÷ Σpenyebut).",
            "Formal/skilled-sector placements divided by all placements (Σnumerator ÷ Σdenominator).",
            "%", "%", TimeAggregation.Ratio, Ministry.Kp2mi, Disaggregation.Country, "SISKOP2MI (data penempatan)", 2024, 43.5, true),
        new("P2-INFO-EVENTS", "P2", "Sosialisasi peluang kerja & ekspor", "Outreach events on job and export opportunities",
            "Jumlah kegiatan sosialisasi peluang kerja luar negeri dan peluang ekspor yang dilaksanakan.",
            "Outreach events held on overseas job opportunities and export opportunities.",
            "kegiatan", "events", TimeAggregation.Sum, Ministry.Bersama, Disaggregation.Province, "Laporan kegiatan Kemendag & KP2MI", 2024, 120),
        new("P2-INFO-REACH", "P2", "Peserta yang menerima informasi peluang", "Participants reached with opportunity information",
            "Jumlah peserta sosialisasi/diseminasi yang menerima informasi peluang kerja dan ekspor.",
            "Participants of outreach/dissemination who received job and export opportunity information.",
            "orang", "people", TimeAggregation.Sum, Ministry.Bersama, SexProvince, "Daftar hadir kegiatan sosialisasi", 2024, 14000),
        new("P2-JOB-ORDERS", "P2", "Peluang kerja luar negeri yang dipromosikan", "Overseas job vacancies promoted",
            "Jumlah lowongan kerja luar negeri (job order) terverifikasi yang dipromosikan kepada calon PMI.",
            "Verified overseas job vacancies (job orders) promoted to prospective migrant workers.",
            "lowongan", "vacancies", TimeAggregation.Sum, Ministry.Kp2mi, Disaggregation.Country, "SISKOP2MI (job order)", 2024, 310000),
        new("P3-UMKM-FACILITATED", "P3", "UMKM yang difasilitasi ekspor", "MSMEs facilitated to export",
            "Jumlah UMKM yang difasilitasi ekspor (business matching, pameran, penjajakan pembeli) melalui jejaring PMI.",
            "MSMEs facilitated to export (business matching, fairs, buyer scouting) through PMI networks.",
            "UMKM", "MSMEs", TimeAggregation.Sum, Ministry.Kemendag, Disaggregation.Province, "Ditjen PEN Kemendag", 2024, 1400),
        new("P3-EXPORT-VALUE", "P3", "Nilai ekspor UMKM terfasilitasi", "Export value of facilitated MSMEs",
            "Nilai transaksi ekspor UMKM yang difasilitasi (USD), menurut negara tujuan.",
            "Export transaction value of facilitated MSMEs (USD), by destination country.",
            "USD", "USD", TimeAggregation.Sum, Ministry.Kemendag, Disaggregation.Country, "Ditjen PEN Kemendag / ITPC", 2024, 120_000_000),
        new("P3-PROMO-EVENTS", "P3", "Promosi produk melalui jejaring/diaspora PMI", "Product promotions through PMI/diaspora networks",
            "Jumlah kegiatan promosi produk Indonesia melalui jejaring PMI dan diaspora di luar negeri.",
            "Promotions of Indonesian products through PMI and diaspora networks abroad.",
            "kegiatan", "events", TimeAggregation.Sum, Ministry.Kemendag, Disaggregation.Country, "ITPC / Atdag / KBRI", 2024, 36),
        new("P3-PMI-ENTREPRENEURS", "P3", "Purna PMI menjadi pelaku usaha/eksportir", "Returned migrant workers who became entrepreneurs/exporters",
            "Jumlah purna PMI yang memulai usaha atau menjadi eksportir setelah pendampingan.",
            "Returned migrant workers who started a business or became exporters after mentoring.",
            "orang", "people", TimeAggregation.Sum, Ministry.Bersama, SexProvince, "Pendampingan purna PMI (KP2MI & Kemendag)", 2024, 640),
        new("P3-REMITTANCE", "P3", "Remitansi PMI (kontribusi devisa)", "Migrant worker remittances (foreign-exchange contribution)",
            "Nilai remitansi PMI menurut negara asal pengiriman (USD), sumber Bank Indonesia.",
            "Value of migrant worker remittances by sending country (USD), source Bank Indonesia.",
            "USD", "USD", TimeAggregation.Sum, Ministry.Kp2mi, Disaggregation.Country, "Bank Indonesia (Statistik Remitansi)", 2024, 15_700_000_000),
        new("P4-COORD-MEETINGS", "P4", "Rapat koordinasi lintas sektor", "Cross-sector coordination meetings",
            "Jumlah rapat koordinasi lintas sektor pelaksanaan PKS.",
            "Cross-sector coordination meetings held under the PKS.",
            "kegiatan", "meetings", TimeAggregation.Sum, Ministry.Bersama, Disaggregation.None, "Notulen rapat koordinasi", 2024, 8),
        new("P4-FOLLOWUP-ONTIME", "P4", "Tindak lanjut rapat tinjauan selesai tepat waktu", "Review follow-ups completed on time",
            "Persentase tindak lanjut rapat tinjauan triwulan yang jatuh tempo dan selesai paling lambat pada tanggal jatuh temponya (dihitung sistem).",
            "Share of due review follow-ups completed by their due date (computed by the system).",
            "%", "%", TimeAggregation.Derived, Ministry.Bersama, Disaggregation.None, "Dihitung dari tindak lanjut rapat tinjauan", NumeratorNotAboveDenominator: true),
        new("P4-REPORT-ONTIME", "P4", "Laporan triwulan disampaikan tepat waktu", "Quarterly reports submitted on time",
            "Persentase laporan triwulan kementerian yang disampaikan paling lambat 10 hari kerja setelah akhir triwulan (dihitung sistem).",
            "Share of ministries' quarterly reports submitted within 10 working days after quarter end (computed by the system).",
            "%", "%", TimeAggregation.Derived, Ministry.Bersama, Disaggregation.None, "Dihitung dari tanggal penyampaian laporan", NumeratorNotAboveDenominator: true),
    ];

    public sealed record RuleSeed(string Code, string LeftCode, RuleComparison Comparison, string RightCode, RuleScope Scope, string MessageId, string MessageEn);

    /// <summary>
    /// The checks between indicators that the framework implies, seeded once (Admin may edit or disable them after).
    /// A ratio's own numerator ≤ denominator is not here: it is <see cref="IndicatorSeed.NumeratorNotAboveDenominator"/>,
    /// refused per figure by <c>ObservationRules</c>, so a stored quarter can never break it.
    /// </summary>
    public static IReadOnlyList<RuleSeed> Rules { get; } =
    [
        new("CERTIFIED-LE-TRAINED", "P1-PMI-CERTIFIED", RuleComparison.AtMost, "P1-PMI-TRAINED", RuleScope.SameCell,
            "PMI yang memperoleh sertifikat kompetensi berasal dari PMI yang dilatih, jadi per provinsi dan jenis kelamin tidak melebihinya.",
            "Certified migrant workers come from those trained, so per province and sex they do not exceed them."),
        new("ENTREPRENEURS-LE-TRAINED", "P3-PMI-ENTREPRENEURS", RuleComparison.AtMost, "P1-PMI-TRAINED", RuleScope.Totals,
            "Purna PMI yang menjadi pelaku usaha didampingi setelah pelatihan, jadi jumlahnya dalam triwulan tidak melebihi PMI yang dilatih.",
            "Returned migrant workers who became entrepreneurs were mentored after training, so in a quarter they do not exceed those trained."),
    ];
}
