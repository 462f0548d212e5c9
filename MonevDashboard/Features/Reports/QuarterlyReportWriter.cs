using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using MonevDashboard.Data.Model;
using MonevDashboard.Components.Localization;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// Writes the official quarterly report workbook (docs/design.md "Excel contract"): Ringkasan, Per Provinsi, Per Negara,
/// Data, Narasi and Tindak Lanjut. It receives figures already computed by <see cref="FigureQueryService"/>, so the
/// workbook and the screens cannot disagree, and streams the year's observations into the Data sheet (see
/// <see cref="StreamedTableSheet"/>), so its memory does not grow with the data.
/// </summary>
public static class QuarterlyReportWriter
{
    public const string DataTableName = "DataObservasi";
    /// <summary>The letterhead's rows (the ministries' names beside their logos, and a rule under them).</summary>
    public const int LetterheadRows = 4;
    public const int SummaryHeaderRow = 11;
    private const int SummaryColumns = 12;
    private static readonly double[] SummaryWidths = [5, 22, 60, 10, 11, 21, 20, 21, 21, 11, 15, 17];

    /// <summary>The Data sheet's columns: the import template's, then verification status and indicator name (the import ignores them).</summary>
    public static IReadOnlyList<string> DataColumns { get; } = [.. DataSheetColumns.DataHeaders, "Status Verifikasi", "Nama Indikator"];

    public static async Task<long> WriteAsync(
        Stream output, QuarterlyReportContent content, IAsyncEnumerable<ObservationExportRow> observations,
        IProgress<ExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        progress?.Report(new ExportProgress(ExportStage.Preparing, 0, content.ObservationCount));
        using var prepared = Prepare(content);
        return await CompleteAsync(prepared, output, content, observations, progress, cancellationToken);
    }

    /// <summary>
    /// Everything ClosedXML makes: the Ringkasan, Narasi and Tindak Lanjut sheets, and the top (title, header, widths,
    /// print set-up) of the streamed sheets. It reads the figures, narratives and follow-ups of
    /// <paramref name="content"/> but not its breakdowns, so it can be built while they are still being computed.
    /// </summary>
    public static PreparedReport Prepare(QuarterlyReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var prepared = new MemoryStream();
        int provinceRow, countryRow, sexRow;
        using (var workbook = new XLWorkbook())
        {
            workbook.Properties.Title = $"{ReportTerms.ReportTitle} — {content.Period.LongName}";
            workbook.Properties.Author = "MonevDashboard";
            var footer = workbook.Properties.Title;
            WriteSummary(workbook.AddWorksheet(ReportTerms.SummarySheet), content, footer);
            provinceRow = PrepareBreakdown(workbook.AddWorksheet(ReportTerms.ProvinceSheet), content, BreakdownDimension.Province, footer);
            countryRow = PrepareBreakdown(workbook.AddWorksheet(ReportTerms.CountrySheet), content, BreakdownDimension.Country, footer);
            sexRow = PrepareBreakdown(workbook.AddWorksheet(ReportTerms.SexSheet), content, BreakdownDimension.Sex, footer);
            PrepareData(workbook.AddWorksheet(ReportTerms.DataSheet), footer);
            WriteNarratives(workbook.AddWorksheet(ReportTerms.NarrativeSheet), content, footer);
            WriteActionItems(workbook.AddWorksheet(ReportTerms.ActionItemSheet), content, footer);
            workbook.Worksheet(ReportTerms.SummarySheet).SetTabActive();
            workbook.SaveAs(prepared);
        }
        WorkbookPictures.Add(prepared, ReportTerms.SummarySheet, LetterheadPictures(content.Letterhead, SummaryWidths[^1]));
        return new PreparedReport(prepared, provinceRow, countryRow, sexRow);
    }

