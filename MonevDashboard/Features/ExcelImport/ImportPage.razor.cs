using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MonevDashboard.Domain.Access;
using MonevDashboard.Components.Localization;
using MonevDashboard.Components.Shared;
using MonevDashboard.Infrastructure;
using MudBlazor;

namespace MonevDashboard.Features.ExcelImport;

public sealed partial class ImportPage : IDisposable
{
    [Inject]
    private ImportService Importer { get; set; } = null!;

    [Inject]
    private IJSRuntime Js { get; set; } = null!;

    [Inject]
    private DownloadService Downloads { get; set; } = null!;

    [Inject]
    private ILogger<ImportPage> Logger { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    private static readonly IReadOnlyList<NativeSelect.SelectOption> s_yearOptions =
        [.. ReportingYears.DataYears.Select(y => new NativeSelect.SelectOption(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture)))];

    private IReadOnlyList<Ministry> _prefillMinistries = [];
    private Ministry _prefillMinistry;
    private YearQuarter _prefillPeriod;

    private MudFileUpload<IBrowserFile>? _upload;
    private ImportPreview? _preview;
    private ImportResult? _result;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private bool _busy;
    private string? _reason;
    private ImportProgress _progress;
    private CancellationTokenSource? _cancellation;

    protected override void OnInitialized()
    {
        // The ministries whose figures the user may import (Admin: both); the quarter being reported today.
        _prefillMinistries = Importer.PrefilledTemplateMinistries;
        _prefillMinistry = _prefillMinistries.Count > 0 ? _prefillMinistries[0] : default;
        _prefillPeriod = Clock.CurrentReportingQuarter();
    }

    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        Reset();
        _busy = true;
        _cancellation = new CancellationTokenSource();
        var token = _cancellation.Token;
        try
        {
            var max = Importer.Limits.MaxBytes;
            // An upload that says it is too big is refused before a byte is read; one that lies is stopped at the limit.
            await using var stream = file.Size > max ? Stream.Null : file.OpenReadStream(max, token);
            _preview = await Importer.PreviewAsync(stream, file.Name, file.Size, Progress(), token);
            ShowPreviewMessage();
        }
        catch (OperationCanceledException)
        {
            Show(L["Import.Cancelled"], Severity.Info);
        }
        catch (UserMessageException ex)
        {
            Show(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reader turns every bad file into a message; what is left is the upload failing.
            ShowUnexpected(ex, "preview");
        }
        finally
        {
            _busy = false;
            if (_upload is not null)
            {
                await _upload.ClearAsync();
            }
        }
    }

    private void ShowPreviewMessage()
    {
        if (_preview is null)
        {
            return;
        }
        if (_preview.HasErrors)
        {
            Show(L["Import.HasErrors", FigureFormatter.Number(_preview.ErrorCount)], Severity.Error);
        }
        else if (!_preview.HasChanges)
        {
            Show(L["Import.NothingToChange"], Severity.Info);
        }
        else
        {
            Show(L["Import.ReadyToCommit"], Severity.Success);
        }
    }

