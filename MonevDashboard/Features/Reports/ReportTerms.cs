using MonevDashboard.Data.Model;
using MonevDashboard.Features.Achievement;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// The words of the official quarterly report workbook. The report is the programme's Indonesian document of record,
/// so it is written in Indonesian whatever language the person downloading it reads the screens in, and its Data
/// sheet's column names are the import template's contract (see docs/decisions/quarterly-report-workbook.md).
/// Status labels equal the app's Indonesian ones (a test keeps them in step with SharedResource.resx).
/// </summary>
public static class ReportTerms
{
    public const string Programme = "Perjanjian Kerja Sama Kementerian Perdagangan (Ditjen Pengembangan Ekspor Nasional) dan KP2MI (Ditjen Promosi dan Pemanfaatan Peluang Kerja Luar Negeri)";
    public const string ReportTitle = "Laporan Monitoring dan Evaluasi PKS Kemendag – KP2MI";

    public const string SummarySheet = "Ringkasan";
    public const string ProvinceSheet = "Per Provinsi";
    public const string CountrySheet = "Per Negara";
    public const string DataSheet = "Data";
    public const string NarrativeSheet = "Narasi";
    public const string ActionItemSheet = "Tindak Lanjut";

    /// <summary>The import template's Data columns, in order (DESIGN.md "Excel contract").</summary>
    public static readonly IReadOnlyList<string> DataColumns =
    [
        "Kode Indikator", "Tahun", "Triwulan", "Kode Provinsi", "Kode Negara", "Jenis Kelamin",
        "Nilai", "Pembilang", "Penyebut", "Sumber", "Keterangan",
    ];

    public static string Status(AchievementStatus status) => status switch
    {
        AchievementStatus.OnTrack => "Tercapai",
        AchievementStatus.NeedsAttention => "Perlu perhatian",
        AchievementStatus.Critical => "Kritis",
        AchievementStatus.NoTarget => "Tanpa target",
        _ => "Belum ada data",
    };

    public static string ActionStatus(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Done => "Selesai",
        ActionItemStatus.InProgress => "Dalam proses",
        _ => "Belum dimulai",
    };

    public static string Owner(Ministry owner) => owner switch
    {
        Ministry.Kemendag => "Kemendag",
        Ministry.Kp2mi => "KP2MI",
        _ => "Bersama",
    };

    public static string Quarter(Periods.YearQuarter period) => $"Triwulan {period.Roman} {period.Year}";
}
