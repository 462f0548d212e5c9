using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Targets;
using MudBlazor;

namespace MonevDashboard.Features.Targets;

public partial class TargetAdminPage
{
    [Inject] private TargetAdminService Targets { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The year in the URL (?tahun=2026), so a link opens the same grid.</summary>
    [SupplyParameterFromQuery(Name = YearQuarter.YearParameter)] public int? Year { get; set; }

    private int _year;
    private TargetGrid? _grid;
    private readonly Dictionary<(int IndicatorId, int Quarter), TargetCellDraft> _drafts = [];
    private Dictionary<(int IndicatorId, int Quarter), string> _serverErrors = [];
    private IReadOnlyList<string> _generalErrors = [];
    private string _reason = "";
    private bool _saving;
    private bool _hasConflict;

    private int DirtyCount => _drafts.Values.Count(d => d.IsDirty);

    private bool HasTypingErrors => _drafts.Values.Any(d => !d.IsValid || Targets.ValueProblem(d.Value, WholeUnit(d)) is not null);

    /// <summary>The unit a draft's indicator counts whole, so typing "1,5" for a count is flagged at once.</summary>
    private string WholeUnit(TargetCellDraft draft) =>
        _grid?.Rows.FirstOrDefault(r => r.IndicatorId == draft.IndicatorId) is { } row
            ? ObservationRules.TakesWholeNumbers(row.Unit, row.Aggregation) ? row.Unit.Trim() : ""
            : "";

    protected override async Task OnParametersSetAsync()
    {
        var thisYear = Clock.TodayInWib().Year;
        _year = Year is { } y && TargetAdminService.Years.Contains(y) ? y : Math.Clamp(thisYear, ReportingYears.FirstTargetYear, ReportingYears.LastYear);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _grid = await Targets.GetGridAsync(_year);
        _drafts.Clear();
        foreach (var row in _grid.Rows)
        {
            for (var q = 0; q <= 4; q++)
            {
                _drafts[(row.IndicatorId, q)] = new TargetCellDraft(row.IndicatorId, q, row.Values[q], row.Versions[q]);
            }
        }
        _serverErrors = [];
        _generalErrors = [];
        _hasConflict = false;
    }

    private void ChooseYear(int year)
    {
        if (year == _year)
        {
            return;
        }
        if (DirtyCount > 0)
        {
            Snackbar.Add(L["Targets.SaveFirst"], Severity.Warning);
            return;
        }
        Navigation.NavigateTo($"/admin/target?{YearQuarter.YearParameter}={year}");
    }

    /// <summary>Leaving with unsaved targets asks first (switching the year is already refused while there are changes).</summary>
    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (DirtyCount > 0 && !await JS.InvokeAsync<bool>("confirm", L["Entry.LeaveConfirm"].Value))
        {
            context.PreventNavigation();
        }
    }

    private string ColumnLabel(int quarter) =>
        quarter == Target.Annual ? L["Targets.Annual"].Value : YearQuarter.ShortNameOf(quarter, CultureSetup.IsEnglish);

    private void Set(TargetCellDraft draft, string? text)
    {
        draft.Text = text?.Trim() ?? "";
        _serverErrors.Remove((draft.IndicatorId, draft.Quarter));
    }

    private string? Problem(TargetCellDraft draft) =>
        _serverErrors.TryGetValue((draft.IndicatorId, draft.Quarter), out var error) ? error
        : !draft.IsValid ? L["Entry.NotANumber"].Value
        : Targets.ValueProblem(draft.Value, WholeUnit(draft));

    private static string InputClass(TargetCellDraft draft, string? problem) =>
        "entry-input" + (problem is null ? "" : " entry-error") + (draft.IsDirty ? " entry-dirty" : "");

    /// <summary>The hint for flow indicators whose quarter targets, as typed, do not add up to the annual one.</summary>
    private string? SumHint(TargetGridRow row)
    {
        double? Typed(int q) => _drafts[(row.IndicatorId, q)].Value;
        var sum = TargetSumCheck.MismatchedQuarterSum(row.Aggregation, Typed(0), [Typed(1), Typed(2), Typed(3), Typed(4)]);
        return sum is { } s ? L["Targets.SumMismatch", FigureFormatter.Number(s), FigureFormatter.Number(Typed(0))].Value : null;
    }

    private void Discard()
    {
        foreach (var draft in _drafts.Values)
        {
            draft.Text = IndonesianNumber.ToInput(draft.Stored);
        }
        _serverErrors = [];
        _generalErrors = [];
        _hasConflict = false;
    }

    private async Task SaveAsync()
    {
        var edits = _drafts.Values.Where(d => d.IsDirty).Select(d => d.ToEdit()).ToList();
        if (edits.Count == 0 || HasTypingErrors)
        {
            return;
        }
        _saving = true;
        try
        {
            var result = await Targets.SaveAsync(_year, edits, _reason);
            if (result.Saved)
            {
                Snackbar.Add(L["Targets.Saved", result.Inserted, result.Updated, result.Removed, _year], Severity.Success);
                _reason = "";
                await LoadAsync();
            }
            else
            {
                _serverErrors = result.Errors.Where(e => e.IndicatorId != 0)
                    .GroupBy(e => (e.IndicatorId, e.Quarter)).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
                _generalErrors = [.. result.Errors.Select(e => ErrorLine(e))];
                // The typed values stay; the cells someone else saved show their value and the page offers a reload.
                _hasConflict = result.Errors.Any(e => e.IsConflict);
            }
        }
        catch (UserMessageException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private string ErrorLine(TargetCellError error) =>
        _grid?.Rows.FirstOrDefault(r => r.IndicatorId == error.IndicatorId) is { } row
            ? $"{row.Code} · {ColumnLabel(error.Quarter)}: {error.Message}"
            : error.Message;
}
