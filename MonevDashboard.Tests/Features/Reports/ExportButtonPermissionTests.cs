using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Components.Shared;
using MonevDashboard.Domain.Access;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;
using MudBlazor;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>The export button's server-side handler: it refuses a user without the permission, whatever the markup shows.</summary>
public sealed class ExportButtonPermissionTests : MonevTestContext
{
    private readonly Arranged _arranged;

    public ExportButtonPermissionTests() : this(new Arranged())
    {
    }

    private ExportButtonPermissionTests(Arranged arranged)
        : base(services => services.AddScoped(_ => arranged.Downloads ?? throw new InvalidOperationException("Arrange first.")))
        => _arranged = arranged;

    private sealed class Arranged
    {
        public DownloadService? Downloads { get; set; }
    }

    private async Task<(TestDatabase Database, AsyncServiceScope Scope)> ArrangeAsync(UserAccess user)
    {
        var database = await TestDatabase.CreateAsync();
        var scope = database.Scope(user);
        _arranged.Downloads = database.Get<DownloadService>(scope);
        return (database, scope);
    }

    private IRenderedComponent<ExportButton> RenderButton(Func<Task> onExport) =>
        Render<ExportButton>(p => p
            .Add(c => c.FileName, "Katalog-Indikator-2026-TW3.xlsx")
            .Add(c => c.Kind, DownloadKind.GridExport)
            .Add(c => c.Filters, "Triwulan III 2026")
            .Add(c => c.Export, (stream, _, _) => onExport()));

    private static async Task<int> DownloadEntryCountAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        return await db.AuditEntries.CountAsync(a => a.Action == DownloadService.AuditAction);
    }

    [Fact]
    public async Task AUserWithoutThePermissionClickingExportGetsAMessageAndNoFileAndNoAuditEntry()
    {
        var (database, scope) = await ArrangeAsync(new UserAccess("tanpa.peran@monev.go.id", new HashSet<string>(), null));
        await using var _ = database;
        await using var __ = scope;
        var exported = false;
        var button = RenderButton(() => { exported = true; return Task.CompletedTask; });

        await button.Find("button").ClickAsync(new());

        var snackbar = Services.GetRequiredService<ISnackbar>();
        button.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => (s.Message ?? "").Contains("tidak berwenang", StringComparison.Ordinal)));
        Assert.False(exported);
        Assert.Equal(0, await DownloadEntryCountAsync(database));
    }

    [Fact]
    public async Task AViewerClickingExportGetsTheFileAndLeavesOneAuditEntry()
    {
        var (database, scope) = await ArrangeAsync(TestUser.As("viewer@monev.go.id", Roles.Viewer));
        await using var _ = database;
        await using var __ = scope;
        var exported = 0;
        var button = RenderButton(() => { Interlocked.Increment(ref exported); return Task.CompletedTask; });

        await button.Find("button").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Equal("false", button.Find(".export-button").GetAttribute("data-running")));
        Assert.Equal(1, exported);
        Assert.Equal(1, await DownloadEntryCountAsync(database));
        Assert.Empty(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }
}
