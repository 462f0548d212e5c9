using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.AuditLog;

/// <summary>
/// Issue #16 item 12 on the audit page itself: a real import's entry names its fields in words ("Nama berkas",
/// "Sidik berkas (SHA-256)", "Baris dibaca"), never as the code spells them, and the figure whose value a second
/// import changed reads "Nilai diubah".
/// </summary>
public sealed class AuditLogPageTests() : MonevTestContext(Register)
{
    private static ImportHarness? s_harness;
    private static AsyncServiceScope s_scope;

    // bUnit needs its services before the first render, so the database and its entries are made here, once.
    private static void Register(IServiceCollection services)
    {
        ImportHarness.UseIndonesian();
        s_harness ??= Arrange().GetAwaiter().GetResult();
        s_scope = s_harness.Database.Scope(ImportHarness.Admin);
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<AuditQueryService>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<GridExport>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<DownloadService>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }

    private static async Task<ImportHarness> Arrange()
    {
        var harness = await ImportHarness.CreateAsync();
        await harness.ImportAsync(DataWorkbook(Row("P1-PMI-TRAINED", 2026, 3, "35", null, null, 10)), "tw3-awal.xlsx");
        await harness.ImportAsync(DataWorkbook(Row("P1-PMI-TRAINED", 2026, 3, "35", null, null, 12)), "tw3-revisi.xlsx");
        return harness;
    }

    [Fact]
    public void TheAuditPageNamesFieldsInWordsAndLabelsAValueChangeAsOne()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-action][data-action=Import]")), TimeSpan.FromSeconds(30));
        var grid = page.Find("[data-testid=audit-grid]").TextContent;
        Assert.Contains("Nama berkas", grid, StringComparison.Ordinal);
        Assert.Contains("Sidik berkas (SHA-256)", grid, StringComparison.Ordinal);
        Assert.Contains("Baris dibaca", grid, StringComparison.Ordinal);
        foreach (var code in new[] { "FileName", "Sha256", "RowsRead", "TargetsWritten" })
        {
            Assert.DoesNotContain(code, grid, StringComparison.Ordinal);
        }
        var valueChange = Assert.Single(page.FindAll("[data-testid=audit-action][data-action=Update]"));
        Assert.Equal("Nilai diubah", valueChange.TextContent);
        Assert.DoesNotContain(page.FindAll("[data-testid=audit-action]"), a => a.TextContent == "Status diubah");
    }
}
