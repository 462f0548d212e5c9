using Microsoft.AspNetCore.Components;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Components.Figures;

public partial class DashboardFilterBar
{
    [Parameter, EditorRequired]
    public FilterOptions Options { get; set; } = null!;

    [Parameter, EditorRequired]
    public DashboardQuery Query { get; set; } = null!;

    /// <summary>The quarter a reset goes back to.</summary>
    [Parameter, EditorRequired]
    public YearQuarter Current { get; set; }

    /// <summary>Whether the pillar and owner filters are offered (the dashboard); the indicator page keeps them but hides them.</summary>
    [Parameter]
    public bool ShowScope { get; set; } = true;

    [Parameter]
    public EventCallback<DashboardQuery> QueryChanged { get; set; }

    private const string YearSelect = "year", QuarterSelect = "quarter", PillarSelect = "pillar", OwnerSelect = "owner", ProvinceSelect = "province", SexSelect = "sex";

    /// <summary>The select whose list is open (at most one is); the others render no items.</summary>
    private string? _openSelect;

    private FigureFilter Filter => Query.Filter;

    private bool IsOpen(string select) => _openSelect == select;

    private void SetOpen(string select, bool open) =>
        _openSelect = open ? select : _openSelect == select ? null : _openSelect;

    private static bool English => CultureSetup.IsEnglish;

    /// <summary>The offered years, plus the chosen one when a shared link names a year outside them.</summary>
    private IEnumerable<int> Years => Options.Years.Contains(Filter.Year) ? Options.Years : Options.Years.Append(Filter.Year).OrderDescending();

    private NamedOption? SelectedCountry => Options.Countries.FirstOrDefault(c => c.Code == Filter.CountryCode);

    private string OwnerValue => Filter.Owner is { } owner ? DashboardQuery.OwnerValue(owner) : "";

    private Task ChangeAsync(FigureFilter filter) => QueryChanged.InvokeAsync(Query with { Filter = filter, Problems = [] });

    private Task ResetAsync() =>
        QueryChanged.InvokeAsync(new DashboardQuery(new FigureFilter(Current.Year, Current.Quarter), Query.Indicator));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Ministry? ParseOwner(string? value) =>
        Enum.GetValues<Ministry>().Cast<Ministry?>().FirstOrDefault(m => DashboardQuery.OwnerValue(m!.Value) == value);

    private string QuarterName(int quarter) => $"{L["Quarter.Name"]} {new YearQuarter(Filter.Year, quarter).Roman}";

    // "All" in the field itself is one short word: the field's label already names the dimension.
    private string PillarName(string? code) => string.IsNullOrEmpty(code)
        ? L["Filter.All"]
        : code;   // the code alone fits the field; the list and the view line give the name

    private string OwnerName(string? value) => ParseOwner(value) is { } owner ? L["Owner." + owner] : L["Filter.All"];

    private string ProvinceName(string? code) => string.IsNullOrEmpty(code)
        ? L["Filter.All"]
        : Options.Provinces.FirstOrDefault(p => p.Code == code)?.NameId ?? code;

    private string SexName(string? code) => string.IsNullOrEmpty(code) ? L["Filter.All"] : Vocabulary.SexName(code, English);

    private Task<IEnumerable<NamedOption>> SearchCountriesAsync(string? text, CancellationToken cancellationToken)
    {
        IEnumerable<NamedOption> matches = string.IsNullOrWhiteSpace(text)
            ? Options.Countries
            : Options.Countries.Where(c =>
                c.NameId.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.NameEn.Contains(text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Code, text.Trim(), StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(matches);
    }
}
