using Microsoft.AspNetCore.Components;
using MonevDashboard.Components.Figures;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.Indicators;

/// <summary>
/// Everything about one indicator for the view in the URL (the dashboard's filters): what it is, its figures and
/// their history against targets, breakdowns, the stored observations, the narrative and the change history.
/// </summary>
public sealed partial class IndicatorPage
{
    private FilterOptions? _options;
    private DashboardQuery _query = DashboardQuery.Default(new(2000, 1));
    private IndicatorProfile? _profile;
    private IndicatorFigure? _figure;
    private IReadOnlyList<TimeSeriesPoint>? _series;
    private IReadOnlyList<Breakdown> _breakdowns = [];
    private NarrativeView? _narrative;
    private bool _notFound;
    private bool _loading;

    [Parameter]
    public string Code { get; set; } = "";

    [Inject] private FigureQueryService Figures { get; set; } = null!;
    [Inject] private SharedFilterOptions SharedOptions { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ReportingProgressService Progress { get; set; } = null!;

    private ObservationStatus? _reportStatus;
    [Inject] private IndicatorProfileService Profiles { get; set; } = null!;
    [Inject] private Domain.Contracts.IIndicatorHistoryView History { get; set; } = null!;
    [Inject] private NarrativeQueryService Narratives { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = DashboardQuery.YearKey)] public string? Year { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.QuarterKey)] public string? Quarter { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.YearToDateKey)] public string? YearToDate { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.PillarKey)] public string? Pillar { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.OwnerKey)] public string? Owner { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.ProvinceKey)] public string? Province { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.CountryKey)] public string? Country { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.SexKey)] public string? Sex { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.IndicatorKey)] public string? Indicator { get; set; }
    [SupplyParameterFromQuery(Name = DashboardQuery.VersionKey)] public string? Version { get; set; }

    [Inject] private ReviewSnapshotService Snapshots { get; set; } = null!;

    /// <summary>The quarter's figures at its review, when it was reviewed (and no province/country/sex filter is on).</summary>
    private ReviewedFigures? _reviewed;
    private IndicatorFigure? _currentFigure;

    /// <summary>Current figures unless the address asks for those of the review.</summary>
    private ShownFigures ShownVersion => _query.Version ?? ShownFigures.Current;

    private static bool English => CultureSetup.IsEnglish;

    private string ViewSummary => ViewDescription.Describe(
        _query with { Filter = _query.Filter with { PillarCode = null, Owner = null } }, _options, L);

    private string SeriesSubtitle => $"{(_series is { Count: > 0 } s ? s[0].Period : _query.Filter.Period).Name(English)} – {_query.Filter.Period.Name(English)} ({_profile?.UnitLabel(English)})";

    private IReadOnlyList<TrendPoint> SeriesPoints => [.. (_series ?? []).Select(p => new TrendPoint(p.Period, p.Value, p.Target))];

    protected override async Task OnInitializedAsync() => _options = await SharedOptions.GetAsync();

    protected override async Task OnParametersSetAsync()
    {
        var query = DashboardQuery.Parse(key => key switch
        {
            DashboardQuery.YearKey => Year,
            DashboardQuery.QuarterKey => Quarter,
            DashboardQuery.YearToDateKey => YearToDate,
            DashboardQuery.PillarKey => Pillar,
            DashboardQuery.OwnerKey => Owner,
            DashboardQuery.ProvinceKey => Province,
            DashboardQuery.CountryKey => Country,
            DashboardQuery.SexKey => Sex,
            DashboardQuery.IndicatorKey => Indicator,
            DashboardQuery.VersionKey => Version,
            _ => null,
        }, Clock.CurrentReportingQuarter());
        _query = _options is null ? query : query.WithKnownCodes(_options);

        _loading = true;
        try
        {
            await LoadAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadAsync()
    {
        _profile = await Profiles.GetProfileAsync(Code.Trim().ToUpperInvariant());
        _notFound = _profile is null;
        if (_profile is null)
        {
            return;
        }
        var filter = _query.Filter;
        _currentFigure = await Figures.GetIndicatorFigureAsync(filter, _profile.Code);
        _reviewed = filter.HasDimensionFilter ? null : await Snapshots.ReviewedAsync(filter.Period);
        _figure = _currentFigure is not null && _reviewed is not null && ShownVersion == ShownFigures.AsReviewed
            ? _reviewed.AsReviewed(_currentFigure) : _currentFigure;
        _reportStatus = (await Progress.GetAsync(filter.Period)).IndicatorStatuses.TryGetValue(_profile.Code, out var status) ? status : null;
        _series = await Figures.GetTimeSeriesAsync(filter, _profile.Code);
        var breakdowns = new List<Breakdown>();
        foreach (var dimension in Enum.GetValues<BreakdownDimension>())
        {
            if (await Figures.GetBreakdownTableAsync(filter, _profile.Code, dimension) is { } breakdown)
            {
                breakdowns.Add(breakdown);
            }
        }
        _breakdowns = breakdowns;
        _narrative = await Narratives.GetNarrativeAsync(_profile.Id, filter.Period);
    }

    private void ChangeVersion(ShownFigures version) => Navigate(_query with { Version = version, Problems = [] });

    private void Navigate(DashboardQuery query) => Navigation.NavigateTo(query.IndicatorHref(_profile?.Code ?? Code));
}
