using System.Globalization;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Components.Localization;
namespace MonevDashboard.Cli;

/// <summary>
/// The acting user of a command-line verb: "system" unless <c>--as</c> names someone.
/// </summary>
public sealed class CommandLineUser : ICurrentUser
{
    public UserAccess Access { get; set; } = UserAccess.System;

    /// <summary>
    /// The rights of <c>--as USER_EMAIL</c>: the account's real roles and ministry, exactly as if that person had
    /// signed in; null when there is no such active account.
    /// </summary>
    public static async Task<UserAccess?> AccessForAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<MonevUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled)
        {
            return null;
        }
        var principal = await services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<MonevUser>>().CreateAsync(user);
        return MonevClaims.ToAccess(principal);
    }
}

/// <summary>The <c>template</c> and <c>import</c> verbs: the same pipeline as the import page.</summary>
public static class ImportCommands
{
    /// <summary>What <c>import</c> was asked: the workbook, the acting account, the reason and whether only to try.</summary>
    public sealed record Arguments(string File, string? As, string? Reason, bool DryRun);

    private const int ListedIssues = 200;
    private const int ListedChanges = 50;

    /// <summary><c>template --out FILE</c>: writes the import template generated from the current catalogue.</summary>
    public static async Task<int> TemplateAsync(string path, IServiceProvider services, TextWriter output)
    {
        var bytes = await services.GetRequiredService<ImportService>().TemplateAsync();
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes);
        await output.WriteLineAsync($"Templat ditulis: {full} ({bytes.Length.ToString("N0", FigureFormatter.Culture)} byte)");
        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>import FILE --as USER_EMAIL [--reason TEXT] [--dry-run]</c>: previews the file as that user, commits it
    /// unless it is a dry run, prints the report and ends with one line <c>inserted=N updated=N unchanged=N rejected=N</c>.
    /// A file imported by nobody is refused, and so is one that changes submitted or verified figures without
    /// <c>--reason</c> (the entry grid's rule). Exit codes: <see cref="ExitCodes"/>; a rejected file is refused input.
    /// </summary>
    public static async Task<int> ImportAsync(Arguments arguments, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (file, email, reason, dryRun) = arguments;
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"Berkas tidak ditemukan: {file}");
            return ExitCodes.Refused;
        }
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (email is not { Length: > 0 })
        {
            await error.WriteLineAsync(localizer["Cli.AsRequired"]);
            return ExitCodes.Refused;
        }
        {
            if (services.GetRequiredService<ICurrentUser>() is not CommandLineUser user)
            {
                await error.WriteLineAsync("--as tidak tersedia di host ini.");
                return ExitCodes.Failure;
            }
            var access = await CommandLineUser.AccessForAsync(services, email);
            if (access is null)
            {
                await error.WriteLineAsync($"Tidak ada akun aktif dengan e-mail {email}. Tidak ada yang disimpan.");
                return ExitCodes.Refused;
            }
            user.Access = access;
        }
        var importer = services.GetRequiredService<ImportService>();
        try
        {
            ImportPreview preview;
            await using (var stream = File.OpenRead(file))
            {
                preview = await importer.PreviewAsync(stream, Path.GetFileName(file), stream.Length, cancellationToken: cancellationToken);
            }
            await PrintPreviewAsync(output, preview, services.GetRequiredService<ICurrentUser>().UserName, localizer);
            if (preview.HasErrors)
            {
                await output.WriteLineAsync(localizer["Cli.Rejected"]);
                await output.WriteLineAsync(ImportSummary.Line(preview.Observations, preview.Targets));
                return ExitCodes.Refused;
            }
            if (preview.Workflow.ReasonRequired && string.IsNullOrWhiteSpace(reason))
            {
                await output.WriteLineAsync(importer.ReasonRequiredMessage(preview));
                await output.WriteLineAsync(localizer["Cli.ReasonOption"]);
                await output.WriteLineAsync(localizer["Cli.Rejected"]);
                await output.WriteLineAsync(ImportSummary.Line(preview.Observations, preview.Targets));
                return ExitCodes.Refused;
            }
            if (dryRun)
            {
                await output.WriteLineAsync(localizer["Cli.DryRun"]);
            }
            else if (!preview.HasChanges)
            {
                await output.WriteLineAsync(localizer["Import.NothingToChange"]);
            }
            else
            {
                var result = await importer.CommitAsync(preview, reason: reason, cancellationToken: cancellationToken);
                await output.WriteLineAsync(localizer["Cli.Committed", result.BatchId ?? 0]);
                if (result.FollowUpFailedReference is { } reference)
                {
                    await error.WriteLineAsync(localizer["Import.CommittedFollowUpFailed", reference]);
                }
            }
            await output.WriteLineAsync(ImportSummary.Line(preview.Observations, preview.Targets));
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is AccessDeniedException or ImportRefusedException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is ImportConflictException or ImportFailedException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"Impor gagal, tidak ada yang disimpan: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task PrintPreviewAsync(TextWriter output, ImportPreview preview, string userName, IStringLocalizer localizer)
    {
        await output.WriteLineAsync(localizer["Cli.File", preview.FileName, preview.SizeBytes.ToString("N0", FigureFormatter.Culture), preview.Sha256]);
        await output.WriteLineAsync(localizer["Cli.User", userName]);
        await output.WriteLineAsync(Counts(localizer["Import.DataSheet"], preview.Observations, localizer));
        if (preview.Targets.Read > 0)
        {
            await output.WriteLineAsync(Counts(localizer["Import.TargetSheet"], preview.Targets, localizer));
        }
        await PrintIssuesAsync(output, localizer["Import.Errors"], [.. preview.Errors], localizer);
        await PrintIssuesAsync(output, localizer["Import.Warnings"], [.. preview.Warnings], localizer);
        if (preview.Workflow.ChangesSubmittedFigures || preview.Workflow.Reopens.Count > 0)
        {
            await output.WriteLineAsync($"{localizer["Import.WorkflowTitle"]}:");
            foreach (var ministry in preview.Workflow.Ministries)
            {
                await output.WriteLineAsync("  " + localizer["Import.WorkflowMinistry", localizer["Owner." + ministry.Ministry], ministry.Submitted, ministry.Verified]);
            }
            foreach (var change in preview.SubmittedChanges.Take(ListedChanges))
            {
                await output.WriteLineAsync($"  {ChangeLine(change, localizer)} ({localizer["ObservationStatus." + change.OldStatus]})");
            }
            if (preview.Workflow.Reopens.Count > 0)
            {
                await output.WriteLineAsync("  " + localizer["Import.WorkflowReopen",
                    string.Join(", ", preview.Workflow.Reopens.Select(r => $"{localizer["Owner." + r.Ministry]} {r.Period} ({localizer["Submission." + r.Status]})"))]);
            }
        }
        if (preview.Changes.Count > 0)
        {
            await output.WriteLineAsync($"{localizer["Import.Changes"]} ({preview.Changes.Count.ToString("N0", FigureFormatter.Culture)}):");
            foreach (var change in preview.Changes.Take(ListedChanges))
            {
                await output.WriteLineAsync($"  {ChangeLine(change, localizer)}");
            }
            if (preview.Changes.Count > ListedChanges)
            {
                await output.WriteLineAsync($"  … +{(preview.Changes.Count - ListedChanges).ToString("N0", FigureFormatter.Culture)}");
            }
        }
    }

    private static string ChangeLine(ImportChange change, IStringLocalizer localizer)
    {
        var where = string.Join(" ", new[] { change.Province, change.Country, change.Sex }.Where(s => s.Length > 0));
        var period = change.Quarter == 0 ? change.Year.ToString(CultureInfo.InvariantCulture) : new YearQuarter(change.Year, change.Quarter).ToString();
        return $"{change.Sheet} {localizer["Annotated.Row"]} {change.Row}: {change.IndicatorCode} {period} {where}: " +
            $"{FigureFormatter.Number(change.OldValue)} → {FigureFormatter.Number(change.NewValue)}";
    }

    private static async Task PrintIssuesAsync(TextWriter output, string title, List<ImportIssue> issues, IStringLocalizer localizer)
    {
        if (issues.Count == 0)
        {
            return;
        }
        await output.WriteLineAsync($"{title} ({issues.Count.ToString("N0", FigureFormatter.Culture)}):");
        foreach (var issue in issues.Take(ListedIssues))
        {
            var where = issue.Row == 0 ? issue.Sheet
                : issue.CellAddress.Length > 0 ? $"{issue.Sheet}!{issue.CellAddress}"
                : $"{issue.Sheet}, {localizer["Annotated.Row"].Value.ToLowerInvariant()} {issue.Row}";
            var what = issue.Value.Length > 0 ? $" {issue.ColumnName} \"{issue.Value}\"" : issue.ColumnName.Length > 0 ? $" {issue.ColumnName}" : "";
            await output.WriteLineAsync($"  {where}{what} — {issue.Message}".Replace("   ", " ", StringComparison.Ordinal));
        }
        if (issues.Count > ListedIssues)
        {
            await output.WriteLineAsync($"  … +{(issues.Count - ListedIssues).ToString("N0", FigureFormatter.Culture)}");
        }
    }

    private static string Counts(string sheet, ImportCounts counts, IStringLocalizer localizer) =>
        $"{sheet}: {localizer["Import.Count.Read"]} {counts.Read} · {localizer["Import.Count.New"]} {counts.New} · " +
        $"{localizer["Import.Count.Changed"]} {counts.Changed} · {localizer["Import.Count.Unchanged"]} {counts.Unchanged} · " +
        $"{localizer["Import.Count.Rejected"]} {counts.Rejected}";

}
