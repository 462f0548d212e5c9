using Microsoft.AspNetCore.Components;
using SelectOption = MonevDashboard.Components.Shared.NativeSelect.SelectOption;
using MonevDashboard.Components.Figures;
using MonevDashboard.Components.Localization;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.Dashboard;

public sealed partial class DashboardCharts
{
    [Parameter, EditorRequired]
    public DashboardFigures Dashboard { get; set; } = null!;

    [Parameter, EditorRequired]
    public DashboardQuery Query { get; set; } = null!;

    [Parameter]
    public EventCallback<string> ChartIndicatorChanged { get; set; }

    /// <summary>The view's period and filters in words (the page's subtitle), written on a downloaded chart.</summary>
    [Parameter]
    public string? View { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    /// <summary>The view's indicators, for the chart indicator's select (a native one: no component tree per option).</summary>
    private IReadOnlyList<SelectOption> IndicatorOptions =>
        [.. Dashboard.Indicators.Select(f => new SelectOption(f.Code, IndicatorName(f.Code)))];

    private IEnumerable<(Breakdown? Breakdown, BreakdownDimension Dimension, string Key, string Title, string Empty)> Breakdowns =>
    [
        (Dashboard.BySex, BreakdownDimension.Sex, "sex", L["Chart.BySex"], L["Chart.NoSexBreakdown"]),
        (Dashboard.ByProvince, BreakdownDimension.Province, "province", L["Chart.ByProvince"], L["Chart.NoProvinceBreakdown"]),
        (Dashboard.ByCountry, BreakdownDimension.Country, "country", L["Chart.ByCountry"], L["Chart.NoCountryBreakdown"]),
    ];

    /// <summary>The trend of an indicator the view's province, country or sex filter does not apply to is not drawn (it would read as "no data").</summary>
    private string? TrendEmptyText => Dashboard.ChartIndicator is { FilterApplies: false } chosen ? L["Chart.TrendNotBrokenDown", chosen.Code].Value : null;

    /// <summary>
    /// When a breakdown shows another indicator than the chosen one: why, and which, in words. The chosen one is either
    /// not broken down by the chart's dimension at all, or not by a dimension the view's filters narrow to.
    /// </summary>
    private string? Substitution(IndicatorFigure? shown, BreakdownDimension dimension)
    {
        if (shown is null || Dashboard.ChartIndicator is not { } chosen || chosen.Code == shown.Code)
        {
            return null;
        }
        var shownName = $"{shown.Code} · {shown.Name(CultureSetup.IsEnglish)}";
        if (chosen.Disaggregations.Allows(FigureQueryService.DisaggregationOf(dimension)))
        {
            return L["Chart.NotBrokenDownByFilter", chosen.Code, shownName].Value;
        }
        return dimension switch
        {
            BreakdownDimension.Province => L["Chart.NotBrokenDownByProvince", chosen.Code, shownName].Value,
            BreakdownDimension.Country => L["Chart.NotBrokenDownByCountry", chosen.Code, shownName].Value,
            _ => L["Chart.NotBrokenDownBySex", chosen.Code, shownName].Value,
        };
    }

    /// <summary>The indicator page narrowed to one group of the breakdown; a group without a code ("not specified") opens nothing.</summary>
    private string? DrillDownHref(IndicatorFigure? figure, BreakdownDimension dimension, string group) =>
        figure is null || string.IsNullOrEmpty(group) ? null : Query.Narrowed(dimension, group).IndicatorHref(figure.Code);

    private double? ValueOf(BreakdownRow row) => Query.Filter.YearToDate ? row.YearToDateValue : row.QuarterValue;

    private string IndicatorName(string? code) =>
        Dashboard.Find(code ?? "") is { } f ? $"{f.Code} · {f.Name(CultureSetup.IsEnglish)}" : code ?? "";

    private string? Describe(IndicatorFigure? figure) =>
        figure is null ? null : $"{figure.Name(CultureSetup.IsEnglish)} ({figure.UnitLabel(CultureSetup.IsEnglish)})";

    private string? Href(IndicatorFigure? figure) => figure is null ? null : Query.IndicatorHref(figure.Code);

    private void Open(IndicatorFigure? figure)
    {
        if (figure is not null)
        {
            Navigation.NavigateTo(Query.IndicatorHref(figure.Code));
        }
    }
}
