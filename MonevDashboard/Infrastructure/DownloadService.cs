using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Infrastructure;

/// <summary>What is downloaded: its kind, the file's name, the filters it was taken with (as the user reads them),
/// and the quarter it concerns if any.</summary>
public sealed record DownloadRequest(DownloadKind Kind, string FileName, string Filters = "", YearQuarter? Period = null);

/// <summary>
/// Every download of a report or export passes here: the permission is checked on the server
/// (<see cref="AccessPolicy.MayDownload"/>) before a byte is written, and the download is recorded in the audit log
/// ("Download": who, which file, which filters) once the file has been written. Buttons, the import page and the
/// <c>export</c> verb all call it, so no path hands out a file without both.
/// </summary>
public sealed class DownloadService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
{
    public const string AuditAction = "Download";
    public const string AuditEntityType = "File";

    public bool May(DownloadKind kind) => AccessPolicy.MayDownload(guard.User, kind);

    /// <exception cref="AccessDeniedException">when the current user may not take this kind of file.</exception>
    public void Demand(DownloadKind kind)
    {
        if (!May(kind))
        {
            throw new AccessDeniedException(localizer["Access.DeniedOn", localizer["Action.DownloadReports"], localizer["Download.Kind." + kind]]);
        }
    }

    /// <summary>Checks the permission, writes the file with <paramref name="write"/>, then records the download
    /// (unless <paramref name="write"/> returned null: there was no file).</summary>
    /// <exception cref="AccessDeniedException">when the current user may not take this kind of file; nothing is written.</exception>
    public async Task<T> DownloadAsync<T>(DownloadRequest request, Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(write);
        Demand(request.Kind);
        var result = await write(cancellationToken);
        if (result is not null)
        {
            await RecordAsync(request, cancellationToken);
        }
        return result;
    }

    private async Task RecordAsync(DownloadRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = guard.User.UserName,
            Action = AuditAction,
            EntityType = AuditEntityType,
            EntityKey = request.FileName,
            Year = request.Period?.Year,
            Quarter = request.Period?.Quarter,
            NewValues = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["Kind"] = request.Kind.ToString(),
                ["FileName"] = request.FileName,
                ["Filters"] = request.Filters,
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
