using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Cli;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Reports;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>Every download is checked on the server and leaves one audit entry that reads as a download under Jejak Audit.</summary>
public sealed class DownloadPermissionTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_noRole = new("tanpa.peran@monev.go.id", new HashSet<string>(), null);

    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        _db = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static UserAccess As(string role) =>
        TestUser.As(role.ToLowerInvariant() + "@monev.go.id", role, role == Roles.Verifier ? Ministry.Kp2mi : null);

    private async Task<List<AuditEntry>> DownloadEntriesAsync()
    {
        await using var db = _db.OpenContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == DownloadService.AuditAction).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Takes a report as <paramref name="user"/> the way the Reports page does; true when a file was written.</summary>
    private async Task<bool> DownloadReportAsync(UserAccess user, DownloadKind kind = DownloadKind.QuarterlyReport)
    {
        await using var scope = _db.Scope(user);
        var reports = _db.Get<ReportService>(scope);
        using var file = new MemoryStream();
        await _db.Get<DownloadService>(scope).DownloadAsync(new DownloadRequest(kind, ReportService.FileName(s_q3), "TW III 2026", s_q3),
            ct => reports.WriteQuarterlyReportAsync(file, s_q3, cancellationToken: ct));
        return file.Length > 0;
    }

    [Theory]
    [InlineData(DownloadKind.QuarterlyReport)]
    [InlineData(DownloadKind.GridExport)]
    [InlineData(DownloadKind.AuditLog)]
    [InlineData(DownloadKind.ImportTemplate)]
    [InlineData(DownloadKind.AnnotatedWorkbook)]
    public async Task AnAccountWithoutARoleIsRefusedEveryKindOfDownloadBeforeAByteIsWritten(DownloadKind kind)
    {
        var written = false;
        await using var scope = _db.Scope(s_noRole);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<DownloadService>(scope).DownloadAsync(
            new DownloadRequest(kind, "berkas.xlsx"), _ => Task.FromResult(written = true)));

        Assert.False(written);
        Assert.Contains("tidak berwenang untuk mengunduh laporan", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await DownloadEntriesAsync());
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.OperatorKemendag)]
    [InlineData(Roles.OperatorKp2mi)]
    [InlineData(Roles.Verifier)]
    [InlineData(Roles.Pimpinan)]
    [InlineData(Roles.Viewer)]
    public async Task EveryRoleThatReadsMayDownloadTheReportAndLeavesExactlyOneAuditEntry(string role)
    {
        var user = As(role);

        Assert.True(await DownloadReportAsync(user));

        var entry = Assert.Single(await DownloadEntriesAsync());
        Assert.Equal(user.UserName, entry.UserName);
        Assert.Equal(DownloadService.AuditEntityType, entry.EntityType);
        Assert.Equal("Laporan-Monev-PKS-2026-TW3.xlsx", entry.EntityKey);
        Assert.Equal(2026, entry.Year);
        Assert.Equal(3, entry.Quarter);
        Assert.Contains("\"Kind\":\"QuarterlyReport\"", entry.NewValues, StringComparison.Ordinal);
        Assert.Contains("TW III 2026", entry.NewValues, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.OperatorKemendag, false)]
    [InlineData(Roles.Verifier, true)]
    [InlineData(Roles.Pimpinan, true)]
    [InlineData(Roles.Admin, true)]
    public async Task OnlyThoseWhoMayReadTheAuditLogMayExportIt(string role, bool allowed)
    {
        await using var scope = _db.Scope(As(role));
        var downloads = _db.Get<DownloadService>(scope);
        Task Export() => downloads.DownloadAsync(new DownloadRequest(DownloadKind.AuditLog, "Jejak-Audit.xlsx", "Semua entri"), _ => Task.FromResult(1));

        if (allowed)
        {
            await Export();
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(Export);
        }
        Assert.Equal(allowed ? 1 : 0, (await DownloadEntriesAsync()).Count);
        Assert.Equal(allowed, AccessPolicy.MayDownload(As(role), DownloadKind.AuditLog));
    }

    [Fact]
    public void ImportWorkbooksAreForThoseWhoMayImport()
    {
        Assert.True(AccessPolicy.MayDownload(As(Roles.OperatorKp2mi), DownloadKind.ImportTemplate));
        Assert.True(AccessPolicy.MayDownload(As(Roles.Admin), DownloadKind.AnnotatedWorkbook));
        Assert.False(AccessPolicy.MayDownload(As(Roles.Viewer), DownloadKind.ImportTemplate));
        Assert.False(AccessPolicy.MayDownload(As(Roles.Pimpinan), DownloadKind.AnnotatedWorkbook));
        Assert.True(AccessPolicy.MayDownload(As(Roles.Viewer), DownloadKind.GridExport));
    }

    [Fact]
    public async Task ADownloadReadsAsADownloadUnderJejakAuditAndCanBeFilteredByThatAction()
    {
        await DownloadReportAsync(As(Roles.Viewer));

        await using var scope = _db.Scope(As(Roles.Pimpinan));
        var audit = _db.Get<AuditQueryService>(scope);
        var page = await audit.GetPageAsync(new AuditFilter { Action = "Download" }, AuditSort.NewestFirst, 0, 25);
        var options = await audit.GetFilterOptionsAsync();

        var row = Assert.Single(page.Rows);
        Assert.Equal("Diunduh", row.ActionLabel);
        Assert.Equal("Berkas unduhan", row.EntityLabel);
        Assert.Contains("Laporan-Monev-PKS-2026-TW3.xlsx", row.KeyText, StringComparison.Ordinal);
        Assert.Contains("Jenis: laporan triwulan", row.ChangesText, StringComparison.Ordinal);
        Assert.Contains("Filter: TW III 2026", row.ChangesText, StringComparison.Ordinal);
        Assert.Contains("Download", options.Actions);
    }

    [Fact]
    public async Task TheExportVerbRecordsTheReportItWrote()
    {
        var path = Path.Combine(Path.GetTempPath(), $"monev-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using var scope = _db.Scope(UserAccess.System);
            Assert.Equal(0, await ExportCommand.RunAsync(new ExportCommand.Arguments(2026, 3, path), scope.ServiceProvider, TextWriter.Null));

            var entry = Assert.Single(await DownloadEntriesAsync());
            Assert.Equal(Path.GetFileName(path), entry.EntityKey);
            Assert.Equal("system", entry.UserName);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
