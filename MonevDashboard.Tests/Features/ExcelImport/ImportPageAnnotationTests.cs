using MonevDashboard.Infrastructure;
using MonevDashboard.Domain.Access;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Reports;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// Issue #16: the annotated copy of a refused file must never end the circuit. A file whose own parts cannot be
/// rewritten gets a copy rebuilt from the rows read and a message saying so, with a reference; the preview stays,
/// and the page goes on: the next file (written as openpyxl writes) is read and its annotated copy downloads.
/// </summary>
public sealed class ImportPageAnnotationTests() : MonevTestContext(Register)
{
    private static TestDatabase? s_db;
    private static AsyncServiceScope s_scope;

    // bUnit needs its services before the first render, so the database is made here, synchronously, once.
    private static void Register(IServiceCollection services)
    {
        s_db ??= TestDatabase.CreateAsync().GetAwaiter().GetResult();
        s_scope = s_db.Scope(ImportHarness.Admin);
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<ImportService>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<DownloadService>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<AccessGuard>());
    }

    [Fact]
    public void AnAnnotatedCopyThatCannotBeWrittenInPlaceIsRebuiltWithAMessageAndThePageGoesOn()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<ImportPage>();
        var message = "[data-testid=import-message]";

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(CraftedWorkbooks.Write(CraftedWorkbooks.ExcelWithBrokenNotes), "catatan-rusak.xlsx"));
        page.WaitForAssertion(() => Assert.Contains("Berkas ditolak", page.Find(message).TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var errors = page.FindAll("[data-testid=error-row]").Count;
        Assert.True(errors > 0);
        page.Find("[data-testid=download-annotated]").Click();
        page.WaitForAssertion(() =>
        {
            // The copy is rebuilt from the rows read, downloaded, and the page says what it is, with a reference.
            var text = page.Find(message).TextContent;
            Assert.Contains("dibuat ulang dari baris yang terbaca", text, StringComparison.Ordinal);
            Assert.Matches("Nomor rujukan: [0-9A-F]{8}", text);
            var download = Assert.Single(JSInterop.Invocations, i => i.Identifier == "monev.downloadFromStream");
            Assert.Equal("catatan-rusak-kesalahan.xlsx", download.Arguments[0]);
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(errors, page.FindAll("[data-testid=error-row]").Count);

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(CraftedWorkbooks.Write(CraftedWorkbooks.Openpyxl), "dari-pandas.xlsx"));
        page.WaitForAssertion(() => Assert.Contains("Berkas ditolak", page.Find(message).TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        page.Find("[data-testid=download-annotated]").Click();
        page.WaitForAssertion(() =>
        {
            var downloads = JSInterop.Invocations.Where(i => i.Identifier == "monev.downloadFromStream").ToList();
            Assert.Equal(2, downloads.Count);
            Assert.Equal("dari-pandas-kesalahan.xlsx", downloads[1].Arguments[0]);
        }, TimeSpan.FromSeconds(30));
    }
}
