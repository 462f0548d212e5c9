using Bunit;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.ExcelImport;

public sealed class ImportPreviewPanelTests : MonevTestContext
{
    [Fact]
    public void PreviewShowsTheCountsEveryErrorWithItsCellAndTheChangesOldToNew()
    {
        var preview = new ImportPreview("tw3.xlsx", "ab", 1000, new ImportCounts(3, 1, 1, 0, 1), ImportCounts.None,
            [
                new ImportIssue("Data", 4, 7, "Nilai", "-5", "Rule.Negative", "Nilai tidak boleh negatif (tertulis -5)."),
                new ImportIssue("Data", 1, 12, "Petugas", "Petugas", "Import.UnknownColumn", "Kolom \"Petugas\" di lembar Data tidak dikenal dan diabaikan.", IsWarning: true),
            ],
            [
                new ImportChange("Data", 2, "P4-COORD-MEETINGS", "kegiatan", 2026, 3, "", "", "", 3, 1234.5, RowOutcome.Changed),
                new ImportChange("Data", 3, "P2-INFO-EVENTS", "kegiatan", 2026, 3, "35", "", "", null, 4, RowOutcome.New),
            ], null);

        var panel = Render<ImportPreviewPanel>(p => p.Add(c => c.Preview, preview));

        Assert.Equal("Ditolak: 1", panel.Find("[data-testid=data-counts] [data-count=rejected]").TextContent.Trim());
        Assert.Equal("Berubah: 1", panel.Find("[data-testid=data-counts] [data-count=changed]").TextContent.Trim());
        var error = panel.Find("[data-testid=error-row]");
        Assert.Equal("Nilai tidak boleh negatif (tertulis -5).", error.TextContent.Trim());
        Assert.Contains("G · Nilai", error.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("[data-testid=warning-row]"));
        Assert.Equal(["1.234,5", "4"], panel.FindAll("[data-testid=change-new]").Select(e => e.TextContent.Trim()));
        Assert.Empty(panel.FindAll("[data-testid=target-counts]"));
    }
}
