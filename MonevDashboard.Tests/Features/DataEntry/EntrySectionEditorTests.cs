using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.DataEntry;

using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

public sealed class EntrySectionEditorTests : MonevTestContext
{
    /// <summary>The cells check what they show with the rules every save and import applies.</summary>
    public EntrySectionEditorTests() : base(services => services.AddScoped<ObservationRules>())
    {
    }

    private static readonly Dictionary<string, string> s_provinces = new() { ["33"] = "Jawa Tengah", ["35"] = "Jawa Timur" };

    private static EntrySection Section(IReadOnlyDictionary<CellKey, StoredCell>? cells = null, IReadOnlyDictionary<CellKey, double>? previous = null) =>
        new("P3-UMKM-FACILITATED", "UMKM yang difasilitasi ekspor", "MSMEs", "UMKM", Ministry.Kemendag, TimeAggregation.Sum,
            Disaggregation.Province, false, ["33", "35"], [], cells ?? new Dictionary<CellKey, StoredCell>(),
            previous ?? new Dictionary<CellKey, double>(), 2);

    private static CellKey Key(string province) => new("P3-UMKM-FACILITATED", province, "", "");

    [Fact]
    public void TypedIndonesianNumbersBecomeEditsAndBlankStaysDistinctFromZero()
    {
        var drafts = new Dictionary<CellKey, CellDraft>();
        var grid = Render<EntrySectionEditor>(p => p
            .Add(c => c.Section, Section())
            .Add(c => c.Drafts, drafts)
            .Add(c => c.ProvinceNames, s_provinces)
            .Add(c => c.CountryNames, new Dictionary<string, string>()));

        grid.Find("input[data-cell='35||value']").Change("1.234,5");
        grid.Find("input[data-cell='33||value']").Change("0");

        Assert.Equal(1234.5, drafts[Key("35")].ToEdit(false).Edit!.Value);
        Assert.Equal(0, drafts[Key("33")].ToEdit(false).Edit!.Value);
        Assert.False(drafts[Key("33")].ToEdit(false).Edit!.IsBlank);
        grid.Find("input[data-cell='33||value']").Change("");
        Assert.True(drafts[Key("33")].ToEdit(false).Edit!.IsBlank);
        Assert.False(drafts[Key("33")].IsDirty);
    }

    [Fact]
    public void AFractionOfACountIsMarkedWithTheWholeNumberMessage()
    {
        var grid = Render<EntrySectionEditor>(p => p
            .Add(c => c.Section, Section())
            .Add(c => c.Drafts, new Dictionary<CellKey, CellDraft>())
            .Add(c => c.ProvinceNames, s_provinces)
            .Add(c => c.CountryNames, new Dictionary<string, string>()));

        grid.Find("input[data-cell='35||value']").Change("1,5");
        var cell = grid.Find("input[data-cell='35||value']");
        Assert.Contains("entry-error", cell.ClassList);
        Assert.Equal("Nilai harus bilangan bulat karena satuannya UMKM dihitung utuh (tertulis 1,5).", cell.GetAttribute("title"));

        grid.Find("input[data-cell='35||value']").Change("2");
        Assert.DoesNotContain("entry-error", grid.Find("input[data-cell='35||value']").ClassList);
    }

