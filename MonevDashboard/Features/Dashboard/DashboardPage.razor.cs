using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MonevDashboard.Components.Figures;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.Dashboard;

/// <summary>
/// The home page: how the programme stands in a quarter. The view lives in the URL (see <see cref="DashboardQuery"/>);
/// every filter change navigates, and the figures reload from the new URL — so what is on screen is always what
/// the address says, and a shared address shows the same view.
/// </summary>
public sealed partial class DashboardPage : IDisposable
{
    private FilterOptions? _options;
    private DashboardQuery _query = DashboardQuery.Default(new(2000, 1));
    private DashboardFigures? _figures;
    private bool _loading;
    private CancellationTokenSource? _loadCancellation;

    [Inject]
    private ReportingProgressService Progress { get; set; } = null!;

    private ReportingProgress? _progress;

    [Inject]
    private FigureQueryService Figures { get; set; } = null!;

    [Inject]
    private SharedFilterOptions SharedOptions { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [SupplyParameterFromQuery(Name = DashboardQuery.YearKey)]
    public string? Year { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.QuarterKey)]
    public string? Quarter { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.YearToDateKey)]
    public string? YearToDate { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.PillarKey)]
    public string? Pillar { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.OwnerKey)]
    public string? Owner { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.ProvinceKey)]
    public string? Province { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.CountryKey)]
    public string? Country { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.SexKey)]
    public string? Sex { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.IndicatorKey)]
    public string? Indicator { get; set; }

    [SupplyParameterFromQuery(Name = DashboardQuery.VersionKey)]
    public string? Version { get; set; }

    [Inject]
    private ReviewSnapshotService Snapshots { get; set; } = null!;

    /// <summary>The quarter's figures at its review, when it was reviewed (and no province/country/sex filter is on).</summary>
    private ReviewedFigures? _reviewed;

    /// <summary>The dashboard shows the current figures unless the address asks for those of the review.</summary>
    private ShownFigures ShownVersion => _query.Version ?? ShownFigures.Current;

    private string ViewSummary => ViewDescription.Describe(_query, _options, L);

    protected override async Task OnInitializedAsync() => _options = await SharedOptions.GetAsync();

    protected override async Task OnParametersSetAsync()
    {
        var query = DashboardQuery.Parse(QueryValue, Clock.CurrentReportingQuarter());
        _query = _options is null ? query : query.WithKnownCodes(_options);
        if (!RendererInfo.IsInteractive)
        {
            // The prerender sends the page's frame with the skeleton and the figures come with the circuit a moment
            // later: rendered both times they cost every open twice (docs/decisions/cheap-circuits.md, "Opening").
            return;
        }
        await LoadAsync();
    }

    private string? QueryValue(string key) => key switch
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
    };

    private async Task LoadAsync()
    {
        // The previous view's source is cancelled but never disposed: its load may still be between two awaits and
        // read its token (a disposed source throws there, which broke the page when a user navigated away mid-load).
        // A source without a timer holds nothing to release.
        _loadCancellation?.Cancel();
        var cancellation = _loadCancellation = new CancellationTokenSource();
        var token = cancellation.Token;
        _loading = true;
        try
        {
            var figures = await Figures.GetDashboardAsync(_query.Filter, _query.Indicator, token);
            var progress = _progress?.Period == _query.Filter.Period ? _progress : await Progress.GetAsync(_query.Filter.Period, token);
            // The snapshot holds national totals: with a dimension filter on, the view is the current one.
            var reviewed = _query.Filter.HasDimensionFilter ? null : await Snapshots.ReviewedAsync(_query.Filter.Period, token);
            if (!token.IsCancellationRequested)
            {
                _reviewed = reviewed;
                _figures = reviewed is not null && ShownVersion == ShownFigures.AsReviewed ? reviewed.AsReviewed(figures) : figures;
                _progress = progress;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer view replaced this one while it loaded, or the page was left.
        }
        finally
        {
            if (ReferenceEquals(cancellation, _loadCancellation))
            {
                _loading = false;
            }
        }
    }

    /// <summary>The notice's "reload": the same view with the current figures (and reporting progress).</summary>
    private async Task RefreshAsync()
    {
        _progress = null;
        await LoadAsync();
    }

    private void Navigate(DashboardQuery query) => Navigation.NavigateTo(query.DashboardHref);

    private void ChangeChartIndicator(string code) => Navigation.NavigateTo((_query with { Indicator = code, Problems = [] }).DashboardHref);

    private void ChangeVersion(ShownFigures version) => Navigation.NavigateTo((_query with { Version = version, Problems = [] }).DashboardHref);

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    public void Dispose() => _loadCancellation?.Cancel();
}
