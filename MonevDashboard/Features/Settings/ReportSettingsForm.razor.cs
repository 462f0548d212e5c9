using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MudBlazor;

namespace MonevDashboard.Features.Settings;

public partial class ReportSettingsForm
{
    [Inject] private SettingsService Settings { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private static readonly (string Key, string Label, string TestId)[] Logos =
    [
        (AppSetting.LogoKemendag, "Settings.LogoKemendag", "kemendag"),
        (AppSetting.LogoKp2mi, "Settings.LogoKp2mi", "kp2mi"),
    ];

    private ReportSettings? _loaded;
    private EditConflictException? _conflict;
    private string? _problem;
    private string _preparer = "";
    private string _approverName = "";
    private string _approverTitle = "";
    private string _reason = "";
    private bool _saving;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _loaded = await Settings.GetReportSettingsAsync();
        _conflict = null;
        (_preparer, _approverName, _approverTitle) = (_loaded.PreparerName, _loaded.ApproverName, _loaded.ApproverTitle);
    }

    private static string ImageSource(byte[] image) =>
        $"data:{LogoImage.Detect(image)?.ContentType ?? "image/png"};base64,{Convert.ToBase64String(image)}";

    /// <summary>
    /// Reads at most one byte more than a logo may have (a file that says it is bigger is refused unread), then lets the
    /// service judge and store it.
    /// </summary>
    private async Task UploadAsync(string key, string label, IBrowserFile? file)
    {
        if (file is null || _loaded is null)
        {
            return;
        }
        await SaveAsync(async () =>
        {
            if (file.Size > LogoImage.MaxBytes)
            {
                throw new UserMessageException(Settings.LogoProblem(file.Size, [])!);
            }
            using var buffer = new MemoryStream();
            try
            {
                await using var stream = file.OpenReadStream(LogoImage.MaxBytes);
                await stream.CopyToAsync(buffer);
            }
            catch (IOException)
            {
                // The browser's stream went past the limit its stated size promised.
                throw new UserMessageException(Settings.LogoProblem(LogoImage.MaxBytes + 1L, [])!);
            }
            await Settings.SaveLogoAsync(key, buffer.ToArray(), _loaded, _reason);
            Snackbar.Add(L["Settings.LogoSaved", L[label]], Severity.Success);
        });
    }

    private Task RemoveAsync(string key, string label) => SaveAsync(async () =>
    {
        await Settings.RemoveLogoAsync(key, _loaded!, _reason);
        Snackbar.Add(L["Settings.LogoRemoved", L[label]], Severity.Success);
    });

    private Task SaveSignatoriesAsync() => SaveAsync(async () =>
    {
        await Settings.SaveSignatoriesAsync(_preparer, _approverName, _approverTitle, _loaded!, _reason);
        Snackbar.Add(L["Settings.SignatoriesSaved"], Severity.Success);
    });

    private async Task SaveAsync(Func<Task> save)
    {
        _saving = true;
        _conflict = null;
        _problem = null;
        try
        {
            await save();
            _reason = "";
            await ReloadAsync();
        }
        catch (EditConflictException ex)
        {
            _conflict = ex;
        }
        catch (UserMessageException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }
}
