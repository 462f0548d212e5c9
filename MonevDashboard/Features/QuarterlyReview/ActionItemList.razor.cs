using MonevDashboard.Components.Localization;
using Microsoft.AspNetCore.Components;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Infrastructure;
using MudBlazor;

namespace MonevDashboard.Features.QuarterlyReview;

public partial class ActionItemList
{
    [Parameter, EditorRequired] public YearQuarter Period { get; set; }

    private IReadOnlyList<ActionItemView>? _items;
    private bool _canEdit;
    /// <summary>Opens on what is still to be done, from every meeting: the quarter's own meeting is often not held yet.</summary>
    private string _scope = "open";
    private ActionItemStatus? _status;
    private bool _overdueOnly;
    private string? _pic;
    private string _newDescription = "";
    private string _newPic = "";
    private DateTime? _newDue;
    private EditConflictException? _conflict;
    /// <summary>Status choices refused by a conflict: kept on screen (and named in the alert) until the list is reloaded.</summary>
    private readonly Dictionary<int, ActionItemStatus> _pending = [];

    private ActionItemFilter Filter => new(
        Year: _scope is "all" or "open" ? null : Period.Year,
        Quarter: _scope == "quarter" ? Period.Quarter : null,
        Status: _status, OverdueOnly: _overdueOnly, Pic: _pic, NotDoneOnly: _scope == "open");

    protected override async Task OnParametersSetAsync()
    {
        _canEdit = Guard.May(MonevAction.ManageReview);
        _newDue ??= Period.LastDay.AddMonths(3).ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _items = await Review.GetActionItemsAsync(Filter);
        _pending.Clear();
        _conflict = null;
    }

    private async Task SetScopeAsync(string scope) { _scope = scope; await LoadAsync(); }
    private async Task SetStatusAsync(ActionItemStatus? status) { _status = status; await LoadAsync(); }
    private async Task SetOverdueAsync(bool overdue) { _overdueOnly = overdue; await LoadAsync(); }
    private async Task SetPicAsync(string? pic) { _pic = pic; await LoadAsync(); }

    private async Task SetItemStatusAsync(ActionItemView item, ActionItemStatus status)
    {
        try
        {
            await Review.SetActionItemStatusAsync(item.Id, status, item.Version);
            Snackbar.Add(L["Review.ActionItemUpdated"], Severity.Success);
        }
        catch (EditConflictException ex)
        {
            // Someone else changed this follow-up first: keep the choice on screen, show theirs, offer a reload.
            _pending[item.Id] = status;
            _conflict = ex;
            return;
        }
        catch (UserMessageException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
    }

    private async Task AddAsync()
    {
        try
        {
            await Review.AddActionItemAsync(Period, _newDescription, _newPic,
                DateOnly.FromDateTime(_newDue ?? Period.LastDay.AddMonths(3).ToDateTime(TimeOnly.MinValue)), null);
            Snackbar.Add(L["Review.ActionItemAdded"], Severity.Success);
            (_newDescription, _newPic) = ("", "");
            await LoadAsync();
        }
        catch (UserMessageException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    /// <summary>Exactly the list on screen: the same filter, the same order.</summary>
    private async Task ExportAsync(Stream stream, IProgress<ExportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = await Review.GetActionItemsAsync(Filter, cancellationToken);
        var columns = new GridColumns<ActionItemView>()
            .Text(L["Review.Description"], r => r.Description)
            .Text(L["Catalog.Code"], r => r.IndicatorCode ?? "")
            .Text(L["Review.Pic"], r => r.PicUnit)
            .Date(L["Review.DueDate"], r => r.DueDate)
            .Text(L["Review.Status"], r => L["ActionStatus." + r.Status])
            .Text(L["Review.Overdue"], r => ActionItemLateness.Text(r, L))
            .Date(L["Review.CompletedOn", ""].Value.Trim(), r => r.CompletedOn)
            .Text(L["Review.Meeting"], r => r.MeetingPeriod.Name(CultureSetup.IsEnglish));
        await Grids.WriteAsync(stream, new GridSheet<ActionItemView>(L["Review.ActionItems"], columns, rows) { Notes = FilterNotes() }, progress, cancellationToken);
    }

    /// <summary>The filters of the list on screen, under the export's title and in the audit entry of the download.</summary>
    private List<string> FilterNotes()
    {
        var scope = _scope switch { "all" => L["Review.ScopeAll"].Value, "open" => L["Review.ScopeOpen"].Value, "year" => $"{L["Filter.Year"]} {Period.Year}", _ => $"{L["Quarter.Name"]} {Period.Roman} {Period.Year}" };
        var notes = new List<string> { scope };
        if (_status is { } status) { notes.Add($"{L["Review.Status"]}: {L["ActionStatus." + status]}"); }
        if (_overdueOnly) { notes.Add(L["Review.OverdueOnly"]); }
        if (!string.IsNullOrWhiteSpace(_pic)) { notes.Add($"{L["Review.Pic"]}: {_pic}"); }
        return notes;
    }
}