    [Fact]
    public void BadNegativeAndJumpingValuesAreMarkedWithTheirMessage()
    {
        var drafts = new Dictionary<CellKey, CellDraft>();
        var grid = Render<EntrySectionEditor>(p => p
            .Add(c => c.Section, Section(previous: new Dictionary<CellKey, double> { [Key("33")] = 10 }))
            .Add(c => c.Drafts, drafts)
            .Add(c => c.ProvinceNames, s_provinces)
            .Add(c => c.CountryNames, new Dictionary<string, string>()));

        grid.Find("input[data-cell='35||value']").Change("12a");
        grid.Find("input[data-cell='33||value']").Change("500");
        var bad = grid.Find("input[data-cell='35||value']");
        var jump = grid.Find("input[data-cell='33||value']");
        Assert.Contains("entry-error", bad.ClassList);
        Assert.Contains("Bukan angka yang valid", bad.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("entry-warning", jump.ClassList);
        Assert.Contains("sepuluh kali", jump.GetAttribute("title"), StringComparison.Ordinal);

        grid.Find("input[data-cell='35||value']").Change("-3");
        Assert.Contains("tidak boleh negatif", grid.Find("input[data-cell='35||value']").GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void AVerifiedCellIsReadOnlyWithAHintForThoseWhoMayNotChangeVerifiedFigures()
    {
        var stored = new Dictionary<CellKey, StoredCell>
        {
            [Key("35")] = new(Key("35"), 120, null, null, ObservationStatus.Verified, null, 3, "op", DateTime.UtcNow),
            [Key("33")] = new(Key("33"), 80, null, null, ObservationStatus.Submitted, null, 2, "op", DateTime.UtcNow),
        };
        IRenderedComponent<EntrySectionEditor> Grid(bool mayChangeVerified) => Render<EntrySectionEditor>(p => p
            .Add(c => c.Section, Section(stored))
            .Add(c => c.Drafts, new Dictionary<CellKey, CellDraft>())
            .Add(c => c.ProvinceNames, s_provinces)
            .Add(c => c.CountryNames, new Dictionary<string, string>())
            .Add(c => c.CanChangeVerified, mayChangeVerified));

        var operatorGrid = Grid(false);
        var verified = operatorGrid.Find("input[data-cell='35||value']");
        Assert.True(verified.HasAttribute("readonly"));
        Assert.Contains("hanya Admin", verified.GetAttribute("title"), StringComparison.Ordinal);
        Assert.False(operatorGrid.Find("input[data-cell='33||value']").HasAttribute("readonly"));
        Assert.False(Grid(true).Find("input[data-cell='35||value']").HasAttribute("readonly"));
    }

    [Fact]
    public void AReadOnlyGridShowsStoredValuesInIdIdAndTakesNoInput()
    {
        var stored = new Dictionary<CellKey, StoredCell>
        {
            [Key("35")] = new(Key("35"), 1234567.5, null, null, ObservationStatus.Verified, null, 3, "op", DateTime.UtcNow),
        };
        var grid = Render<EntrySectionEditor>(p => p
            .Add(c => c.Section, Section(stored))
            .Add(c => c.Drafts, new Dictionary<CellKey, CellDraft>())
            .Add(c => c.ProvinceNames, s_provinces)
            .Add(c => c.CountryNames, new Dictionary<string, string>())
            .Add(c => c.ReadOnly, true));

        var input = grid.Find("input[data-cell='35||value']");
        Assert.Equal("1.234.567,5", input.GetAttribute("value"));
        Assert.True(input.HasAttribute("readonly"));
    }
}

public sealed class IndonesianNumberTests
{
    [Theory]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("1.234", 1234)]
    [InlineData("1234,5", 1234.5)]
    [InlineData("1234.5", 1234.5)]
    [InlineData("0,125", 0.125)]
    [InlineData(" 12 345 ", 12345)]
    [InlineData("-7", -7)]
    public void ReadsWhatOfficialsType(string text, double expected)
    {
        Assert.True(IndonesianNumber.TryParse(text, out var value));
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.23.4")]
    [InlineData("12a")]
    public void RefusesWhatIsNotANumber(string text) => Assert.False(IndonesianNumber.TryParse(text, out _));

    [Fact]
    public void BlankIsNotReportedNotZero()
    {
        Assert.True(IndonesianNumber.TryParseOptional("  ", out var blank));
        Assert.Null(blank);
        Assert.True(IndonesianNumber.TryParseOptional("0", out var zero));
        Assert.Equal(0, zero);
    }
}
