using System.Globalization;
using Microsoft.AspNetCore.Components;
using MonevDashboard.Components.Localization;
using MonevDashboard.Components.Shared;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.Reports;

public partial class ReportsPage
{
    private static readonly int[] s_quarters = [1, 2, 3, 4];
    private IReadOnlyList<int> _years = [];

    /// <summary>The report years, plus the one in the address when it is outside them (the page then says why).</summary>
    private IReadOnlyList<NativeSelect.SelectOption> YearOptions =>
        [.. (_years.Contains(_year) ? _years : _years.Append(_year).Order().ToList())
            .Select(y => new NativeSelect.SelectOption(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>"TW III" in Indonesian, "Q3" in English (<see cref="YearQuarter.ShortNameOf"/>).</summary>
    private static IReadOnlyList<NativeSelect.SelectOption> QuarterOptions =>
        [.. s_quarters.Select(q => new NativeSelect.SelectOption(q.ToString(CultureInfo.InvariantCulture), YearQuarter.ShortNameOf(q, CultureSetup.IsEnglish)))];
    private int _year;
    private int _quarter;
    private QuarterlyReportContent? _content;
    private string? _error;

    /// <summary>The period is in the URL (?tahun=2026&amp;tw=3) so a link opens the same report.</summary>
    [SupplyParameterFromQuery(Name = YearQuarter.YearParameter)] public int? Year { get; set; }

    [SupplyParameterFromQuery(Name = YearQuarter.QuarterParameter)] public int? Quarter { get; set; }

    private YearQuarter Period => new(_year, YearQuarter.IsValidQuarter(_quarter) ? _quarter : 1);

    private string PeriodLabel => Period.Name(CultureSetup.IsEnglish);

    protected override async Task OnParametersSetAsync()
    {
        if (_years.Count == 0)
        {
            _years = await Reports.GetReportYearsAsync();
        }
        var fallback = Reports.DefaultPeriod;
        _year = Year ?? fallback.Year;
        _quarter = Quarter ?? fallback.Quarter;
        _content = null;
        var check = await Reports.CheckPeriodAsync(_year, _quarter);
        _error = !check.YearKnown ? L["Reports.InvalidYear", _year, check.FirstYear, check.LastYear].Value
            : !check.QuarterValid ? L["Reports.InvalidQuarter"].Value
            : null;
        if (_error is null)
        {
            _content = await Reports.GetContentAsync(Period);
        }
    }

    private Task YearChangedAsync(int year) => GoToAsync(year, _quarter);

    private Task QuarterChangedAsync(int quarter) => GoToAsync(_year, quarter);

    private Task GoToAsync(int year, int quarter)
    {
        var quarterOrFirst = YearQuarter.IsValidQuarter(quarter) ? quarter : 1;
        Navigation.NavigateTo($"/laporan?{new YearQuarter(year, quarterOrFirst).Address}", replace: true);
        return Task.CompletedTask;
    }
}
