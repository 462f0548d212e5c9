using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// The words of the official quarterly report workbook. The report is the programme's Indonesian document of record,
/// so it is written in Indonesian whatever language the person downloading it reads the screens in, and its Data
/// sheet's column names are the import template's contract (<see cref="DataSheetColumns.DataHeaders"/>, see
/// docs/decisions/quarterly-report-workbook.md). Its status and ministry names are <see cref="Vocabulary"/>'s.
/// </summary>
public static class ReportTerms
{
    public const string Programme = "Perjanjian Kerja Sama Kementerian Perdagangan (Ditjen Pengembangan Ekspor Nasional) dan KP2MI (Ditjen Promosi dan Pemanfaatan Peluang Kerja Luar Negeri)";
    /// <summary>The letterhead's third line: the two directorates-general that carry out the PKS.</summary>
    public const string Directorates = "Direktorat Jenderal Pengembangan Ekspor Nasional · Direktorat Jenderal Promosi dan Pemanfaatan Peluang Kerja Luar Negeri";
    public const string PillarSummaryTitle = "Ringkasan Status Indikator per Pilar";
    public const string ReportTitle = "Laporan Monitoring dan Evaluasi PKS Kemendag – KP2MI";

    public const string SummarySheet = "Ringkasan";
    public const string ProvinceSheet = "Per Provinsi";
    public const string CountrySheet = "Per Negara";
    public const string SexSheet = "Per Jenis Kelamin";
    public const string DataSheet = DataSheetColumns.DataSheet;
    public const string NarrativeSheet = "Narasi";
    public const string ActionItemSheet = "Tindak Lanjut";
}
