using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MudBlazor;

namespace MonevDashboard.Features.DataEntry;

public partial class DataEntryPage
{
    [Inject] private DataEntryService Entry { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ObservationRules Rules { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Localizer { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = YearQuarter.YearParameter)] private int? YearQuery { get; set; }
    [SupplyParameterFromQuery(Name = YearQuarter.QuarterParameter)] private int? QuarterQuery { get; set; }
    [SupplyParameterFromQuery(Name = "kementerian")] private string? MinistryQuery { get; set; }

    private static readonly int[] Years = [.. ReportingYears.DataYears];

    private static readonly int[] Quarters = [1, 2, 3, 4];

    private YearQuarter _period;
    private Ministry _ministry;
    private List<Ministry> _ministries = [];
    private EntrySheet? _sheet;
    private Dictionary<CellKey, CellDraft> _drafts = [];
    private Dictionary<CellKey, string> _serverErrors = [];
    private List<EditConflict> _conflicts = [];
    private string? _reason;
    private string? _message;
    private bool _jumpsConfirmed;
    private bool _busy;
    private HashSet<CellKey> _pointed = [];
    private HashSet<string> _folded = [];
    private string? _focusAfterRender;

    private int ChangedCount => _drafts.Values.Count(d => d.IsDirty);
    private bool HasChanges => ChangedCount > 0;
    private bool HasJumpWarnings => _sheet?.Sections.Any(s => _drafts.Values.Any(d => d.Key.IndicatorCode == s.Code && s.JumpWarning(Rules, d) is not null)) == true;

    /// <summary>Every message about a cell of the sheet, for the list and the section index (<see cref="EntryCellMessages"/>).</summary>
    private IReadOnlyList<EntryCellMessage> Messages => _sheet is null ? [] : EntryCellMessages.All(_sheet, _drafts, Rules, _serverErrors, Localizer);

    private string PreviousLabel => Localizer["EntryAid.PreviousColumn", _period.Previous().Roman, _period.Previous().Year];

    /// <summary>"P3-UMKM-FACILITATED · 35 Jawa Timur · Perempuan", as the list names a cell.</summary>
    private string CellLabel(CellKey key)
    {
        var parts = new List<string> { key.IndicatorCode };
        if (key.ProvinceCode != "")
        {
            parts.Add($"{key.ProvinceCode} {_sheet?.ProvinceNames.GetValueOrDefault(key.ProvinceCode, key.ProvinceCode)}");
        }
        if (key.CountryCode != "")
        {
            parts.Add(_sheet?.CountryNames.GetValueOrDefault(key.CountryCode, key.CountryCode) ?? key.CountryCode);
        }
        if (key.Sex != "")
        {
            parts.Add(Vocabulary.SexLabel(key.Sex, CultureSetup.IsEnglish));
        }
        return string.Join(" · ", parts);
    }

    private void Fold(string code, bool open)
    {
        if (open)
        {
            _folded.Remove(code);
        }
        else
        {
            _folded.Add(code);
        }
    }

    /// <summary>Opens the section of the cell and brings the cell into view with the focus on it.</summary>
    private Task JumpToCellAsync(CellKey key)
    {
        _folded.Remove(key.IndicatorCode);
        _focusAfterRender = EntryCellMessages.ElementId(key);
        StateHasChanged();
        return Task.CompletedTask;
    }

    private Task JumpToSectionAsync(string code)
    {
        _folded.Remove(code);
        _focusAfterRender = EntryCellMessages.SectionId(code);
        StateHasChanged();
        return Task.CompletedTask;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterRender is { } id)
        {
            _focusAfterRender = null;
            await JS.InvokeVoidAsync("monev.jumpTo", id);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var user = MonevClaims.ToAccess((await AuthenticationState).User);
        _ministries = user.ReportingMinistries.ToList();
        if (user.IsInRole(Roles.Verifier) && user.Ministry is { } verified && !_ministries.Contains(verified))
        {
            _ministries.Add(verified);
        }
        _ministry = Enum.TryParse<Ministry>(MinistryQuery, true, out var m) && _ministries.Contains(m) ? m : _ministries.FirstOrDefault(Ministry.Kemendag);
        _period = YearQuarter.FromAddress(YearQuery, QuarterQuery, Clock.CurrentReportingQuarter());
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _sheet = await Entry.GetSheetAsync(_period, _ministry);
        _drafts = [];
        _serverErrors = [];
        _conflicts = [];
        _message = null;
        _reason = null;
        _jumpsConfirmed = false;
        _pointed = [];
    }

    private async Task ChangePeriodAsync(YearQuarter period)
    {
        if (!await ConfirmDiscardAsync())
        {
            return;
        }
        _period = period;
        UpdateUrl();
        await LoadAsync();
    }

    private async Task ChangeMinistryAsync(Ministry ministry)
    {
        if (!await ConfirmDiscardAsync())
        {
            return;
        }
        _ministry = ministry;
        UpdateUrl();
        await LoadAsync();
    }

    private void UpdateUrl() =>
        Navigation.NavigateTo($"/entri?{_period.Address}&kementerian={_ministry}", replace: true);

    private async Task<bool> ConfirmDiscardAsync() =>
        !HasChanges || await JS.InvokeAsync<bool>("confirm", Localizer["Entry.LeaveConfirm"].Value);

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (context.TargetLocation.Contains("/entri?", StringComparison.Ordinal) && context.IsNavigationIntercepted is false)
        {
            return;
        }
        if (!await ConfirmDiscardAsync())
        {
            context.PreventNavigation();
        }
    }

