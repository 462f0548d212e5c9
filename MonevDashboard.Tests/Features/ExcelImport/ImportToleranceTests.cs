using ClosedXML.Excel;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.ExcelImport;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>Files shaped the way officials really send them are accepted, with the right values.</summary>
public sealed class ImportToleranceTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TemplateShapedFileImportsEveryKindOfIndicatorAsDraftFigures()
    {
        var file = DataWorkbook(
            Row("P1-PMI-TRAINED", 2026, 3, "35", null, "P", 120, source: "BP3MI Jatim", note: "Pelatihan vokasi"),
            Row("P3-EXPORT-VALUE", 2026, 3, null, "SA", null, 1250000.5),
            Row("P1-SKILLED-SHARE", 2026, 3, null, "TW", null, null, 450, 1000),
            Row("P4-COORD-MEETINGS", 2026, 3, null, null, null, 4));

        var (preview, result) = await _harness.ImportAsync(file);

        Assert.Equal(new ImportCounts(4, 4, 0, 0, 0), preview.Observations);
        Assert.Empty(preview.Issues);
        Assert.NotNull(result.BatchId);
        var trained = await _harness.ObservationAsync("P1-PMI-TRAINED", 2026, 3, province: "35", sex: "P");
        Assert.NotNull(trained);
        Assert.Equal(120, trained.Value);
        Assert.Equal("BP3MI Jatim", trained.Source);
        Assert.Equal("Pelatihan vokasi", trained.Note);
        Assert.Equal(ObservationStatus.Draft, trained.Status);
        Assert.Equal("tester@monev.go.id", trained.CreatedBy);
        Assert.Equal(result.BatchId, trained.ImportBatchId);
        Assert.Equal(1250000.5, (await _harness.ObservationAsync("P3-EXPORT-VALUE", 2026, 3, country: "SA"))!.Value);
        var share = await _harness.ObservationAsync("P1-SKILLED-SHARE", 2026, 3, country: "TW");
        Assert.Equal((45.0, 450.0, 1000.0), (share!.Value, share.Numerator!.Value, share.Denominator!.Value));
        Assert.Equal(4, (await _harness.ObservationAsync("P4-COORD-MEETINGS", 2026, 3))!.Value);
    }

    [Fact]
    public async Task HeaderRowBelowATitleAndColumnsInAnotherOrderWithAliasesAreFound()
    {
        // A title block, then headers in English, other case, spacing and order, and the Indonesian alias "Realisasi".
        string[] header = ["realisasi", "  QUARTER ", "Year", "Indicator code", "Jenis  kelamin", "Provinsi"];
        var file = Build(wb => Sheet(wb, "data", header, [[2500, "II", 2026, "P1-PMI-CERTIFIED", "L", "33"]], headerRow: 4));

        var preview = await _harness.PreviewAsync(file);

        Assert.Empty(preview.Issues);
        Assert.Equal(1, preview.Observations.New);
        var change = Assert.Single(preview.Changes);
        Assert.Equal((5, "P1-PMI-CERTIFIED", 2026, 2, "33", "L", 2500.0),
            (change.Row, change.IndicatorCode, change.Year, change.Quarter, change.Province, change.Sex, change.NewValue));
    }

    [Theory]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("1234567.89", 1234567.89)]
    [InlineData("1,234,567.89", 1234567.89)]
    [InlineData("1.234", 1234)]
    [InlineData("12,5", 12.5)]
    [InlineData(" 4 500 ", 4500)]
    [InlineData("0.125", 0.125)]
    public async Task NumbersStoredAsTextAreReadInIndonesianAndPlainForm(string text, double expected)
    {
        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P3-EXPORT-VALUE", 2026, 3, null, "MY", null, text)));

        Assert.Empty(preview.Issues);
        Assert.Equal(expected, Assert.Single(preview.Changes).NewValue);
    }

    [Fact]
    public async Task QuartersAreReadAsNumbersRomanNumeralsAndWords()
    {
        var file = DataWorkbook(
            Row("P2-INFO-EVENTS", 2025, 1, "11", value: 1),
            Row("P2-INFO-EVENTS", 2025, "II", "11", value: 2),
            Row("P2-INFO-EVENTS", 2025, "TW III", "11", value: 3),
            Row("P2-INFO-EVENTS", 2025, "Q4", "11", value: 4),
            Row("P2-INFO-EVENTS", 2026, "Triwulan I", "11", value: 5),
            Row("P2-INFO-EVENTS", 2026, "tw-2", "11", value: 6),
            Row("P2-INFO-EVENTS", 2026, "3", "11", value: 7));

        var preview = await _harness.PreviewAsync(file);

        Assert.Empty(preview.Errors);
        Assert.Equal([(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)],
            preview.Changes.Select(c => (c.Year, c.Quarter)));
    }

    [Fact]
    public async Task ProvinceAndCountryNamesAreTurnedIntoCodes()
    {
        var file = DataWorkbook(
            Row("P1-PMI-TRAINED", 2026, 3, "Jawa Timur", null, "L", 10),
            Row("P1-PMI-TRAINED", 2026, 3, "jateng", null, "L", 11),
            Row("P1-PMI-TRAINED", 2026, 3, "Provinsi Jawa Barat", null, "L", 12),
            Row("P1-PMI-TRAINED", 2026, 3, "NTB", null, "L", 13),
            Row("P3-REMITTANCE", 2026, 3, null, "Arab Saudi", null, 100),
            Row("P3-REMITTANCE", 2026, 3, null, "Taiwan", null, 101),
            Row("P3-REMITTANCE", 2026, 3, null, "hong kong", null, 102),
            Row("P3-REMITTANCE", 2026, 3, null, "Malaysia", null, 103),
            Row("P3-REMITTANCE", 2026, 3, null, "Korea Selatan", null, 104));

        var preview = await _harness.PreviewAsync(file);

        Assert.Empty(preview.Issues);
        Assert.Equal(["35", "33", "32", "52"], preview.Changes.Take(4).Select(c => c.Province));
        Assert.Equal(["SA", "TW", "HK", "MY", "KR"], preview.Changes.Skip(4).Select(c => c.Country));
    }

    [Fact]
    public async Task CodesAreTrimmedAndCaseInsensitiveAndNumericCodesAreText()
    {
        var file = DataWorkbook(
            Row("  p1-pmi-trained ", " 2026 ", " iii ", 35, null, " p ", 7),
            Row("P1-PMI-TRAINED", 2026, 3, "35", null, "Laki-laki", 8),
            Row("P3-EXPORT-VALUE", 2026, 3, null, " sa ", null, 9));

        var preview = await _harness.PreviewAsync(file);

        Assert.Empty(preview.Issues);
        Assert.Equal([("35", "", "P"), ("35", "", "L"), ("", "SA", "")], preview.Changes.Select(c => (c.Province, c.Country, c.Sex)));
    }

    [Fact]
    public async Task BlankRowsBetweenAndAfterTheDataAreSkipped()
    {
        var file = Build(wb =>
        {
            var sheet = Sheet(wb, "Data", DataHeader, [Row("P4-COORD-MEETINGS", 2026, 2, value: 3)]);
            // Row 3 is blank; row 4 holds data; rows 5–200 are formatted but empty, as Excel leaves them.
            Set(sheet.Cell(4, 1), "P4-COORD-MEETINGS");
            Set(sheet.Cell(4, 2), 2026);
            Set(sheet.Cell(4, 3), 3);
            Set(sheet.Cell(4, 7), 5);
            sheet.Range(5, 1, 200, 11).Style.Fill.BackgroundColor = XLColor.LightYellow;
            sheet.Cell(200, 7).SetValue("   ");
        });

        var preview = await _harness.PreviewAsync(file);

        Assert.Empty(preview.Issues);
        Assert.Equal(new ImportCounts(2, 2, 0, 0, 0), preview.Observations);
        Assert.Equal([2, 4], preview.Changes.Select(c => c.Row));
    }

    [Fact]
    public async Task ExtraColumnsAreIgnoredAndReportedAsAWarning()
    {
        string[] header = [.. DataHeader, "Petugas", "No. Urut"];
        var file = Build(wb => Sheet(wb, "Data", header, [[.. Row("P4-COORD-MEETINGS", 2026, 3, value: 2), "Budi", 1]]));

        var preview = await _harness.PreviewAsync(file);

        Assert.False(preview.HasErrors);
        Assert.True(preview.CanCommit);
        var warnings = preview.Warnings.ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("Import.UnknownColumn", w.Rule));
        Assert.Equal(("L1", "Kolom \"Petugas\" di lembar Data tidak dikenal dan diabaikan."), (warnings[0].CellAddress, warnings[0].Message));
    }

    [Fact]
    public async Task SourceAndNoteAreKeptWhenTheSheetHasNoSuchColumns()
    {
        await _harness.SeedAsync("P4-COORD-MEETINGS", 2026, 3, 2);
        string[] header = ["Kode Indikator", "Tahun", "Triwulan", "Nilai"];
        var (_, _) = await _harness.ImportAsync(Build(wb => Sheet(wb, "Data", header, [["P4-COORD-MEETINGS", 2026, 3, 6]])), reason: "Koreksi notulen");

        var stored = await _harness.ObservationAsync("P4-COORD-MEETINGS", 2026, 3);
        Assert.Equal((6.0, "Laporan awal"), (stored!.Value, stored.Source));
    }

    [Fact]
    public async Task TargetSheetImportsAnnualAndQuarterTargetsForAnAdmin()
    {
        var file = Build(wb =>
        {
            Sheet(wb, "Data", DataHeader, [Row("P4-COORD-MEETINGS", 2026, 3, value: 2)]);
            Sheet(wb, "Target", TargetHeader, [["P4-COORD-MEETINGS", 2027, null, 16], ["P4-COORD-MEETINGS", 2027, "I", 4], ["P3-EXPORT-VALUE", 2027, null, "25.000.000"]]);
        });

        var (preview, _) = await _harness.ImportAsync(file);

        Assert.Equal(new ImportCounts(3, 3, 0, 0, 0), preview.Targets);
        await using var db = _harness.Database.OpenContext();
        var meetings = await _harness.IndicatorIdAsync("P4-COORD-MEETINGS");
        Assert.Equal(16, db.Targets.Single(t => t.IndicatorId == meetings && t.Year == 2027 && t.Quarter == 0).Value);
        Assert.Equal(4, db.Targets.Single(t => t.IndicatorId == meetings && t.Year == 2027 && t.Quarter == 1).Value);
        Assert.Equal(1, db.AuditEntries.Count(a => a.EntityType == "Target" && a.ImportBatchId != null && a.Action == "Create" && a.IndicatorId == meetings && a.Quarter == 1));
    }

    [Fact]
    public async Task ARatioIndicatorSheetWithoutNilaiColumnIsAccepted()
    {
        string[] header = ["Kode Indikator", "Tahun", "Triwulan", "Kode Negara", "Pembilang", "Penyebut"];
        var preview = await _harness.PreviewAsync(Build(wb => Sheet(wb, "Data", header, [["P1-SKILLED-SHARE", 2026, 2, "JP", 30, 40]])));

        Assert.Empty(preview.Issues);
        Assert.Equal(75, Assert.Single(preview.Changes).NewValue);
    }
}
