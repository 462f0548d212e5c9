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
    public const int SummaryHeaderRow = 6;

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
        int provinceRow, countryRow;
        using (var workbook = new XLWorkbook())
        {
            workbook.Properties.Title = $"{ReportTerms.ReportTitle} — {content.Period.LongName}";
            workbook.Properties.Author = "MonevDashboard";
            var footer = workbook.Properties.Title;
            WriteSummary(workbook.AddWorksheet(ReportTerms.SummarySheet), content, footer);
            provinceRow = PrepareBreakdown(workbook.AddWorksheet(ReportTerms.ProvinceSheet), content, "Provinsi", footer);
            countryRow = PrepareBreakdown(workbook.AddWorksheet(ReportTerms.CountrySheet), content, "Negara", footer);
            PrepareData(workbook.AddWorksheet(ReportTerms.DataSheet), footer);
            WriteNarratives(workbook.AddWorksheet(ReportTerms.NarrativeSheet), content, footer);
            WriteActionItems(workbook.AddWorksheet(ReportTerms.ActionItemSheet), content, footer);
            workbook.Worksheet(ReportTerms.SummarySheet).SetTabActive();
            workbook.SaveAs(prepared);
        }
        return new PreparedReport(prepared, provinceRow, countryRow);
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
            new StreamedSheet(ReportTerms.DataSheet, 2, DataSheetColumns.DataHeaders.Count, DataRows(observations, cancellationToken))
            {
                RowsWritten = rows => progress?.Report(new ExportProgress(ExportStage.WritingRows, rows, Math.Max(total, rows))),
            },
        ], cancellationToken);
        progress?.Report(new ExportProgress(ExportStage.Done, written[2], Math.Max(total, written[2])));
        return written[2];
    }

    public static string PeriodLine(YearQuarter period) =>
        $"Periode: {period.LongName} ({FigureFormatter.Date(period.FirstDay)} – {FigureFormatter.Date(period.LastDay)})";

    private static void WriteSummary(IXLWorksheet sheet, QuarterlyReportContent content, string footer)
    {
        var tw = $"TW {content.Period.Roman}";
        var header = SummaryHeaderRow;
        ReportSheetLayout.WriteTitle(sheet, ReportTerms.ReportTitle,
        [
            ReportTerms.Programme,
            PeriodLine(content.Period),
            $"Dibuat: {FigureFormatter.DateTimeWib(content.GeneratedAtUtc)}",
            content.ReviewLine,
        ], 12);
        string[] headers = ["No", "Kode", "Indikator", "Satuan", "Pemilik", "Target Tahunan", $"Target {tw}", $"Realisasi {tw}", $"Realisasi s.d. {tw}", "Capaian", "Target Acuan", "Status"];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(header, i + 1), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(header, 1, header, headers.Length));
        ReportSheetLayout.SetWidths(sheet, 5, 22, 60, 10, 11, 21, 20, 21, 21, 11, 15, 17);

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
            foreach (var subtotal in PillarSubtotals.For(pillar, content.Thresholds))
            {
                FaithfulCellWriter.Write(sheet.Cell(row, 2), $"Subtotal {subtotal.PillarCode}");
                FaithfulCellWriter.Write(sheet.Cell(row, 3), $"Jumlah {string.Join(" + ", subtotal.IndicatorCodes)}");
                FaithfulCellWriter.Write(sheet.Cell(row, 4), subtotal.Unit);
                FaithfulCellWriter.Write(sheet.Cell(row, 6), CellContent.FromFigure(subtotal.AnnualTarget, subtotal.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 7), CellContent.FromFigure(subtotal.QuarterTarget, subtotal.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 8), CellContent.FromFigure(subtotal.QuarterValue, subtotal.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 9), CellContent.FromFigure(subtotal.YearToDateValue, subtotal.Unit));
                FaithfulCellWriter.Write(sheet.Cell(row, 10), CellContent.FromAchievement(subtotal.AchievementPercent));
                if (subtotal.Status is { } status)
                {
                    // A subtotal's capaian exists only when its indicators share one kind of target (PillarSubtotals).
                    FaithfulCellWriter.Write(sheet.Cell(row, 11), TargetLabel.Indonesian(pillar.First().Achievement.TargetKind, content.Period.Quarter));
                    FaithfulCellWriter.Write(sheet.Cell(row, 12), Vocabulary.StatusName(status));
                }
                sheet.Range(row, 1, row, 12).Style.Font.SetBold().Fill.SetBackgroundColor(ReportSheetLayout.SubtotalFill)
                    .Border.SetTopBorder(XLBorderStyleValues.Thin);
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

        var t = content.Thresholds;
        string[] notes =
        [
            "Catatan:",
            "Capaian = realisasi ÷ target × 100 (dibalik untuk indikator yang makin rendah makin baik). Bila target triwulan ditetapkan, realisasi triwulan dibandingkan dengan target triwulan; bila tidak, realisasi s.d. triwulan dibandingkan dengan target tahunan. Kolom Target Acuan menyebut target yang dipakai setiap baris.",
            "Capaian ditulis dengan satu desimal yang dipotong, tidak dibulatkan (96,46% ditulis 96,4%), sama seperti di dasbor, bahan rapat dan salindia.",
            $"Status: Tercapai ≥ {FigureFormatter.Number(t.OnTrackPercent)}%; Perlu perhatian {FigureFormatter.Number(t.AttentionPercent)}% s.d. < {FigureFormatter.Number(t.OnTrackPercent)}%; Kritis < {FigureFormatter.Number(t.AttentionPercent)}%; Tanpa target / Belum ada data bila capaian tidak dapat dinilai.",
            "Subtotal menjumlahkan indikator arus (bukan persentase) yang bersatuan sama dalam satu pilar; satu orang dapat tercatat pada lebih dari satu indikator.",
            "Indikator persentase dijumlahkan sebagai Σ pembilang ÷ Σ penyebut. Semua angka dihitung dari data realisasi yang tersimpan (lembar Data).",
        ];
        row++;
        foreach (var note in notes)
        {
            FaithfulCellWriter.Write(sheet.Cell(row, 1), note);
            var range = sheet.Range(row, 1, row, 12).Merge();
            range.Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Top).Font.SetFontSize(9);
            sheet.Row(row).Height = note.Length > 150 ? 26 : 14;
            row++;
        }
        sheet.Cell(row - notes.Length, 1).Style.Font.SetBold();
        ReportSheetLayout.ApplyPrintSetup(sheet, header, footer);
    }

    private const int BreakdownColumns = 5;

    /// <summary>The breakdown sheet's title, header, widths and print set-up; returns the first row of its streamed body.</summary>
    private static int PrepareBreakdown(IXLWorksheet sheet, QuarterlyReportContent content, string dimension, string footer)
    {
        var tw = $"TW {content.Period.Roman}";
        var header = ReportSheetLayout.WriteTitle(sheet, $"Rincian Realisasi per {dimension}",
        [
            PeriodLine(content.Period),
            dimension == "Provinsi"
                ? "Menurut provinsi asal (kode Kemendagri). \"Tidak dirinci\" = realisasi yang dilaporkan tanpa provinsi."
                : "Menurut negara tujuan/mitra (kode ISO 3166-1). \"Tidak dirinci\" = realisasi yang dilaporkan tanpa negara.",
        ], BreakdownColumns);
        string[] headers = [$"Kode {dimension}", dimension, $"Realisasi {tw}", $"Realisasi s.d. {tw}", $"Porsi s.d. {tw}"];
        for (var i = 0; i < headers.Length; i++)
        {
            FaithfulCellWriter.Write(sheet.Cell(header, i + 1), headers[i]);
        }
        ReportSheetLayout.StyleHeader(sheet.Range(header, 1, header, headers.Length));
        ReportSheetLayout.SetWidths(sheet, 14, 44, 22, 22, 16);
        ReportSheetLayout.ApplyPrintSetup(sheet, header, footer);
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
            foreach (var r in rows)
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

    private static void PrepareData(IXLWorksheet sheet, string footer)
    {
        StreamedTableSheet.Prepare(sheet, 1, DataSheetColumns.DataHeaders, DataTableName);
        ReportSheetLayout.SetWidths(sheet, 24, 8, 10, 14, 13, 14, 18, 14, 14, 34, 44);
        sheet.Row(1).Style.Font.SetBold();
        ReportSheetLayout.ApplyPrintSetup(sheet, 1, footer);
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
