using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.ExcelImport;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// Every rejection of docs/design.md's list: refused with its message (cell, value, Indonesian text), impossible to
/// commit — and afterwards the observations (and every other table an import writes) are byte-for-byte as before.
/// </summary>
public sealed class ImportRejectionTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;
    private string _before = "";
    private string _observationsBefore = "";

    public async Task InitializeAsync()
    {
        _harness = await ImportHarness.CreateAsync(services => services.Configure<ImportOptions>(o =>
        {
            // Small limits, so the oversized cases need no large fixtures.
            o.MaxBytes = 512 * 1024;
            o.MaxUncompressedBytes = 4 * 1024 * 1024;
            o.MaxRows = 1000;
        }));
        await _harness.SeedAsync("P4-COORD-MEETINGS", 2026, 2, 3);
        await _harness.SeedAsync("P1-PMI-TRAINED", 2026, 2, 40, province: "35", sex: "P");
        _before = await _harness.DigestAsync();
        _observationsBefore = await _harness.Database.DigestAsync("Observations");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static byte[] Valid => DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2));

    public static TheoryData<string, string, string> Files => new()
    {
        { "empty", "Import.Empty", "Berkas kosong" },
        { "text", "Import.NotZip", "bukan workbook Excel (.xlsx)" },
        { "docx", "Import.WordDocument", "dokumen Word" },
        { "zip", "Import.NotWorkbook", "bukan workbook Excel" },
        { "encrypted", "Import.Encrypted", "dilindungi kata sandi" },
        { "xls", "Import.LegacyXls", "format Excel lama (.xls)" },
        { "xlsm-name", "Import.Macros", "berisi makro" },
        { "vba-part", "Import.Macros", "berisi makro" },
        { "macro-type", "Import.Macros", "berisi makro" },
        { "ratio-bomb", "Import.ZipBomb", "rasio kompresi lebih dari 200:1" },
        { "many-parts", "Import.ZipBomb", "lebih dari 2000 bagian" },
        { "inflated-total", "Import.ZipBomb", "lebih dari 4 MB setelah dibuka" },
        { "lying-sizes", "Import.Unreadable", "tidak dapat dibaca" },
        { "oversized", "Import.TooLarge", "lebih besar dari batas 0,5 MB" },
        { "no-data-sheet", "Import.NoDataSheet", "Lembar \"Data\" tidak ditemukan. Lembar yang ada: Sheet1, Catatan." },
        { "missing-column", "Import.MissingColumn", "Kolom wajib \"Tahun\" tidak ada di lembar Data (baris judul: baris 1)." },
        { "no-header", "Import.HeaderNotFound", "Baris judul kolom tidak ditemukan di 20 baris pertama lembar Data" },
        { "duplicate-column", "Import.DuplicateColumn", "Kolom \"Nilai\" muncul lebih dari sekali di lembar Data (kolom G dan L)" },
        { "no-rows", "Import.NoRows", "tidak berisi baris data" },
        { "truncated", "Import.NotZip", "bukan workbook Excel (.xlsx)" },
        { "too-many-rows", "Import.TooManyRows", "Berkas berisi lebih dari 1000 baris data" },
    };

    private static (byte[] Bytes, string Name) FileFor(string name) => name switch
    {
        "empty" => (Empty, "data.xlsx"),
        "text" => (PlainText, "data.xlsx"),
        "docx" => (WordDocument, "laporan.xlsx"),
        "zip" => (PlainZip, "data.xlsx"),
        "encrypted" => (Encrypted, "data.xlsx"),
        "xls" => (LegacyXls, "data.xls"),
        "xlsm-name" => (Valid, "data.xlsm"),
        "vba-part" => (WithVbaProject(Valid), "data.xlsx"),
        "macro-type" => (WithMacroContentType(Valid), "data.xlsx"),
        "ratio-bomb" => (WithHighlyCompressedPart(Valid, 3), "data.xlsx"),
        "many-parts" => (WithManyParts(Valid, 2100), "data.xlsx"),
        "inflated-total" => (WithTextPart(Valid, 5), "data.xlsx"),
        "lying-sizes" => (ZipSurgery.UnderstateSize(ManyRows(3000), "xl/worksheets/sheet1.xml", 200), "data.xlsx"),
        "oversized" => (WithRandomPart(Valid, 600), "data.xlsx"),
        "no-data-sheet" => (Build(wb =>
        {
            Sheet(wb, "Sheet1", DataHeader, [Row("P4-COORD-MEETINGS", 2026, 3, value: 2)]);
            wb.AddWorksheet("Catatan");
        }), "data.xlsx"),
        "missing-column" => (Build(wb => Sheet(wb, "Data", [.. DataHeader.Where(h => h != "Tahun")], [["P4-COORD-MEETINGS", 3]])), "data.xlsx"),
        "no-header" => (Build(wb => Sheet(wb, "Data", ["Indikator rapat", "2026", "TW 3"], [["P4-COORD-MEETINGS", 2026, 3]])), "data.xlsx"),
        "duplicate-column" => (Build(wb => Sheet(wb, "Data", [.. DataHeader, "Nilai"], [Row("P4-COORD-MEETINGS", 2026, 3, value: 2)])), "data.xlsx"),
        "no-rows" => (DataWorkbook(), "data.xlsx"),
        "truncated" => (Valid[..(Valid.Length * 2 / 3)], "data.xlsx"),
        "too-many-rows" => (DataWorkbook([.. MonevDashboard.Data.Reference.CountryList.All.SelectMany(c => new[] { 1, 2, 3, 4, 5 }
            .Select(i => Row("P3-EXPORT-VALUE", 2024 + i, 1, null, c.Code, null, 10)))]), "data.xlsx"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static byte[] ManyRows(int count) => DataWorkbook([.. Enumerable.Range(0, count).Select(i => Row("P4-COORD-MEETINGS", 2024 + i % 6, 1 + i / 6 % 4, value: i))]);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task AFileThatCannotBeImportedIsRefusedWithItsMessageAndWritesNothing(string name, string rule, string message)
    {
        var (bytes, fileName) = FileFor(name);

        var preview = await _harness.PreviewAsync(bytes, fileName);

        var error = Assert.Single(preview.Errors);
        Assert.Equal(rule, error.Rule);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(preview.CanCommit);
        await Assert.ThrowsAsync<ImportRefusedException>(() => _harness.CommitAsync(preview));
        Assert.Equal(_observationsBefore, await _harness.Database.DigestAsync("Observations"));
        Assert.Equal(_before, await _harness.DigestAsync());
    }

    public static TheoryData<string, string, string, string, string> Rows => new()
    {
        { "unknown-indicator", "Rule.UnknownIndicator", "A3", "P9-NOPE", "Kode indikator \"P9-NOPE\" tidak dikenal." },
        { "unknown-province", "Rule.UnknownProvince", "D3", "Atlantis", "Kode provinsi \"Atlantis\" tidak dikenal." },
        { "unknown-country", "Rule.UnknownCountry", "E3", "XX", "Kode negara \"XX\" tidak dikenal." },
        { "quarter-5", "Rule.QuarterOutOfRange", "C3", "5", "Triwulan \"5\" tidak valid; isi 1–4 atau I–IV." },
        { "quarter-V", "Rule.QuarterOutOfRange", "C3", "TW V", "Triwulan \"TW V\" tidak valid; isi 1–4 atau I–IV." },
        { "negative", "Rule.Negative", "G3", "-3", "Nilai tidak boleh negatif (tertulis -3)." },
        { "fractional-count", "Rule.WholeNumber", "G3", "1,5", "Nilai harus bilangan bulat karena satuannya UMKM dihitung utuh (tertulis 1,5)." },
        { "not-a-number", "Import.NotANumber", "G3", "seratus", "Nilai \"seratus\" bukan angka." },
        { "formula-without-result", "Import.NotANumber", "G3", "=1/0", "Nilai \"=1/0\" bukan angka." },
        { "country-not-allowed", "Rule.CountryNotAllowed", "E3", "SA", "Indikator P1-PMI-TRAINED tidak dirinci per negara; kosongkan kolom negara." },
        { "sex-not-allowed", "Rule.SexNotAllowed", "F3", "L", "Indikator P4-COORD-MEETINGS tidak dirinci per jenis kelamin; kosongkan kolom jenis kelamin." },
        { "year-out-of-range", "Rule.YearOutOfRange", "B3", "2031", "Tahun 2031 di luar periode program (2024–2029)." },
        { "year-unreadable", "Import.YearInvalid", "B3", "2026/27", "Tahun \"2026/27\" tidak valid" },
        { "missing-quarter", "Import.Required", "C3", "", "Triwulan wajib diisi." },
        { "derived", "Rule.DerivedIndicator", "A3", "P4-REPORT-ONTIME", "Indikator P4-REPORT-ONTIME dihitung otomatis oleh sistem dan tidak diisi manual." },
        { "ratio-without-denominator", "Rule.DenominatorRequired", "I3", "", "Indikator rasio P1-SKILLED-SHARE memerlukan penyebut." },
        { "duplicate", "Import.DuplicateRow", "A3", "P4-COORD-MEETINGS", "Baris ini mengulang baris 2" },
    };

    private static object?[] BadRow(string name) => name switch
    {
        "unknown-indicator" => Row("P9-NOPE", 2026, 3, value: 1),
        "unknown-province" => Row("P2-INFO-EVENTS", 2026, 3, "Atlantis", value: 1),
        "unknown-country" => Row("P3-EXPORT-VALUE", 2026, 3, null, "XX", null, 5),
        "quarter-5" => Row("P4-COORD-MEETINGS", 2026, 5, value: 1),
        "quarter-V" => Row("P4-COORD-MEETINGS", 2026, "TW V", value: 1),
        "negative" => Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", -3),
        "fractional-count" => Row("P3-UMKM-FACILITATED", 2026, 3, "35", null, null, 1.5),
        "not-a-number" => Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", "seratus"),
        "formula-without-result" => Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", null),
        "country-not-allowed" => Row("P1-PMI-TRAINED", 2026, 3, "35", "SA", "L", 4),
        "sex-not-allowed" => Row("P4-COORD-MEETINGS", 2026, 1, null, null, "L", 4),
        "year-out-of-range" => Row("P4-COORD-MEETINGS", 2031, 1, value: 4),
        "year-unreadable" => Row("P4-COORD-MEETINGS", "2026/27", 1, value: 4),
        "missing-quarter" => Row("P4-COORD-MEETINGS", 2026, null, value: 4),
        "derived" => Row("P4-REPORT-ONTIME", 2026, 3, value: 80),
        "ratio-without-denominator" => Row("P1-SKILLED-SHARE", 2026, 3, null, "SA", null, null, 5),
        "duplicate" => Row("P4-COORD-MEETINGS", 2026, 3, value: 9),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task ARowBreakingARuleIsReportedAtItsCellAndNoRowOfTheFileIsWritten(string name, string rule, string cell, string value, string message)
    {
        var file = Build(wb =>
        {
            var sheet = Sheet(wb, "Data", DataHeader, [Row("P4-COORD-MEETINGS", 2026, 3, value: 2), BadRow(name)]);
            if (name == "formula-without-result")
            {
                sheet.Cell(3, 7).FormulaA1 = "1/0";
            }
        });

        var preview = await _harness.PreviewAsync(file);

        var error = Assert.Single(preview.Errors);
        Assert.Equal((rule, "Data", cell, value), (error.Rule, error.Sheet, error.CellAddress, error.Value));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(new ImportCounts(2, 1, 0, 0, 1), preview.Observations);
        Assert.False(preview.CanCommit);
        await Assert.ThrowsAsync<ImportRefusedException>(() => _harness.CommitAsync(preview));
        Assert.Equal(_observationsBefore, await _harness.Database.DigestAsync("Observations"));
        Assert.Equal(_before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task ALockedQuarterIsRefusedWithTheLockMessage()
    {
        await _harness.LockAsync(2026, 1);
        var before = await _harness.DigestAsync();

        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P4-COORD-MEETINGS", 2026, "I", value: 5)));

        var error = Assert.Single(preview.Errors);
        Assert.Equal(("Lock.Locked", "C3"), (error.Rule, error.CellAddress));
        Assert.Contains("Triwulan I 2026", error.Message, StringComparison.Ordinal);
        Assert.False(preview.CanCommit);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task AnAnnualTargetOfAYearWithALockedQuarterIsNotWrittenByAnImport()
    {
        await _harness.LockAsync(2026, 1);
        var before = await _harness.DigestAsync();
        var preview = await _harness.PreviewAsync(Build(wb =>
        {
            Sheet(wb, "Data", DataHeader, []);
            Sheet(wb, "Target", TargetHeader, [["P4-COORD-MEETINGS", 2026, null, 16]]);
        }));
        Assert.Empty(preview.Errors);

        var refused = await Assert.ThrowsAsync<ImportConflictException>(() => _harness.CommitAsync(preview));

        Assert.Equal("Triwulan I 2026 sudah dikunci setelah rapat tinjauan; datanya tidak dapat diubah. Minta Admin membuka kunci bila perlu koreksi.", refused.Message);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task AnOperatorCannotImportAnotherMinistrysIndicatorButMayImportOwnAndJointOnes()
    {
        var file = DataWorkbook(
            Row("P3-UMKM-FACILITATED", 2026, 3, "35", value: 12),     // Kemendag: own
            Row("P2-INFO-EVENTS", 2026, 3, "35", value: 3),           // Bersama: joint
            Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", 50));     // KP2MI: another ministry

        var preview = await _harness.PreviewAsync(file, user: ImportHarness.OperatorKemendag);

        var error = Assert.Single(preview.Errors);
        Assert.Equal(("Import.OtherMinistry", "A4", "P1-PMI-TRAINED"), (error.Rule, error.CellAddress, error.Value));
        Assert.Equal("Indikator P1-PMI-TRAINED milik kementerian lain (KP2MI); Anda hanya dapat mengimpor indikator kementerian Anda dan indikator Bersama.", error.Message);
        Assert.Equal(_before, await _harness.DigestAsync());

        var (clean, result) = await _harness.ImportAsync(DataWorkbook(
            Row("P3-UMKM-FACILITATED", 2026, 3, "35", value: 12), Row("P2-INFO-EVENTS", 2026, 3, "35", value: 3)), user: ImportHarness.OperatorKemendag);
        Assert.Equal(2, clean.Observations.New);
        Assert.Equal("op@kemendag.go.id", (await _harness.ObservationAsync("P2-INFO-EVENTS", 2026, 3, province: "35"))!.CreatedBy);
        Assert.NotNull(result.BatchId);
    }

    [Fact]
    public async Task OnlyAnAdminMayImportTargets()
    {
        var file = Build(wb =>
        {
            Sheet(wb, "Data", DataHeader, [Row("P3-UMKM-FACILITATED", 2026, 3, "35", value: 12)]);
            Sheet(wb, "Target", TargetHeader, [["P3-UMKM-FACILITATED", 2027, null, 5000]]);
        });

        var preview = await _harness.PreviewAsync(file, user: ImportHarness.OperatorKemendag);

        var error = Assert.Single(preview.Errors);
        Assert.Equal(("Import.TargetsAdminOnly", "Target", "D2"), (error.Rule, error.Sheet, error.CellAddress));
        Assert.Equal(_before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task AViewerMayNotImportAtAll()
    {
        var viewer = Support.TestUser.As("lihat@monev.go.id", Roles.Viewer);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _harness.PreviewAsync(Valid, user: viewer));
    }

    [Fact]
    public async Task MessagesAreInEnglishWhenTheUiIsEnglish()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");

        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", -3)));

        Assert.Equal("The value cannot be negative (given -3).", Assert.Single(preview.Errors).Message);
    }
}