    private async Task CommitAsync()
    {
        if (_preview is null)
        {
            return;
        }
        _busy = true;
        _progress = new ImportProgress(ImportStage.Commit, 0, 0);
        try
        {
            _result = await Importer.CommitAsync(_preview, Progress(), _reason);
            _reason = null;
            var preview = _preview;
            _preview = null;
            string committed = L["Import.Committed", _result.BatchId ?? 0, preview.Observations.New, preview.Observations.Changed,
                preview.Observations.Unchanged, preview.Targets.New + preview.Targets.Changed];
            if (_result.FollowUpFailedReference is { } reference)
            {
                // The figures are in: say so, and what did not happen afterwards.
                Show(committed + " " + L["Import.CommittedFollowUpFailed", reference], Severity.Warning);
            }
            else
            {
                Show(committed, Severity.Success);
            }
        }
        catch (UserMessageException ex)
        {
            Show(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The transaction has rolled back: nothing of the file was written.
            ShowUnexpected(ex, "commit");
        }
        finally
        {
            _busy = false;
        }
    }

    private Task DownloadTemplateAsync() =>
        DownloadWorkbookAsync(ImportService.TemplateFileName, busy: false,
            () => Downloads.DownloadAsync(new DownloadRequest(DownloadKind.ImportTemplate, ImportService.TemplateFileName),
                ct => Importer.TemplateAsync(ct)));

    private Task DownloadPrefilledTemplateAsync()
    {
        var (ministry, period) = (_prefillMinistry, _prefillPeriod);
        var fileName = ImportService.PrefilledTemplateFileName(ministry, period);
        return DownloadWorkbookAsync(fileName, busy: true,
            () => Downloads.DownloadAsync(new DownloadRequest(DownloadKind.ImportTemplate, fileName, L["Owner." + ministry], period),
                ct => Importer.PrefilledTemplateAsync(ministry, period, ct)));
    }

    /// <summary>Writes a workbook and hands it to the browser; whatever fails becomes a message and the page goes on.</summary>
    private async Task DownloadWorkbookAsync(string fileName, bool busy, Func<Task<byte[]>> write)
    {
        _busy |= busy;
        try
        {
            await DownloadAsync(fileName, await write());
        }
        catch (OperationCanceledException)
        {
            Show(L["Import.Cancelled"], Severity.Info);
        }
        catch (UserMessageException ex)
        {
            Show(ex.Message, Severity.Error);
        }
#pragma warning disable CA1031 // The boundary of a user action: any failure becomes a message, not a broken circuit.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            ShowDownloadFailed(ex, fileName);
        }
        finally
        {
            if (busy)
            {
                _busy = false;
            }
        }
    }

    private async Task DownloadAnnotatedAsync()
    {
        if (_preview is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var preview = _preview;
            var copy = await Downloads.DownloadAsync(
                new DownloadRequest(DownloadKind.AnnotatedWorkbook, preview.AnnotatedFileName, preview.FileName),
                ct => Task.Run(() => Importer.AnnotatedWorkbook(preview), ct));
            if (copy is null)
            {
                Show(L["Import.AnnotationUnavailable"], Severity.Warning);
                return;
            }
            await DownloadAsync(preview.AnnotatedFileName, copy.Bytes);
            if (copy.RebuiltReference is { } reference)
            {
                Show(L["Import.AnnotationRebuilt", reference], Severity.Warning);
            }
        }
        catch (OperationCanceledException)
        {
            Show(L["Import.Cancelled"], Severity.Info);
        }
        catch (UserMessageException ex)
        {
            Show(ex.Message, Severity.Error);
        }
#pragma warning disable CA1031 // The boundary of a user action: whatever fails, the user reads a message and the page goes on.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            ShowDownloadFailed(ex, _preview?.AnnotatedFileName ?? "");
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>A download that failed after the file was made (recording it, handing it to the browser): a message with a reference.</summary>
    private void ShowDownloadFailed(Exception ex, string fileName)
    {
        var reference = UnexpectedErrorReference.New();
        Logger.LogError(ex, "Download of {FileName} from the import page failed (reference {ErrorReference})", fileName, reference);
        Show(L["Import.DownloadFailed", reference], Severity.Error);
    }

    private async Task DownloadAsync(string fileName, byte[] bytes)
    {
        using var content = new DotNetStreamReference(new MemoryStream(bytes));
        await Js.InvokeVoidAsync("monev.downloadFromStream", fileName, content);
    }

    private void Cancel() => _cancellation?.Cancel();

    private void Discard()
    {
        Reset();
        _message = null;
    }

    private void Reset()
    {
        _preview = null;
        _result = null;
        _message = null;
        _progress = new ImportProgress(ImportStage.Upload, 0, 0);
        _cancellation?.Dispose();
        _cancellation = null;
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }

    /// <summary>A failure no message was written for: the user reads a reference, never the exception; the log holds both.</summary>
    private void ShowUnexpected(Exception ex, string step)
    {
        var reference = UnexpectedErrorReference.New();
        Logger.LogError(ex, "Import {Step} failed on the import page; nothing written (reference {ErrorReference})", step, reference);
        Show(L["Import.FailedNothingWritten", reference], Severity.Error);
    }

    /// <summary>Reports arrive on the circuit's context; the page re-renders only when the shown percentage moves.</summary>
    private Progress<ImportProgress> Progress() => new(p =>
    {
        var changed = p.Stage != _progress.Stage || Math.Floor(p.Percent) != Math.Floor(_progress.Percent);
        _progress = p;
        if (changed)
        {
            StateHasChanged();
        }
    });

    public void Dispose() => _cancellation?.Dispose();
}
