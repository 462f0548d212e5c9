using ClosedXML.Excel;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>What the template is generated from: the current catalogue and reference lists.</summary>
public sealed record TemplateCatalogue(
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<Province> Provinces, IReadOnlyList<Country> Countries, long MaxBytes, DateTime GeneratedAt);

/// <summary>
/// Generates the import template from the current catalogue, so it can never drift from what the import accepts:
/// <c>Petunjuk</c> (how to fill it, in Indonesian), <c>Data</c> and <c>Target</c> with the contract's columns
/// (<see cref="DataSheetColumns"/>), dropdown lists on the code columns, and the reference sheets they point to.
/// The template's own texts are Indonesian whatever the UI language: it is an official form.
/// </summary>
public static class ImportTemplateWriter
{
    /// <summary>Rows the dropdowns and text formats cover; officials rarely send more in one file.</summary>
    public const int PreparedRows = 5000;

    private static readonly XLColor s_headerFill = XLColor.FromHtml("#1F4E78");
    private static readonly XLColor s_requiredFill = XLColor.FromHtml("#C00000");

    public static byte[] Write(TemplateCatalogue catalogue)
    {
        using var workbook = new XLWorkbook();
        var instructions = workbook.AddWorksheet(DataSheetColumns.InstructionsSheet);
        var data = workbook.AddWorksheet(DataSheetColumns.DataSheet);
        var targets = workbook.AddWorksheet(DataSheetColumns.TargetSheet);
        var indicators = workbook.AddWorksheet(DataSheetColumns.IndicatorReferenceSheet);
        var provinces = workbook.AddWorksheet(DataSheetColumns.ProvinceReferenceSheet);
        var countries = workbook.AddWorksheet(DataSheetColumns.CountryReferenceSheet);

        var indicatorCount = WriteIndicators(indicators, catalogue.Indicators);
        WriteReference(provinces, ["Kode Provinsi", "Nama Provinsi", "Nama lain yang juga diterima"], [14, 34, 50],
            catalogue.Provinces.OrderBy(p => p.Code).Select(p => new[]
            {
                p.Code, p.Name, string.Join(", ", ProvinceList.All.FirstOrDefault(r => r.Code == p.Code)?.Aliases ?? []),
            }));
        WriteReference(countries, ["Kode Negara", "Nama Negara", "Nama (Inggris)"], [13, 40, 40],
            catalogue.Countries.OrderBy(c => c.NameId, StringComparer.Create(CellValueParser.Indonesian, true))
                .Select(c => new[] { c.Code, c.NameId, c.NameEn }));

        WriteHeader(data, DataSheetColumns.Data);
        WriteHeader(targets, DataSheetColumns.Target);
        var indicatorList = $"'{DataSheetColumns.IndicatorReferenceSheet}'!$A$2:$A${indicatorCount + 1}";
        var provinceList = $"'{DataSheetColumns.ProvinceReferenceSheet}'!$A$2:$A${catalogue.Provinces.Count + 1}";
        var countryList = $"'{DataSheetColumns.CountryReferenceSheet}'!$A$2:$A${catalogue.Countries.Count + 1}";
        Dropdown(data, DataSheetColumns.Data, SheetField.IndicatorCode, indicatorList, "Pilih kode dari lembar Ref_Indikator.");
        Dropdown(data, DataSheetColumns.Data, SheetField.Quarter, "\"1,2,3,4\"", "Triwulan 1–4 (I–IV juga diterima).");
        Dropdown(data, DataSheetColumns.Data, SheetField.ProvinceCode, provinceList, "Kode dari Ref_Provinsi; nama provinsi juga diterima. Kosongkan bila tidak dirinci per provinsi.");
        Dropdown(data, DataSheetColumns.Data, SheetField.CountryCode, countryList, "Kode dari Ref_Negara; nama negara juga diterima. Kosongkan bila tidak dirinci per negara.");
        Dropdown(data, DataSheetColumns.Data, SheetField.Sex, "\"L,P\"", "L = laki-laki, P = perempuan. Kosongkan bila tidak dirinci.");
        Dropdown(targets, DataSheetColumns.Target, SheetField.IndicatorCode, indicatorList, "Pilih kode dari lembar Ref_Indikator.");
        Dropdown(targets, DataSheetColumns.Target, SheetField.Quarter, "\"1,2,3,4\"", "Kosongkan untuk target tahunan.");
        TextColumns(data, DataSheetColumns.Data, SheetField.IndicatorCode, SheetField.ProvinceCode, SheetField.CountryCode, SheetField.Sex,
            SheetField.Source, SheetField.Note);
        TextColumns(targets, DataSheetColumns.Target, SheetField.IndicatorCode);

        WriteInstructions(instructions, catalogue);
        instructions.SetTabActive();
        workbook.Author = "MonevDashboard";
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static void WriteHeader(IXLWorksheet sheet, IReadOnlyList<SheetColumn> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = sheet.Cell(1, i + 1);
            cell.SetValue(columns[i].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Font.FontColor = XLColor.White;
            cell.Style.Fill.BackgroundColor = columns[i].Required ? s_requiredFill : s_headerFill;
            cell.Style.Alignment.WrapText = true;
            sheet.Column(i + 1).Width = columns[i].Width;
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Row(1).Height = 30;
    }

    private static int ColumnOf(IReadOnlyList<SheetColumn> columns, SheetField field) => columns.ToList().FindIndex(c => c.Field == field) + 1;

    private static void Dropdown(IXLWorksheet sheet, IReadOnlyList<SheetColumn> columns, SheetField field, string list, string hint)
    {
        var column = ColumnOf(columns, field);
        var validation = sheet.Range(2, column, PreparedRows + 1, column).SetDataValidation();
        validation.List(list, true);
        validation.IgnoreBlanks = true;
        // A warning, not a stop: names ("Jawa Timur") and roman quarters are accepted too, and the import checks.
        validation.ErrorStyle = XLErrorStyle.Warning;
        validation.ErrorTitle = "Isian di luar daftar";
        validation.ErrorMessage = "Nilai ini tidak ada di daftar. Lanjutkan hanya bila yakin (mis. nama provinsi/negara).";
        validation.ShowInputMessage = true;
        validation.InputTitle = columns[column - 1].Header;
        validation.InputMessage = hint;
    }

    private static void TextColumns(IXLWorksheet sheet, IReadOnlyList<SheetColumn> columns, params SheetField[] fields)
    {
        foreach (var field in fields)
        {
            // A column style, not 5,000 styled cells: the file stays small and the header keeps its own style.
            sheet.Column(ColumnOf(columns, field)).Style.NumberFormat.Format = "@";
        }
    }

    private static int WriteIndicators(IXLWorksheet sheet, IReadOnlyList<Indicator> indicators)
    {
        string[] headers = ["Kode Indikator", "Nama Indikator", "Satuan", "Pemilik", "Agregasi", "Rincian yang diizinkan", "Cara mengisi"];
        double[] widths = [24, 60, 11, 11, 12, 30, 60];
        var rows = indicators.Where(i => i.IsActive).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).Select(i => new[]
        {
            i.Code, i.NameId, i.Unit, Vocabulary.MinistryName(i.Owner), AggregationName(i.Aggregation), Breakdowns(i.Disaggregations),
            i.Aggregation switch
            {
                TimeAggregation.Derived => "Dihitung otomatis oleh sistem; jangan diisi di lembar Data (target boleh diisi).",
                TimeAggregation.Ratio => "Isi Pembilang dan Penyebut; Nilai (%) dihitung sistem.",
                _ => "Isi Nilai.",
            },
        }).ToList();
        WriteReference(sheet, headers, widths, rows);
        return rows.Count;
    }

    private static void WriteReference(IXLWorksheet sheet, string[] headers, double[] widths, IEnumerable<string[]> rows)
    {
        for (var c = 0; c < headers.Length; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.SetValue(headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Font.FontColor = XLColor.White;
            cell.Style.Fill.BackgroundColor = s_headerFill;
            sheet.Column(c + 1).Width = widths[c];
        }
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < row.Length; c++)
            {
                sheet.Cell(r, c + 1).SetValue(row[c]);
            }
        }
        sheet.SheetView.FreezeRows(1);
    }

