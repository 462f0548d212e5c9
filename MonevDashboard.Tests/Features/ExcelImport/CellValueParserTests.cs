using MonevDashboard.Data.Reference;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Tests.Features.ExcelImport;

public sealed class CellValueParserTests
{
    [Theory]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("1,234,567.89", 1234567.89)]
    [InlineData("1234567.89", 1234567.89)]
    [InlineData("1234567,89", 1234567.89)]
    [InlineData("1.234", 1234)]          // one dot, three digits after, 1–3 before: thousands (id-ID)
    [InlineData("12.500", 12500)]
    [InlineData("999.999", 999999)]
    [InlineData("1234.567", 1234.567)]   // four digits before the dot: a decimal point
    [InlineData("0.125", 0.125)]         // a leading 0 is never a thousands group
    [InlineData("12.5", 12.5)]
    [InlineData("1,234", 1.234)]         // one comma: the Indonesian decimal comma
    [InlineData("12,345,678", 12345678)] // several commas: thousands
    [InlineData("1.234.567", 1234567)]
    [InlineData("-1.500", -1500)]
    [InlineData("−7", -7)]
    [InlineData("(250)", -250)]
    [InlineData("1 234 567", 1234567)]
    [InlineData("1\u00A0234,5", 1234.5)]
    [InlineData(",5", 0.5)]
    [InlineData("1,5E+3", 1500)]
    public void NumbersWrittenAsTextAreReadByTheDocumentedRule(string text, double expected)
    {
        Assert.True(CellValueParser.TryParseNumberText(text, out var value));
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("seratus")]
    [InlineData("1.23.4")]
    [InlineData("1,23,4")]
    [InlineData("12.34.567")]
    [InlineData("1.234,5,6")]
    [InlineData("1.234.5")]
    [InlineData("Rp 5000")]
    [InlineData("5%")]
    [InlineData("-")]
    [InlineData("#N/A")]
    public void TextThatIsNotANumberIsRefused(string text) => Assert.False(CellValueParser.TryParseNumberText(text, out _));

    [Fact]
    public void ANumberCellIsTakenAsItIsAndAnErrorCellIsNeverANumber()
    {
        Assert.True(CellValueParser.TryNumber(new RawCell("1.234", 1.234), out var number));
        Assert.Equal(1.234, number);
        Assert.False(CellValueParser.TryNumber(new RawCell("#DIV/0!", IsError: true), out _));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("IV", 4)]
    [InlineData("iii", 3)]
    [InlineData("TW II", 2)]
    [InlineData("TW-3", 3)]
    [InlineData("tw.IV", 4)]
    [InlineData("Q3", 3)]
    [InlineData("q 1", 1)]
    [InlineData("Triwulan III", 3)]
    [InlineData("TRIWULAN 2", 2)]
    [InlineData("Kuartal 4", 4)]
    [InlineData("Quarter 1", 1)]
    [InlineData("5", 5)]
    public void QuartersAreReadInEveryUsualForm(string text, int expected) => Assert.Equal(expected, CellValueParser.Quarter(new RawCell(text)));

    [Theory]
    [InlineData("V")]
    [InlineData("TW V")]
    [InlineData("kedua")]
    [InlineData("2026-Q3")]
    public void AnUnreadableQuarterIsNull(string text) => Assert.Null(CellValueParser.Quarter(new RawCell(text)));

    [Fact]
    public void QuarterAndYearCellsTypedAsNumbersAreRead()
    {
        Assert.Equal(3, CellValueParser.Quarter(new RawCell("3", 3)));
        Assert.Null(CellValueParser.Quarter(new RawCell("2.5", 2.5)));
        Assert.Equal(2026, CellValueParser.Year(new RawCell("2026", 2026)));
        Assert.Equal(2026, CellValueParser.Year(new RawCell(" 2026 ")));
        Assert.Null(CellValueParser.Year(new RawCell("2026/27")));
    }

    [Fact]
    public void CodesAreTrimmedAndNumericCodesBecomeText()
    {
        Assert.Equal("35", CellValueParser.Code(new RawCell("35", 35)));
        Assert.Equal("Jawa Timur", CellValueParser.Code(new RawCell("  Jawa   Timur ")));
    }

    [Fact]
    public void ProvinceAndCountryNamesAndAliasesResolveToCodes()
    {
        var names = new ReferenceNames(
            ProvinceList.All.Select(p => new Province { Code = p.Code, Name = p.Name }).ToList(),
            CountryList.All.Select(c => new Country { Code = c.Code, NameId = c.NameId, NameEn = c.NameEn }).ToList());

        Assert.Equal("35", names.Province("Jawa Timur"));
        Assert.Equal("35", names.Province("JATIM"));
        Assert.Equal("35", names.Province("Prov. Jawa Timur"));
        Assert.Equal("34", names.Province("DI Yogyakarta"));
        Assert.Equal("35", names.Province("35"));
        Assert.Equal("Atlantis", names.Province("Atlantis"));
        Assert.Equal("SA", names.Country("Arab Saudi"));
        Assert.Equal("SA", names.Country("Saudi Arabia"));
        Assert.Equal("SA", names.Country("sa"));
        Assert.Equal("TW", names.Country("Taiwan"));
        Assert.Equal("TR", names.Country("Türkiye"));
        Assert.Equal("TR", names.Country("turkiye"));
        Assert.Equal("HK", names.Country("Hong  Kong"));
        Assert.Equal("Wakanda", names.Country("Wakanda"));
    }

    [Theory]
    [InlineData("Kode Indikator", SheetField.IndicatorCode)]
    [InlineData("KODE_INDIKATOR*", SheetField.IndicatorCode)]
    [InlineData("Indicator code", SheetField.IndicatorCode)]
    [InlineData("Triwulan (1–4 atau I–IV)", SheetField.Quarter)]
    [InlineData("TW", SheetField.Quarter)]
    [InlineData("Negara Tujuan", SheetField.CountryCode)]
    [InlineData("L/P", SheetField.Sex)]
    [InlineData("Realisasi", SheetField.Value)]
    [InlineData("Sumber Data", SheetField.Source)]
    public void HeadersAreMatchedWhateverTheirCaseSpacingOrLanguage(string header, SheetField field) =>
        Assert.Equal(field, DataSheetColumns.Match(DataSheetColumns.Data, header)?.Field);

    [Fact]
    public void AnUnknownHeaderMatchesNothing() => Assert.Null(DataSheetColumns.Match(DataSheetColumns.Data, "Petugas"));
}