    /// <summary>
    /// Writes the workbook: the prepared sheets, and streamed into them the breakdowns of <paramref name="content"/>
    /// (hundreds of indicators run to tens of thousands of rows) and the year's <paramref name="observations"/>.
    /// </summary>
    /// <returns>The number of Data rows written.</returns>
    public static async Task<long> CompleteAsync(
        PreparedReport prepared, Stream output, QuarterlyReportContent content, IAsyncEnumerable<ObservationExportRow> observations,
        IProgress<ExportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(observations);
        var total = content.ObservationCount;
        var written = await StreamedTableSheet.CompleteAsync(prepared.Workbook, output,
        [
            new StreamedSheet(ReportTerms.ProvinceSheet, prepared.ProvinceRow, BreakdownColumns, BreakdownRows(content, content.ByProvince, Disaggregation.Province).ToAsyncEnumerable()),
            new StreamedSheet(ReportTerms.CountrySheet, prepared.CountryRow, BreakdownColumns, BreakdownRows(content, content.ByCountry, Disaggregation.Country).ToAsyncEnumerable()),
            new StreamedSheet(ReportTerms.SexSheet, prepared.SexRow, BreakdownColumns, BreakdownRows(content, content.BySex, Disaggregation.Sex).ToAsyncEnumerable()),
            new StreamedSheet(ReportTerms.DataSheet, 2, DataColumns.Count, DataRows(observations, cancellationToken))
            {
                RowsWritten = rows => progress?.Report(new ExportProgress(ExportStage.WritingRows, rows, Math.Max(total, rows))),
            },
        ], cancellationToken);
        var data = written[^1];
        progress?.Report(new ExportProgress(ExportStage.Done, data, Math.Max(total, data)));
        return data;
    }

    public static string PeriodLine(YearQuarter period) =>
        $"Periode: {period.LongName} ({FigureFormatter.Date(period.FirstDay)} – {FigureFormatter.Date(period.LastDay)})";

    private static void WriteSummary(IXLWorksheet sheet, QuarterlyReportContent content, string footer)
    {
        var tw = $"TW {content.Period.Roman}";
        WriteLetterhead(sheet, content.Letterhead);
        var header = ReportSheetLayout.WriteTitle(sheet, ReportTerms.ReportTitle,
        [
            ReportTerms.Programme,
            PeriodLine(content.Period),
            $"Dibuat: {FigureFormatter.DateTimeWib(content.GeneratedAtUtc)}",
            content.ReviewLine,
        ], SummaryColumns, LetterheadRows + 1);
        System.Diagnostics.Debug.Assert(header == SummaryHeaderRow, "The summary's header row moved; SummaryHeaderRow must follow.");
        string[] headers = ["No", "Kode", "Indikator", "Satuan", "Pemilik", "Target Tahunan", $"Target {tw}", $"Realisasi {tw}", $"Realisasi s.d. {tw}", "Capaian", "Target Acuan", "Status"];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(header, i + 1), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(header, 1, header, headers.Length));
        ReportSheetLayout.SetWidths(sheet, SummaryWidths);