    private static void WriteInstructions(IXLWorksheet sheet, TemplateCatalogue catalogue)
    {
        sheet.Column(1).Width = 4;
        sheet.Column(2).Width = 24;
        sheet.Column(3).Width = 100;
        var row = 1;
        void Line(string text, bool bold = false, double size = 11)
        {
            var cell = sheet.Cell(row, 2);
            cell.SetValue(text);
            cell.Style.Font.Bold = bold;
            cell.Style.Font.FontSize = size;
            row++;
        }
        void Pair(string left, string right)
        {
            sheet.Cell(row, 2).SetValue(left);
            sheet.Cell(row, 2).Style.Font.Bold = true;
            sheet.Cell(row, 3).SetValue(right);
            sheet.Cell(row, 3).Style.Alignment.WrapText = true;
            row++;
        }

        Line("Template Impor Data Monev PKS Kemendag – KP2MI", bold: true, size: 15);
        Line($"Dibuat oleh aplikasi MonevDashboard pada {FigureFormatter.DateTimeWib(catalogue.GeneratedAt)} dari katalog indikator saat itu.");
        row++;
        Line("Langkah pengisian", bold: true, size: 12);
        Pair("1.", "Isi lembar Data: satu baris untuk setiap angka realisasi (indikator × tahun × triwulan × provinsi × negara × jenis kelamin).");
        Pair("2.", "Kode indikator ada di lembar Ref_Indikator, beserta rincian yang diizinkan untuk tiap indikator. Kolom rincian yang tidak diizinkan harus dikosongkan.");
        Pair("3.", "Admin dapat mengisi lembar Target (Kode Indikator · Tahun · Triwulan · Target). Kosongkan Triwulan untuk target tahunan. Operator cukup mengosongkan lembar Target.");
        Pair("4.", "Simpan sebagai .xlsx (bukan .xlsm, bukan .xls, tanpa kata sandi), lalu unggah di menu Impor Excel. Periksa pratinjau, lalu klik Impor.");
        Pair("5.", "Bila ada kesalahan, tidak ada satu baris pun yang disimpan. Unduh berkas beranotasi: sel yang salah diberi warna dan komentar, dan lembar Kesalahan berisi daftarnya. Perbaiki lalu unggah ulang.");
        row++;
        Line("Kolom lembar Data", bold: true, size: 12);
        Pair("Kode Indikator *", "Wajib. Kode dari Ref_Indikator, mis. P1-PMI-TRAINED (huruf besar/kecil sama saja).");
        Pair("Tahun *", "Wajib. Empat angka, mis. 2026.");
        Pair("Triwulan *", "Wajib. 1–4; juga diterima I–IV, \"TW II\", \"Q3\", \"Triwulan III\".");
        Pair("Kode Provinsi", "Kode dua angka dari Ref_Provinsi (mis. 35) atau nama provinsi (mis. Jawa Timur, Jatim). Kosongkan bila tidak dirinci per provinsi.");
        Pair("Kode Negara", "Kode ISO dua huruf dari Ref_Negara (mis. SA) atau nama negara (mis. Arab Saudi, Taiwan). Kosongkan bila tidak dirinci per negara.");
        Pair("Jenis Kelamin", "L (laki-laki) atau P (perempuan). Kosongkan bila tidak dirinci per jenis kelamin.");
        Pair("Nilai *", "Angka realisasi, tidak boleh negatif. Untuk indikator rasio (%) kosongkan dan isi Pembilang dan Penyebut.");
        Pair("Pembilang, Penyebut", "Hanya untuk indikator rasio (%): Nilai = Pembilang ÷ Penyebut × 100.");
        Pair("Sumber", "Sumber data (maks. 300 karakter).");
        Pair("Keterangan", "Catatan bila perlu (maks. 2.000 karakter).");
        row++;
        Line("Yang juga diterima", bold: true, size: 12);
        Pair("Judul di atas tabel", "Baris judul kolom boleh berada di salah satu dari 20 baris pertama; urutan kolom bebas; nama kolom dalam bahasa Inggris juga dikenali.");
        Pair("Angka sebagai teks", "\"1.234.567,89\" (format Indonesia) atau \"1234567.89\". Satu titik diikuti tepat tiga angka (\"1.234\") dibaca sebagai pemisah ribuan: seribu dua ratus tiga puluh empat.");
        Pair("Kolom tambahan", "Kolom lain diabaikan dan disebutkan sebagai peringatan.");
        row++;
        Line("Yang ditolak (seluruh berkas tidak disimpan)", bold: true, size: 12);
        Pair("Berkas", $"Bukan .xlsx, dilindungi kata sandi, berisi makro, lebih dari {ObservationWorkbookReader.FormatMegabytes(catalogue.MaxBytes)}, atau tidak ada lembar Data.");
        Pair("Isian", "Kolom wajib tidak ada, kode tidak dikenal, triwulan di luar 1–4, angka negatif atau bukan angka, rincian yang tidak diizinkan, baris ganda, triwulan yang sudah dikunci, atau indikator milik kementerian lain.");
        Pair("Peringatan", "Nilai lebih dari sepuluh kali lipat (atau kurang dari sepersepuluh) triwulan sebelumnya diberi peringatan, tetapi tetap dapat diimpor.");
        row++;
        Line("Data yang diimpor masuk sebagai Draft; kirimkan (submit) melalui menu entri data agar diverifikasi.");
    }

    private static string AggregationName(TimeAggregation aggregation) => aggregation switch
    {
        TimeAggregation.Sum => "Jumlah",
        TimeAggregation.Latest => "Terakhir",
        TimeAggregation.Ratio => "Rasio (%)",
        _ => "Otomatis",
    };

    private static string Breakdowns(Disaggregation by)
    {
        var parts = new List<string>();
        if ((by & Disaggregation.Sex) != 0)
        {
            parts.Add("jenis kelamin");
        }
        if ((by & Disaggregation.Province) != 0)
        {
            parts.Add("provinsi");
        }
        if ((by & Disaggregation.Country) != 0)
        {
            parts.Add("negara");
        }
        return parts.Count == 0 ? "tidak ada (total saja)" : string.Join(", ", parts);
    }
}
