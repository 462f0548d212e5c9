using ClosedXML.Excel;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>What the template is generated from: the current catalogue and reference lists.</summary>
public sealed record TemplateCatalogue(
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<Province> Provinces, IReadOnlyList<Country> Countries, long MaxBytes, DateTime GeneratedAt);

/// <summary>A figure as stored, for the pre-filled template: this quarter's in the Data columns, last quarter's beside them.</summary>
public sealed record PrefilledFigure(double Value, double? Numerator, double? Denominator, string Source, string Note);

/// <summary>One laid-out row of the pre-filled template: an indicator's cell (<see cref="MonevDashboard.Figures.EntryCells.Layout"/>),
/// its stored figure of the chosen quarter if any, and the previous quarter's for reference.</summary>
public sealed record PrefilledRow(Indicator Indicator, MonevDashboard.Figures.CellPlace Place, PrefilledFigure? Current, PrefilledFigure? Previous);

/// <summary>What the pre-filled template is for: a ministry's quarter, the quarter before it, and its laid-out rows.</summary>
public sealed record TemplatePrefill(Ministry Ministry, YearQuarter Period, YearQuarter Previous, IReadOnlyList<PrefilledRow> Rows);

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
    private static readonly XLColor s_referenceBandFill = XLColor.FromHtml("#595959");
    private static readonly XLColor s_referenceHeaderFill = XLColor.FromHtml("#A6A6A6");
    private static readonly XLColor s_referenceFill = XLColor.FromHtml("#E7E6E6");
    private static readonly XLColor s_referenceFont = XLColor.FromHtml("#404040");

    /// <summary>The band above the reference columns of the pre-filled template.</summary>
    public const string ReferenceBand = "Referensi TW sebelumnya (tidak diimpor)";

    /// <summary>The pre-filled template's reference columns, right of the contract's: last quarter's figure.</summary>
    public static IReadOnlyList<string> ReferenceHeaders(YearQuarter previous) =>
        [.. new[] { "Nilai", "Pembilang", "Penyebut" }.Select(field => $"{DataSheetColumns.ReferenceHeaderPrefix}: {field} {previous}")];

    private const double ReferenceWidth = 17;

    /// <summary>The import template; with <paramref name="prefill"/>, the pre-filled one for a ministry's quarter: its rows laid
    /// out and filled with what is stored, last quarter's figures beside them in grey, locked columns that are not imported.</summary>
    public static byte[] Write(TemplateCatalogue catalogue, TemplatePrefill? prefill = null)
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

        var firstDataRow = 2;
        if (prefill is null)
        {
            WriteHeader(data, DataSheetColumns.Data);
        }
        else
        {
            firstDataRow = WritePrefilled(data, prefill);
        }
        WriteHeader(targets, DataSheetColumns.Target);
        var indicatorList = $"'{DataSheetColumns.IndicatorReferenceSheet}'!$A$2:$A${indicatorCount + 1}";
        var provinceList = $"'{DataSheetColumns.ProvinceReferenceSheet}'!$A$2:$A${catalogue.Provinces.Count + 1}";
        var countryList = $"'{DataSheetColumns.CountryReferenceSheet}'!$A$2:$A${catalogue.Countries.Count + 1}";
        Dropdown(data, DataSheetColumns.Data, SheetField.IndicatorCode, indicatorList, "Pilih kode dari lembar Ref_Indikator.", firstDataRow);
        Dropdown(data, DataSheetColumns.Data, SheetField.Quarter, "\"1,2,3,4\"", "Triwulan 1–4 (I–IV juga diterima).", firstDataRow);
        Dropdown(data, DataSheetColumns.Data, SheetField.ProvinceCode, provinceList, "Kode dari Ref_Provinsi; nama provinsi juga diterima. Kosongkan bila tidak dirinci per provinsi.", firstDataRow);
        Dropdown(data, DataSheetColumns.Data, SheetField.CountryCode, countryList, "Kode dari Ref_Negara; nama negara juga diterima. Kosongkan bila tidak dirinci per negara.", firstDataRow);
        Dropdown(data, DataSheetColumns.Data, SheetField.Sex, "\"L,P\"", "L = laki-laki, P = perempuan. Kosongkan bila tidak dirinci.", firstDataRow);
        Dropdown(targets, DataSheetColumns.Target, SheetField.IndicatorCode, indicatorList, "Pilih kode dari lembar Ref_Indikator.");
        Dropdown(targets, DataSheetColumns.Target, SheetField.Quarter, "\"1,2,3,4\"", "Kosongkan untuk target tahunan.");
        TextColumns(data, DataSheetColumns.Data, SheetField.IndicatorCode, SheetField.ProvinceCode, SheetField.CountryCode, SheetField.Sex,
            SheetField.Source, SheetField.Note);
        TextColumns(targets, DataSheetColumns.Target, SheetField.IndicatorCode);

        WriteInstructions(instructions, catalogue, prefill);
        instructions.SetTabActive();
        workbook.Author = "MonevDashboard";
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static void WriteHeader(IXLWorksheet sheet, IReadOnlyList<SheetColumn> columns, int row = 1)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            cell.SetValue(columns[i].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Font.FontColor = XLColor.White;
            cell.Style.Fill.BackgroundColor = columns[i].Required ? s_requiredFill : s_headerFill;
            cell.Style.Alignment.WrapText = true;
            sheet.Column(i + 1).Width = columns[i].Width;
        }
        sheet.SheetView.FreezeRows(row);
        sheet.Row(row).Height = 30;
    }

    /// <summary>
    /// The pre-filled Data sheet: a band naming the quarter above the contract's columns and "Referensi TW sebelumnya
    /// (tidak diimpor)" above the grey reference columns; the contract's headers on row 2; a row per expected cell with
    /// its key written, this quarter's stored figure in the value columns and last quarter's beside it. The sheet is
    /// protected without a password so the reference columns cannot be typed over by mistake, while the contract's
    /// columns stay unlocked (rows can be added below for other countries). Returns the first data row.
    /// </summary>
    private static int WritePrefilled(IXLWorksheet sheet, TemplatePrefill prefill)
    {
        var columns = DataSheetColumns.Data;
        var references = ReferenceHeaders(prefill.Previous);
        var firstReference = columns.Count + 1;
        var lastReference = columns.Count + references.Count;
        WriteHeader(sheet, columns, row: 2);
        sheet.Row(2).Height = 45;

        var band = sheet.Range(1, 1, 1, columns.Count).Merge();
        band.FirstCell().SetValue($"Isian {prefill.Period} · {Vocabulary.MinistryName(prefill.Ministry)} — kolom yang diimpor");
        band.Style.Fill.BackgroundColor = s_headerFill;
        band.Style.Font.FontColor = XLColor.White;
        band.Style.Font.Bold = true;
        sheet.Row(1).Height = 20;
        for (var i = 0; i < references.Count; i++)
        {
            var column = sheet.Column(firstReference + i);
            column.Width = ReferenceWidth;
            column.Style.Fill.BackgroundColor = s_referenceFill;
            column.Style.Font.FontColor = s_referenceFont;
            column.Style.Font.Italic = true;
            var header = sheet.Cell(2, firstReference + i);
            header.SetValue(references[i]);
            header.Style.Font.Bold = true;
            header.Style.Font.Italic = false;
            header.Style.Font.FontColor = XLColor.Black;
            header.Style.Fill.BackgroundColor = s_referenceHeaderFill;
            header.Style.Alignment.WrapText = true;
        }
        // After the columns' grey, which would otherwise cover the band too.
        var referenceBand = sheet.Range(1, firstReference, 1, lastReference).Merge();
        referenceBand.FirstCell().SetValue(ReferenceBand);
        referenceBand.Style.Fill.BackgroundColor = s_referenceBandFill;
        referenceBand.Style.Font.FontColor = XLColor.White;
        referenceBand.Style.Font.Bold = true;
        referenceBand.Style.Font.Italic = false;
        referenceBand.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        var row = 3;
        foreach (var laid in prefill.Rows)
        {
            var unit = laid.Indicator.Unit;
            var ratio = laid.Indicator.IsRatioLike;
            Put(sheet.Cell(row, ColumnOf(columns, SheetField.IndicatorCode)), laid.Indicator.Code);
            sheet.Cell(row, ColumnOf(columns, SheetField.Year)).SetValue(prefill.Period.Year);
            sheet.Cell(row, ColumnOf(columns, SheetField.Quarter)).SetValue(prefill.Period.Quarter);
            Put(sheet.Cell(row, ColumnOf(columns, SheetField.ProvinceCode)), laid.Place.ProvinceCode);
            Put(sheet.Cell(row, ColumnOf(columns, SheetField.CountryCode)), laid.Place.CountryCode);
            Put(sheet.Cell(row, ColumnOf(columns, SheetField.Sex)), laid.Place.Sex);
            if (laid.Current is { } current)
            {
                // As stored, unrounded (General): the file imports back unchanged; a ratio gives its parts, not the %.
                if (ratio)
                {
                    Figure(sheet.Cell(row, ColumnOf(columns, SheetField.Numerator)), current.Numerator, CellFormat.General);
                    Figure(sheet.Cell(row, ColumnOf(columns, SheetField.Denominator)), current.Denominator, CellFormat.General);
                }
                else
                {
                    Figure(sheet.Cell(row, ColumnOf(columns, SheetField.Value)), current.Value, CellFormat.General);
                }
                Put(sheet.Cell(row, ColumnOf(columns, SheetField.Source)), current.Source);
                Put(sheet.Cell(row, ColumnOf(columns, SheetField.Note)), current.Note);
            }
            if (laid.Previous is { } previous)
            {
                FaithfulCellWriter.Write(sheet.Cell(row, firstReference), CellContent.FromFigure(previous.Value, unit));
                Figure(sheet.Cell(row, firstReference + 1), ratio ? previous.Numerator : null, CellFormat.Count);
                Figure(sheet.Cell(row, firstReference + 2), ratio ? previous.Denominator : null, CellFormat.Count);
            }
            row++;
        }

        // Locked cells mean something only on a protected sheet: the contract's columns are unlocked below the header.
        sheet.Columns(1, columns.Count).Style.Protection.Locked = false;
        sheet.Range(1, 1, 2, lastReference).Style.Protection.Locked = true;
        sheet.Protect()
            .AllowElement(XLSheetProtectionElements.SelectLockedCells)
            .AllowElement(XLSheetProtectionElements.SelectUnlockedCells)
            .AllowElement(XLSheetProtectionElements.FormatColumns)
            .AllowElement(XLSheetProtectionElements.FormatRows)
            .AllowElement(XLSheetProtectionElements.InsertRows)
            .AllowElement(XLSheetProtectionElements.Sort)
            .AllowElement(XLSheetProtectionElements.AutoFilter);
        return 3;
    }

    private static void Put(IXLCell cell, string text) => FaithfulCellWriter.Write(cell, text);

    private static void Figure(IXLCell cell, double? value, CellFormat format) =>
        FaithfulCellWriter.Write(cell, CellContent.FromNumber(value, format is CellFormat.Count && value is { } v && Math.Abs(v % 1) > 1e-9 ? CellFormat.Amount : format));

    private static int ColumnOf(IReadOnlyList<SheetColumn> columns, SheetField field) => columns.ToList().FindIndex(c => c.Field == field) + 1;

    private static void Dropdown(IXLWorksheet sheet, IReadOnlyList<SheetColumn> columns, SheetField field, string list, string hint, int firstRow = 2)
    {
        var column = ColumnOf(columns, field);
        var validation = sheet.Range(firstRow, column, firstRow + PreparedRows - 1, column).SetDataValidation();
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

    private static void WriteInstructions(IXLWorksheet sheet, TemplateCatalogue catalogue, TemplatePrefill? prefill)
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
        if (prefill is not null)
        {
            Line($"Templat terisi: {Vocabulary.MinistryName(prefill.Ministry)}, {prefill.Period.LongName}", bold: true, size: 12);
            Pair("Baris", $"Lembar Data sudah memuat satu baris untuk setiap angka yang diharapkan dari {Vocabulary.MinistryName(prefill.Ministry)} untuk {prefill.Period}: setiap indikator yang dilaporkan, dengan rincian provinsi, negara dan jenis kelamin yang diperlukannya ({FigureFormatter.Number(prefill.Rows.Count)} baris).");
            Pair("Mengisi", "Isi kolom Nilai (untuk indikator rasio: Pembilang dan Penyebut). Baris yang dibiarkan tanpa angka dilewati saat impor: kosong bukan nol.");
            Pair("Sudah tersimpan", $"Angka {prefill.Period} yang sudah tersimpan di aplikasi sudah tertulis; mengubahnya memperbarui angka itu, membiarkannya tidak mengubah apa pun.");
            Pair("Referensi", $"Kolom abu-abu \"{ReferenceBand}\" berisi angka {prefill.Previous} sebagai pembanding. Kolom itu dikunci dan tidak pernah diimpor, meskipun diubah.");
            Pair("Negara lain", "Untuk negara yang belum ada barisnya, tambahkan baris di bawah: kode indikator, tahun, triwulan, kode negara dan nilainya.");
            Pair("Perlindungan", "Lembar Data dilindungi tanpa kata sandi hanya agar kolom referensi tidak tertimpa; kolom isian tetap dapat diisi.");
            row++;
        }
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