        var row = header + 1;
        var number = 1;
        foreach (var pillar in content.Figures.GroupBy(f => f.PillarCode))
        {
            var first = pillar.First();
            FaithfulCellWriter.Write(sheet.Cell(row, 1), $"{pillar.Key} — {first.PillarNameId}");
            sheet.Range(row, 1, row, 12).Merge().Style.Font.SetBold().Fill.SetBackgroundColor(ReportSheetLayout.PillarFill);
            row++;
            foreach (var f in pillar)
            {
                FaithfulCellWriter.Write(sheet.Cell(row, 1), CellContent.FromNumber(number++, CellFormat.Count));
                FaithfulCellWriter.Write(sheet.Cell(row, 2), f.Code);
                FaithfulCellWriter.Write(sheet.Cell(row, 3), f.NameId);
                FaithfulCellWriter.Write(sheet.Cell(row, 4), f.Unit);
                FaithfulCellWriter.Write(sheet.Cell(row, 5), Vocabulary.MinistryName(f.Owner));
                FaithfulCellWriter.Write(sheet.Cell(row, 6), CellContent.FromFigure(f.AnnualTarget, f.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 7), CellContent.FromFigure(f.QuarterTarget, f.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 8), CellContent.FromFigure(f.QuarterValue, f.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 9), CellContent.FromFigure(f.YearToDateValue, f.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 10), CellContent.FromAchievement(f.Achievement.AchievementPercent));
                // Which of the two target columns the capaian used (issue #16): named by the one TargetLabel.
                FaithfulCellWriter.Write(sheet.Cell(row, 11), TargetLabel.Indonesian(f.Achievement, content.Period.Quarter));
                FaithfulCellWriter.Write(sheet.Cell(row, 12), Vocabulary.StatusName(f.Achievement.Status));
                row++;
            }
        }
        var last = row - 1;
        if (last > header)
        {
            var body = sheet.Range(header + 1, 1, last, 12);
            body.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Top)
                .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Hair)
                .Border.SetOutsideBorderColor(XLColor.FromHtml("#BFBFBF")).Border.SetInsideBorderColor(XLColor.FromHtml("#BFBFBF"));
            sheet.Range(header + 1, 3, last, 3).Style.Alignment.SetWrapText();
            ReportSheetLayout.FitWrappedRows(sheet, header + 1, last, 3);
            sheet.Range(header + 1, 12, last, 12).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            AddStatusColours(sheet.Range(header + 1, 12, last, 12));
        }

        row = WritePillarSummary(sheet, content, row + 1);

        var t = content.Thresholds;
        string[] notes =
        [
            "Catatan:",
            "Capaian = realisasi ÷ target × 100 (dibalik untuk indikator yang makin rendah makin baik). Bila target triwulan ditetapkan, realisasi triwulan dibandingkan dengan target triwulan; bila tidak, realisasi s.d. triwulan dibandingkan dengan target tahunan. Kolom Target Acuan menyebut target yang dipakai setiap baris.",
            "Capaian ditulis dengan satu desimal yang dipotong, tidak dibulatkan (96,46% ditulis 96,4%), sama seperti di dasbor, bahan rapat dan salindia.",
            $"Status: Tercapai ≥ {FigureFormatter.Number(t.OnTrackPercent)}%; Perlu perhatian {FigureFormatter.Number(t.AttentionPercent)}% s.d. < {FigureFormatter.Number(t.OnTrackPercent)}%; Kritis < {FigureFormatter.Number(t.AttentionPercent)}%; Tanpa target / Belum ada data bila capaian tidak dapat dinilai.",
            "Ringkasan per pilar menghitung indikator menurut statusnya, seperti dasbor; angka indikator yang berbeda tidak dijumlahkan.",
            "Indikator persentase dijumlahkan sebagai Σ pembilang ÷ Σ penyebut. Semua angka dihitung dari data realisasi yang tersimpan (lembar Data, yang tidak ikut dicetak).",
        ];
        row++;
        foreach (var note in notes)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), note);
            var range = sheet.Range(row, 1, row, SummaryColumns).Merge();
            range.Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Top).Font.SetFontSize(9);
            sheet.Row(row).Height = note.Length > 150 ? 26 : 14;
            row++;
        }
        sheet.Cell(row - notes.Length, 1).Style.Font.SetBold();
        var lastRow = WriteSignatures(sheet, content, row + 1);
        ReportSheetLayout.ApplyPrintSetup(sheet, header, footer, $"A1:{ColumnLetter(SummaryColumns)}{lastRow}");
    }

    private static string ColumnLetter(int column) => XLHelper.GetColumnLetterFromNumber(column);

    /// <summary>
    /// The ministries' names, centred between the places of their logos (added by <see cref="WorkbookPictures"/> when
    /// set under Administrasi → Pengaturan), over a double rule. Without logos the names stand alone.
    /// </summary>
    private static void WriteLetterhead(IXLWorksheet sheet, ReportLetterhead letterhead)
    {
        string[] lines =
        [
            Vocabulary.MinistryFullName(Ministry.Kemendag).ToUpperInvariant(),
            Vocabulary.MinistryFullName(Ministry.Kp2mi).ToUpperInvariant(),
            ReportTerms.Directorates,
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(i + 1, 3), lines[i]);
            var range = sheet.Range(i + 1, 3, i + 1, SummaryColumns - 2).Merge();
            range.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center)
                .Font.SetBold(i < 2).Font.SetFontSize(i < 2 ? 13 : 9).Font.SetFontColor(i < 2 ? ReportSheetLayout.HeaderFill : XLColor.Black);
            sheet.Row(i + 1).Height = 21;
        }
        sheet.Row(LetterheadRows).Height = 6;
        sheet.Range(LetterheadRows, 1, LetterheadRows, SummaryColumns).Style.Border.SetBottomBorder(XLBorderStyleValues.Double)
            .Border.SetBottomBorderColor(ReportSheetLayout.HeaderFill);
    }

    /// <summary>Letterhead logos are drawn this tall (three rows of 21 pt), keeping the image's proportions.</summary>
    public const int LogoHeightPixels = 76;

    /// <summary>The letterhead's logos: Kemendag's at the top left, KP2MI's ending at the right edge of the last column.</summary>
    private static List<SheetPicture> LetterheadPictures(ReportLetterhead letterhead, double lastColumnWidth)
    {
        List<SheetPicture> pictures = [];
        void Add(byte[]? image, string name, int column, bool rightAligned)
        {
            if (image is null || LogoImage.Detect(image) is not { } kind)
            {
                return;
            }
            var width = Math.Max(1, (int)Math.Round(kind.Width * (double)LogoHeightPixels / kind.Height));
            // A column's width in characters is about 7 pixels each at the default font.
            var offset = rightAligned ? Math.Max(0, (int)(lastColumnWidth * 7) - width - 4) : 4;
            pictures.Add(new SheetPicture(name, image, kind.IsPng, column, 1, offset, 2, width, LogoHeightPixels));
        }
        Add(letterhead.KemendagLogo, "Logo Kemendag", 1, rightAligned: false);
        Add(letterhead.Kp2miLogo, "Logo KP2MI", SummaryColumns, rightAligned: true);
        return pictures;
    }

    /// <summary>
    /// The pillars and how many of their indicators stand at each status — <see cref="FigureQueryService.SummarizePillars"/>,
    /// the dashboard's own count. Indicators of a pillar measure different things, so they are counted, never summed.
    /// </summary>
    private static int WritePillarSummary(IXLWorksheet sheet, QuarterlyReportContent content, int row)
    {
        FaithfulCellWriter.Write(sheet.Cell(row, 2), ReportTerms.PillarSummaryTitle);
        sheet.Cell(row, 2).Style.Font.SetBold().Font.SetFontSize(12).Font.SetFontColor(ReportSheetLayout.HeaderFill);
        row++;
        AchievementStatus[] statuses = [AchievementStatus.OnTrack, AchievementStatus.NeedsAttention, AchievementStatus.Critical, AchievementStatus.NoTarget, AchievementStatus.NoData];
        string[] headers = ["Pilar", "Nama Pilar", "Jumlah Indikator", .. statuses.Select(Vocabulary.StatusName)];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, i + 2), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(row, 2, row, headers.Length + 1));
        var first = row + 1;
        foreach (var pillar in FigureQueryService.SummarizePillars(content.Figures))
        {
            row++;
            int[] counts = [pillar.Indicators, pillar.OnTrack, pillar.NeedsAttention, pillar.Critical, pillar.NoTarget, pillar.NoData];
            FaithfulCellWriter.Write(sheet.Cell(row, 2), pillar.PillarCode);
            FaithfulCellWriter.Write(sheet.Cell(row, 3), pillar.NameId);
            for (var i = 0; i < counts.Length; i++)
            {
                FaithfulCellWriter.Write(sheet.Cell(row, i + 4), CellContent.FromNumber(counts[i], CellFormat.Count));
            }
        }
        if (row >= first)
        {
            var body = sheet.Range(first, 2, row, headers.Length + 1);
            body.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Hair)
                .Border.SetOutsideBorderColor(XLColor.FromHtml("#BFBFBF")).Border.SetInsideBorderColor(XLColor.FromHtml("#BFBFBF"));
            sheet.Range(first, 4, row, headers.Length + 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            sheet.Range(first, 3, row, 3).Style.Alignment.SetWrapText();
            ReportSheetLayout.FitWrappedRows(sheet, first, row, 3);
        }
        return row + 1;
    }

    /// <summary>
    /// Prepared by / checked by / approved by, side by side, each with its title, room to sign, the name and the date
    /// (id-ID, <see cref="FigureFormatter.Date"/>). Returns the block's last row.
    /// </summary>
    private static int WriteSignatures(IXLWorksheet sheet, QuarterlyReportContent content, int row)
    {
        var s = content.Signatures;
        const string Blank = "……………………………………";
        var checkedBy = s.CheckedBy.Count == 0
            ? [(Blank, "Belum ada verifikasi triwulan ini")]
            : s.CheckedBy.Select(v => ($"{v.VerifiedBy} ({Vocabulary.MinistryName(v.Ministry)})", $"Tanggal: {FigureFormatter.Date(v.VerifiedOn)}")).ToList();
        (string Role, string Title, IReadOnlyList<(string Name, string Date)> People, int From, int To)[] blocks =
        [
            ("Disiapkan oleh,", "Penyusun Laporan", [(Named(s.PreparedBy), s.PreparedOn == default ? "Tanggal: " + Blank : $"Tanggal: {FigureFormatter.Date(s.PreparedOn)}")], 2, 3),
            ("Diperiksa oleh,", "Verifikator", checkedBy, 5, 7),
            ("Disetujui oleh,", s.ApproverTitle.Length > 0 ? s.ApproverTitle : "Pejabat Penanggung Jawab", [(Named(s.ApproverName), "Tanggal: " + Blank)], 9, SummaryColumns),
        ];
        static string Named(string name) => string.IsNullOrWhiteSpace(name) ? Blank : name;

        const int SignatureSpace = 3;
        var last = row;
        foreach (var block in blocks)
        {
            var r = row;
            void Line(string text, Action<IXLStyle>? style = null)
            {
                FaithfulCellWriter.Write(sheet.Cell(r, block.From), text);
                var range = sheet.Range(r, block.From, r, block.To).Merge();
                range.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
                style?.Invoke(range.Style);
                r++;
            }
            Line(block.Role);
            Line(block.Title, st => st.Font.SetBold());
            foreach (var (name, date) in block.People)
            {
                r += SignatureSpace;
                Line(name, st => st.Font.SetBold().Font.SetUnderline(XLFontUnderlineValues.Single));
                Line(date);
            }
            last = Math.Max(last, r - 1);
        }
        sheet.Range(row, 1, last, SummaryColumns).Style.Font.SetFontSize(10);
        return last;
    }

    private const int BreakdownColumns = 5;

    /// <summary>The breakdown sheet's title, header, widths and print set-up; returns the first row of its streamed body.</summary>
    private static int PrepareBreakdown(IXLWorksheet sheet, QuarterlyReportContent content, BreakdownDimension dimension, string footer)
    {
        var tw = $"TW {content.Period.Roman}";
        var (name, remark) = dimension switch
        {
            BreakdownDimension.Province => ("Provinsi", "Menurut provinsi asal, dalam urutan kode (Kemendagri). \"Tidak dirinci\" = realisasi yang dilaporkan tanpa provinsi."),
            BreakdownDimension.Country => ("Negara", "Menurut negara tujuan/mitra (kode ISO 3166-1). \"Tidak dirinci\" = realisasi yang dilaporkan tanpa negara."),
            _ => ("Jenis Kelamin", "Menurut jenis kelamin: L = laki-laki, P = perempuan. \"Tidak dirinci\" = realisasi yang dilaporkan tanpa jenis kelamin."),
        };
        var header = ReportSheetLayout.WriteTitle(sheet, $"Rincian Realisasi per {name}", [PeriodLine(content.Period), remark], BreakdownColumns);
        string[] headers = [dimension == BreakdownDimension.Sex ? "Kode" : $"Kode {name}", name, $"Realisasi {tw}", $"Realisasi s.d. {tw}", $"Porsi s.d. {tw}"];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(header, i + 1), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(header, 1, header, headers.Length));
        ReportSheetLayout.SetWidths(sheet, 14, 44, 22, 22, 16);
        // Rows are streamed in later, so the print area is the sheet's columns; Excel prints their used rows.
        ReportSheetLayout.ApplyPrintSetup(sheet, header, footer, $"A:{ColumnLetter(BreakdownColumns)}");
        StreamedTableSheet.PrepareRows(sheet, header + 1, BreakdownColumns);
        return header + 1;
    }

    /// <summary>
    /// Per indicator broken down by the dimension: a heading, a row per province or country (quarter, year to date,
    /// share of the year to date), and for flows a total — the query service's own figure, not a sum of the rows.
    /// </summary>
    private static IEnumerable<StreamedRow> BreakdownRows(
        QuarterlyReportContent content, IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> breakdowns, Disaggregation needed)
    {
        foreach (var f in content.Figures.Where(f => (f.Disaggregations & needed) == needed))
        {
            yield return new StreamedRow([CellContent.FromText($"{f.Code} — {f.NameId} ({f.Unit})")], RowLook.Heading, MergeAcross: true);
            if (!breakdowns.TryGetValue(f.Code, out var rows) || rows.Count == 0)
            {
                yield return new StreamedRow([CellContent.Empty, CellContent.FromText($"Belum ada data pada tahun {content.Period.Year}.")], RowLook.Note);
                yield return StreamedRow.Blank;
                yield return StreamedRow.Blank;
                continue;
            }
            var additive = f.Aggregation == TimeAggregation.Sum && f.Unit != "%";
            var total = f.YearToDateValue;
            foreach (var r in needed == Disaggregation.Country ? rows : InCodeOrder(rows))
            {
                var share = additive && Ratio.Percent(r.YearToDateValue, total) is { } percent ? CellContent.FromPercent(percent) : CellContent.Empty;
                yield return new StreamedRow(
                [
                    CellContent.FromText(r.Code.Length == 0 ? "–" : r.Code), CellContent.FromText(r.NameId),
                    CellContent.FromFigure(r.QuarterValue, f.Unit), CellContent.FromFigure(r.YearToDateValue, f.Unit), share,
                ]);
            }
            if (additive)
            {
                yield return new StreamedRow(
                [
                    CellContent.Empty, CellContent.FromText("Jumlah"),
                    CellContent.FromFigure(f.QuarterValue, f.Unit), CellContent.FromFigure(f.YearToDateValue, f.Unit),
                ], RowLook.Total);
            }
            yield return StreamedRow.Blank;
        }
    }

    /// <summary>
    /// Provinces (BPS/Kemendagri two-digit codes) and sexes in the order of their codes, as official tables list them;
    /// "Tidak dirinci" (no code) last. Countries keep the query's order, largest first.
    /// </summary>
    private static IEnumerable<BreakdownRow> InCodeOrder(IEnumerable<BreakdownRow> rows) =>
        rows.OrderBy(r => r.Code.Length == 0).ThenBy(r => r.Code, StringComparer.Ordinal);

    private static void PrepareData(IXLWorksheet sheet, string footer)
    {
        StreamedTableSheet.Prepare(sheet, 1, DataColumns, DataTableName);
        // Triwulan (a number, right-aligned) and Kode Provinsi (text, left-aligned) would touch: wide columns, and the
        // text cells of the streamed rows (their prototype, row 2, column B) indented by one character.
        ReportSheetLayout.SetWidths(sheet, 24, 9, 12, 17, 15, 16, 18, 14, 14, 34, 44, 18, 60);
        sheet.Cell(2, 1 + (int)CellFormat.Text).Style.Alignment.SetIndent(1);
        sheet.Row(1).Style.Font.SetBold();
        // The Data sheet holds every observation of the year (tens of pages): only its header row is in the print area,
        // so printing the workbook gives the summary pages. The data stays whole on screen and for re-import.
        ReportSheetLayout.ApplyPrintSetup(sheet, 1, footer, $"A1:{ColumnLetter(DataColumns.Count)}1");
    }

    private static async IAsyncEnumerable<StreamedRow> DataRows(
        IAsyncEnumerable<ObservationExportRow> observations, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var o in observations.WithCancellation(cancellationToken))
        {
            yield return new StreamedRow(
            [
                CellContent.FromText(o.IndicatorCode), CellContent.FromNumber(o.Year), CellContent.FromNumber(o.Quarter),
                CellContent.FromText(o.ProvinceCode), CellContent.FromText(o.CountryCode), CellContent.FromText(o.Sex),
                CellContent.FromNumber(o.Value), CellContent.FromNumber(o.Numerator), CellContent.FromNumber(o.Denominator),
                CellContent.FromText(o.Source), CellContent.FromText(o.Note),
                CellContent.FromText(Vocabulary.ObservationStatusName(o.Status)), CellContent.FromText(o.IndicatorName),
            ]);
        }
    }

    private static void WriteNarratives(IXLWorksheet sheet, QuarterlyReportContent content, string footer)
    {
        var header = ReportSheetLayout.WriteTitle(sheet, "Narasi Capaian", [PeriodLine(content.Period)], 6);
        string[] headers = ["Kode", "Indikator", "Analisis Capaian", "Kendala", "Rencana Tindak Lanjut", "Diperbarui"];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(header, i + 1), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(header, 1, header, headers.Length));
        ReportSheetLayout.SetWidths(sheet, 20, 34, 54, 44, 44, 22);
        var row = header + 1;
        foreach (var n in content.Narratives)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), n.IndicatorCode);
            FaithfulCellWriter.Write(sheet.Cell(row, 2), n.IndicatorName);
            FaithfulCellWriter.Write(sheet.Cell(row, 3), n.Analysis);
            FaithfulCellWriter.Write(sheet.Cell(row, 4), n.Obstacles);
            FaithfulCellWriter.Write(sheet.Cell(row, 5), n.FollowUpPlan);
            FaithfulCellWriter.Write(sheet.Cell(row, 6), $"{n.UpdatedBy}, {FigureFormatter.DateTimeWib(n.UpdatedAtUtc)}");
            row++;
        }
        if (content.Narratives.Count == 0)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), $"Belum ada narasi untuk {content.Period.LongName}.");
            sheet.Cell(row, 1).Style.Font.SetItalic();
        }
        else
        {
            sheet.Range(header + 1, 1, row - 1, headers.Length).Style.Alignment.SetWrapText()
                .Alignment.SetVertical(XLAlignmentVerticalValues.Top)
                .Border.SetInsideBorder(XLBorderStyleValues.Hair).Border.SetOutsideBorder(XLBorderStyleValues.Thin);
            ReportSheetLayout.FitWrappedRows(sheet, header + 1, row - 1, 1, 2, 3, 4, 5, 6);
        }
        ReportSheetLayout.ApplyPrintSetup(sheet, header, footer);
    }

    private static void WriteActionItems(IXLWorksheet sheet, QuarterlyReportContent content, string footer)
    {
        var header = ReportSheetLayout.WriteTitle(sheet, "Tindak Lanjut Rapat Tinjauan",
        [
            PeriodLine(content.Period),
            $"Tindak lanjut rapat tinjauan tahun {content.Period.Year} s.d. {content.Period.LongName}, ditambah yang belum selesai dari rapat sebelumnya. Keterlambatan dihitung per {FigureFormatter.Date(content.Today)}.",
        ], 10);
        string[] headers = ["No", "Rapat Tinjauan", "Tanggal Rapat", "Indikator", "Uraian Tindak Lanjut", "PIC", "Batas Waktu", "Status", "Tanggal Selesai", "Terlambat"];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(header, i + 1), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(header, 1, header, headers.Length));
        ReportSheetLayout.SetWidths(sheet, 5, 14, 14, 22, 56, 30, 14, 14, 15, 11);
        var row = header + 1;
        var number = 1;
        foreach (var a in content.ActionItems)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), CellContent.FromNumber(number++, CellFormat.Count));
            FaithfulCellWriter.Write(sheet.Cell(row, 2), $"TW {a.MeetingPeriod.Roman} {a.MeetingPeriod.Year}");
            FaithfulCellWriter.Write(sheet.Cell(row, 3), CellContent.FromDate(a.MeetingDate));
            FaithfulCellWriter.Write(sheet.Cell(row, 4), a.IndicatorCode ?? "–");
            FaithfulCellWriter.Write(sheet.Cell(row, 5), a.Description);
            FaithfulCellWriter.Write(sheet.Cell(row, 6), a.PicUnit);
            FaithfulCellWriter.Write(sheet.Cell(row, 7), CellContent.FromDate(a.DueDate));
            FaithfulCellWriter.Write(sheet.Cell(row, 8), Vocabulary.ActionStatusName(a.Status));
            FaithfulCellWriter.Write(sheet.Cell(row, 9), CellContent.FromDate(a.CompletedOn));
            FaithfulCellWriter.Write(sheet.Cell(row, 10), a.IsOverdue ? "Ya" : a.DaysLate is { } days ? $"Selesai terlambat {days} hari" : "Tidak");
            row++;
        }
        if (content.ActionItems.Count == 0)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), $"Belum ada tindak lanjut rapat tinjauan s.d. {content.Period.LongName}.");
            sheet.Cell(row, 1).Style.Font.SetItalic();
        }
        else
        {
            var body = sheet.Range(header + 1, 1, row - 1, headers.Length);
            body.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Top)
                .Border.SetInsideBorder(XLBorderStyleValues.Hair).Border.SetOutsideBorder(XLBorderStyleValues.Thin);
            sheet.Range(header + 1, 5, row - 1, 6).Style.Alignment.SetWrapText();
            ReportSheetLayout.FitWrappedRows(sheet, header + 1, row - 1, 5, 6);
            var overdue = sheet.Range(header + 1, 10, row - 1, 10);
            overdue.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            overdue.AddConditionalFormat().WhenEquals("\"Ya\"").Fill.SetBackgroundColor(ReportSheetLayout.Critical).Font.SetFontColor(XLColor.White).Font.SetBold();
            sheet.Range(header + 1, 8, row - 1, 8).AddConditionalFormat().WhenEquals($"\"{Vocabulary.ActionStatusName(ActionItemStatus.Done)}\"")
                .Font.SetFontColor(ReportSheetLayout.OnTrack).Font.SetBold();
        }
        ReportSheetLayout.ApplyPrintSetup(sheet, header, footer);
    }

    /// <summary>Colours status cells by their text with conditional formats, matching the app's status chips.</summary>
    private static void AddStatusColours(IXLRange statusCells)
    {
        void Rule(string label, XLColor fill, XLColor font) =>
            statusCells.AddConditionalFormat().WhenEquals($"\"{label}\"").Fill.SetBackgroundColor(fill).Font.SetFontColor(font).Font.SetBold();
        Rule(Vocabulary.StatusName(AchievementStatus.OnTrack), ReportSheetLayout.OnTrack, XLColor.White);
        Rule(Vocabulary.StatusName(AchievementStatus.NeedsAttention), ReportSheetLayout.Attention, XLColor.Black);
        Rule(Vocabulary.StatusName(AchievementStatus.Critical), ReportSheetLayout.Critical, XLColor.White);
        Rule(Vocabulary.StatusName(AchievementStatus.NoTarget), ReportSheetLayout.Grey, XLColor.White);
        Rule(Vocabulary.StatusName(AchievementStatus.NoData), ReportSheetLayout.Grey, XLColor.White);
    }
}
