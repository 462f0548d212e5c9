using Microsoft.AspNetCore.Identity;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Data;

/// <summary>
/// Whether this start may seed (and accept) the demo data and its accounts: only when asked — the Development
/// environment asks through appsettings.Development.json, anyone else with <c>--demo</c> or <c>Monev:DemoData=true</c>.
/// A deployment must never carry the password the README publishes.
/// </summary>
public static class DemoMode
{
    public const string Key = "Monev:DemoData";
    public const string Switch = "--demo";

    public static bool IsRequested(IConfiguration configuration) => configuration.GetValue(Key, false);

    /// <summary>Turns the <c>--demo</c> switch into the configuration key the rest of the app reads.</summary>
    public static string[] ExpandSwitch(string[] args) =>
        [.. args.Select(a => a == Switch ? $"--{Key}=true" : a)];

    /// <summary>The active demo accounts that still sign in with the published demo password.</summary>
    public static async Task<IReadOnlyList<MonevUser>> AccountsWithDemoPasswordAsync(UserManager<MonevUser> users)
    {
        var found = new List<MonevUser>();
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(account.Email) is { IsDisabled: false } user
                && await users.CheckPasswordAsync(user, DemoAccounts.Password))
            {
                found.Add(user);
            }
        }
        return found;
    }

    public static string RefusalMessage(IEnumerable<MonevUser> accounts) =>
        $"Refusing to start: this database holds demo accounts that sign in with the demo password published in the README " +
        $"({string.Join(", ", accounts.Select(a => a.Email))}). Stop here and, with the same settings, run " +
        "`create-admin --email YOUR_EMAIL` (if you have no Admin of your own yet), then `disable-demo-accounts`, then start again. " +
        "For a demonstration only, start with --demo (or Monev__DemoData=true).";

    public const string FirstAdminHint =
        "The database has no account yet. Create the first Admin with the same settings: " +
        "`MONEV_ADMIN_PASSWORD='…' dotnet MonevDashboard.dll create-admin --email YOUR_EMAIL` " +
        "(from source: dotnet run --project MonevDashboard -- create-admin --email YOUR_EMAIL).";
}

/// <summary>The start is refused because of demo passwords; already logged with the commands that fix it.</summary>
public sealed class DemoAccountsRefusedException(string message) : InvalidOperationException(message);
