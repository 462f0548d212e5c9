using Microsoft.AspNetCore.Components;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using System.Globalization;
using SelectOption = MonevDashboard.Components.Shared.NativeSelect.SelectOption;

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

    private FigureFilter Filter => Query.Filter;

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

    private IReadOnlyList<SelectOption> YearOptions =>
        [.. Years.Select(y => new SelectOption(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture)))];

    private IReadOnlyList<SelectOption> QuarterOptions =>
        [.. Enumerable.Range(1, 4).Select(q => new SelectOption(q.ToString(CultureInfo.InvariantCulture), $"{L["Quarter.Name"]} {YearQuarter.RomanOf(q)}"))];

    private IReadOnlyList<SelectOption> PillarOptions =>
        [new("", L["Filter.All"]), .. Options.Pillars.Select(p => new SelectOption(p.Code, $"{p.Code} · {p.Name(English)}"))];

    private IReadOnlyList<SelectOption> OwnerOptions =>
        [new("", L["Filter.All"]), .. Enum.GetValues<Ministry>().Select(m => new SelectOption(DashboardQuery.OwnerValue(m), L["Owner." + m]))];

    private IReadOnlyList<SelectOption> ProvinceOptions =>
        [new("", L["Filter.All"]), .. Options.Provinces.Select(p => new SelectOption(p.Code, p.NameId))];

    private IReadOnlyList<SelectOption> SexOptions =>
        [new("", L["Filter.All"]), .. ((string[])[Vocabulary.Male, Vocabulary.Female]).Select(code => new SelectOption(code, Vocabulary.SexName(code, English)))];

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