    private async Task SaveAsync() => await SaveEditsAsync(overwrite: []);

    private async Task SaveEditsAsync(HashSet<CellKey> overwrite)
    {
        if (_sheet is null)
        {
            return;
        }
        _message = null;
        var edits = new List<CellEdit>();
        foreach (var section in _sheet.Sections)
        {
            foreach (var draft in _drafts.Values.Where(d => d.Key.IndicatorCode == section.Code && d.IsDirty))
            {
                var (edit, errorKey) = draft.ToEdit(section.IsRatio);
                if (edit is null)
                {
                    _message = Localizer["Entry.FixCells", Localizer[errorKey!]];
                    return;
                }
                edits.Add(overwrite.Contains(edit.Key) ? edit with { Overwrite = true } : edit);
            }
        }
        if (HasJumpWarnings && !_jumpsConfirmed)
        {
            _message = Localizer["Entry.JumpsNeedConfirm"];
            return;
        }
        if (_sheet.ReasonRequired && string.IsNullOrWhiteSpace(_reason))
        {
            _message = Localizer["Entry.ReasonRequired"];
            return;
        }
        _busy = true;
        try
        {
            var result = await Entry.SaveAsync(_period, _ministry, edits, _reason);
            if (result.Saved)
            {
                Snackbar.Add(Localizer["Entry.Saved", result.Inserted, result.Updated, result.Removed], Severity.Success);
                await LoadAsync();
                return;
            }
            _serverErrors = result.Errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
            _conflicts = [.. result.Conflicts];
            _message = result.Errors.Count > 0 ? Localizer["Entry.FixCells", result.Errors[0].Message] : Localizer["Entry.ConflictsFound"];
        }
        catch (UserMessageException ex)
        {
            _message = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadAfterConflictAsync()
    {
        // Keep the user's other edits; take the stored value for the conflicting cells.
        var keep = _drafts.Values.Where(d => d.IsDirty && _conflicts.All(c => c.Key != d.Key)).ToList();
        await LoadAsync();
        foreach (var draft in keep)
        {
            var section = _sheet!.Sections.First(s => s.Code == draft.Key.IndicatorCode);
            _drafts[draft.Key] = new CellDraft(draft.Key, section.Cells.GetValueOrDefault(draft.Key))
            {
                Value = draft.Value, Numerator = draft.Numerator, Denominator = draft.Denominator,
            };
        }
    }

    private Task OverwriteAsync() => SaveEditsAsync([.. _conflicts.Select(c => c.Key)]);

    private async Task RunWorkflowAsync((string Step, string? Reason) request)
    {
        if (_busy)
        {
            // A save or another step is still running; its buttons are disabled until it ends.
            return;
        }
        if (HasChanges && request.Step == "submit")
        {
            Snackbar.Add(Localizer["Entry.SaveBeforeSubmit"], Severity.Warning);
            return;
        }
        _busy = true;
        try
        {
            switch (request.Step)
            {
                case "submit": await Entry.SubmitAsync(_period, _ministry); break;
                case "verify": await Entry.VerifyAsync(_period, _ministry); break;
                case "return": await Entry.ReturnAsync(_period, _ministry, request.Reason ?? "", [.. _pointed]); break;
            }
            Snackbar.Add(Localizer["Entry.Workflow." + request.Step], Severity.Success);
            await LoadAsync();
        }
        catch (UserMessageException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
