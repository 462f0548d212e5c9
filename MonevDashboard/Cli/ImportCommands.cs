using System.Globalization;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Localization;

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
    public const int Imported = 0;
    public const int Failed = 1;
    public const int Rejected = 2;

    private const int ListedIssues = 200;
    private const int ListedChanges = 50;

    /// <summary><c>template --out FILE</c>: writes the import template generated from the current catalogue.</summary>
    public static async Task<int> TemplateAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var path = Option(args, "--out") ?? Option(args, "-o");
        if (string.IsNullOrWhiteSpace(path))
        {
            await error.WriteLineAsync("Usage: template --out FILE.xlsx");
            return Failed;
        }
        var bytes = await services.GetRequiredService<ImportService>().TemplateAsync();
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes);
        await output.WriteLineAsync($"Template written: {full} ({bytes.Length.ToString("N0", FigureFormatter.Culture)} byte)");
        return Imported;
    }

    /// <summary>
    /// <c>import FILE --as USER_EMAIL [--reason TEXT] [--dry-run]</c>: previews the file as that user, commits it
    /// unless it is a dry run, prints the report and ends with one line <c>inserted=N updated=N unchanged=N rejected=N</c>.
    /// A file imported by nobody is refused, and so is one that changes submitted or verified figures without
    /// <c>--reason</c> (the entry grid's rule). Exit code 0 when imported (or a clean dry run), 2 when the file is
    /// rejected (nothing written), 1 on any other failure.
    /// </summary>
    public static async Task<int> ImportAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith('-') && !IsOptionValue(args, a));
        if (file is null)
        {
            await error.WriteLineAsync("Usage: import FILE.xlsx --as USER_EMAIL [--reason TEXT] [--dry-run]");
            return Failed;
        }
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"File not found: {file}");
            return Failed;
        }
        var dryRun = args.Contains("--dry-run");
        var reason = Option(args, "--reason");
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (Option(args, "--as") is not { Length: > 0 } email)
        {
            await error.WriteLineAsync(localizer["Cli.AsRequired"]);
            return Rejected;
        }
        {
            if (services.GetRequiredService<ICurrentUser>() is not CommandLineUser user)
            {
                await error.WriteLineAsync("--as is not available in this host.");
                return Failed;
            }
            var access = await CommandLineUser.AccessForAsync(services, email);
            if (access is null)
            {
                await error.WriteLineAsync($"No active account with the e-mail {email}.");
                return Failed;
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
                return Rejected;
            }
            if (preview.Workflow.ReasonRequired && string.IsNullOrWhiteSpace(reason))
            {
                await output.WriteLineAsync(importer.ReasonRequiredMessage(preview));
                await output.WriteLineAsync(localizer["Cli.ReasonOption"]);
                await output.WriteLineAsync(localizer["Cli.Rejected"]);
                await output.WriteLineAsync(ImportSummary.Line(preview.Observations, preview.Targets));
                return Rejected;
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
            return Imported;
        }
        catch (Exception ex) when (ex is AccessDeniedException or ImportConflictException or ImportRefusedException or ImportFailedException)
        {
            await error.WriteLineAsync(ex.Message);
            return Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"Import failed, nothing was written: {ex.Message}");
            return Failed;
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
        var period = change.Quarter == 0 ? change.Year.ToString(CultureInfo.InvariantCulture) : $"TW {Roman(change.Quarter)} {change.Year}";
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

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        if (index >= 0 && index + 1 < args.Length)
        {
            return args[index + 1];
        }
        var inline = args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal));
        return inline?[(name.Length + 1)..];
    }

    private static bool IsOptionValue(string[] args, string arg)
    {
        var index = Array.IndexOf(args, arg);
        return index > 0 && args[index - 1] is "--as" or "--reason" or "--out" or "-o";
    }
}
