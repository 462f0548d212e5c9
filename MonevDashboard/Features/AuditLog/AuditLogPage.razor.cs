using System.Globalization;
using Microsoft.AspNetCore.Components;
using MonevDashboard.Components.Localization;
using MonevDashboard.Infrastructure;
using MudBlazor;

namespace MonevDashboard.Features.AuditLog;

public partial class AuditLogPage
{
    [Inject] private AuditQueryService Audit { get; set; } = default!;
    [Inject] private GridExport Grids { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    // The filter lives in the URL so a view of the log can be shared: ?pengguna=&indikator=&tahun=&tw=&dari=&sampai=&aksi=&objek=
    [SupplyParameterFromQuery(Name = "pengguna")] public string? UserName { get; set; }
    [SupplyParameterFromQuery(Name = "indikator")] public string? IndicatorCode { get; set; }
    [SupplyParameterFromQuery(Name = YearQuarter.YearParameter)] public int? Year { get; set; }
    [SupplyParameterFromQuery(Name = YearQuarter.QuarterParameter)] public int? Quarter { get; set; }
    [SupplyParameterFromQuery(Name = "dari")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "sampai")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "aksi")] public string? ActionName { get; set; }
    [SupplyParameterFromQuery(Name = "objek")] public string? EntityType { get; set; }

    private MudDataGrid<AuditRow>? _grid;
    private AuditFilterOptions? _options;
    private AuditFilter _filter = AuditFilter.None;

    // What the grid shows now: the export writes exactly this filter and order.
    private AuditFilter _shownFilter = AuditFilter.None;
    private AuditSort _shownSort = AuditSort.NewestFirst;
    private int _total;

    private string ExportFileName =>
        $"Jejak-Audit-{Clock.TodayInWib():yyyy-MM-dd}.xlsx";

    protected override async Task OnParametersSetAsync()
    {
        _options ??= await Audit.GetFilterOptionsAsync();
        var filter = new AuditFilter
        {
            UserName = UserName, IndicatorCode = IndicatorCode,
            Year = Year, Quarter = Quarter is >= 1 and <= 4 ? Quarter : null,
            From = ParseDate(From), To = ParseDate(To), Action = ActionName, EntityType = EntityType,
        };
        if (filter != _filter)
        {
            _filter = filter;
            if (_grid is not null)
            {
                // A narrower filter starts again at its first page.
                if (_grid.CurrentPage > 0)
                {
                    _grid.NavigateTo(Page.First);
                }
                await _grid.ReloadServerData();
            }
        }
    }

    private async Task<GridData<AuditRow>> LoadAsync(GridState<AuditRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault() is { } s && Enum.TryParse<AuditSortField>(s.SortBy, out var field)
            ? new AuditSort(field, s.Descending)
            : AuditSort.NewestFirst;
        var page = await Audit.GetPageAsync(_filter, sort, state.Page, state.PageSize, cancellationToken);
        (_shownFilter, _shownSort, _total) = (_filter, sort, page.TotalCount);
        StateHasChanged();
        return new GridData<AuditRow> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    private void ApplyFilter(AuditFilter filter)
    {
        var query = new Dictionary<string, object?>
        {
            ["pengguna"] = filter.UserName, ["indikator"] = filter.IndicatorCode, [YearQuarter.YearParameter] = filter.Year, [YearQuarter.QuarterParameter] = filter.Quarter,
            ["dari"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sampai"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["aksi"] = filter.Action, ["objek"] = filter.EntityType,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/audit", query), replace: true);
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private GridSheet<AuditRow> ExportSheet() =>
        new(L["AuditLog.Title"], ExportColumns(), Audit.StreamAsync(_shownFilter, _shownSort))
        {
            Notes = [FilterNote(_shownFilter), L["AuditLog.SortNote", L["AuditLog.Sort." + _shownSort.Field], _shownSort.Descending ? "↓" : "↑"]],
            RowCount = _total,
        };

    private GridColumns<AuditRow> ExportColumns() => new GridColumns<AuditRow>()
        .Text(L["AuditLog.When"], r => FigureFormatter.DateTimeWib(r.At), 22)
        .Text(L["AuditLog.User"], r => r.UserName, 30)
        .Text(L["AuditLog.Action"], r => r.ActionLabel, 16)
        .Text(L["AuditLog.Entity"], r => r.EntityLabel, 14)
        .Text(L["AuditLog.Key"], r => r.KeyText, 44)
        .Text(L["AuditLog.Changes"], r => r.ChangesText, 60)
        .Text(L["AuditLog.Reason"], r => r.Reason, 30)
        .Number(L["AuditLog.ImportBatch"], r => r.ImportBatchId, CellFormat.Count, 10);

    /// <summary>"Filter: pengguna a@b · indikator P1-… · tahun 2026" — or "Semua entri" — under the export's title.</summary>
    private string FilterNote(AuditFilter f)
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                parts.Add(L[key, value]);
            }
        }
        Add("AuditLog.Note.User", f.UserName);
        Add("AuditLog.Note.Indicator", f.IndicatorCode);
        Add("AuditLog.Note.Year", f.Year);
        Add("AuditLog.Note.Quarter", f.Quarter is { } q ? YearQuarter.RomanOf(q) : null);
        Add("AuditLog.Note.From", f.From is { } from ? FigureFormatter.Date(from) : null);
        Add("AuditLog.Note.To", f.To is { } to ? FigureFormatter.Date(to) : null);
        Add("AuditLog.Note.Action", f.Action is { } a ? L["AuditLog.Action." + a].Value : null);
        Add("AuditLog.Note.Entity", f.EntityType is { } e ? L["AuditLog.Entity." + e].Value : null);
        return parts.Count == 0 ? L["AuditLog.Note.All"] : L["AuditLog.Note.Filter", string.Join(" · ", parts)];
    }
}
