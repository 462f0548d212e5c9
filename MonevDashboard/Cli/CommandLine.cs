using System.Globalization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
namespace MonevDashboard.Cli;

/// <summary>
/// The command-line verbs of the same executable: `dotnet run --project MonevDashboard -- VERB …`.
/// Each verb builds a small host with the app's own services, so it runs the same code paths as the web app.
/// </summary>
public static class CommandLine
{
    private sealed record Verb(string Name, string Usage, string Description, Func<string[], IServiceProvider, Task<int>> RunAsync);

    private static readonly Verb[] s_verbs =
    [
        new("help", "help", "Lists the verbs.", (_, _) => Task.FromResult(PrintHelp())),
        new("migrate", "migrate [--demo]",
            "Creates or migrates the database and seeds reference data (demo data on a new database only in Development or with --demo), then exits. " +
            "Run it once before starting more than one process.",
            async (_, services) =>
            {
                await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                var location = services.GetRequiredService<DatabaseLocation>();
                Console.WriteLine($"Database ready: {location.ConnectionString}");
                return 0;
            }),
        new("create-admin", "create-admin --email EMAIL",
            "Creates the first Admin account (never demo data). Password from MONEV_ADMIN_PASSWORD or standard input.",
            CreateAdminAsync),
        new("export", "export --year Y --quarter Q [--out FILE]",
            "Writes the quarterly report workbook (default file: Laporan-Monev-PKS-Y-TWQ.xlsx in the current folder).",
            ExportCommand.RunAsync),
        new("template", "template --out FILE", "Writes the Excel import template, generated from the current indicator catalogue.",
            async (args, services) =>
            {
                await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                return await ImportCommands.TemplateAsync(args, services, Console.Out, Console.Error);
            }),
        new("import", "import FILE --as USER_EMAIL [--reason TEXT] [--dry-run]",
            "Imports a workbook like the import page; prints the report and `inserted=N updated=N unchanged=N rejected=N`. " +
            "Exit 0 imported (or clean dry run), 2 file rejected (nothing written), 1 other failure.",
            async (args, services) =>
            {
                await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                return await ImportCommands.ImportAsync(args, services, Console.Out, Console.Error);
            }),
        new("backup", "backup [--out FILE]",
            "Copies the live database consistently, even while the app runs (default data/backups/monev-YYYYMMDD-HHMMSS.db, UTC), " +
            "and checks the copy's integrity. Exit 0 written, 2 refused, 1 failure.",
            (args, services) => DatabaseCommands.BackupAsync(args, services, Console.Out, Console.Error)),
        new("restore", "restore FILE",
            "Replaces the database with a backup (app stopped; integrity and schema version checked; the replaced file is kept " +
            "as monev.db.replaced-YYYYMMDD-HHMMSS). Exit 0 restored, 2 refused (nothing changed), 1 failure.",
            (args, services) => DatabaseCommands.RestoreAsync(args, services, Console.Out, Console.Error)),
        new("disable-demo-accounts", "disable-demo-accounts",
            "Disables the demo accounts that still have the published demo password and removes it (needed before a Production start).",
            (_, services) => DatabaseCommands.DisableDemoAccountsAsync(services, Console.Out)),
        new("bench", "bench [--observations N] [--json FILE]",
            "Measures the performance budgets on a generated database (default 1,000,000 observations) against their floors.",
            BenchCommand.RunAsync),
    ];

    private static async Task<int> CreateAdminAsync(string[] args, IServiceProvider services)
    {
        var email = Option(args, "--email") ?? throw new CommandLineException("Usage: create-admin --email EMAIL (password from MONEV_ADMIN_PASSWORD or standard input)");
        var password = Environment.GetEnvironmentVariable("MONEV_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected)
            {
                Console.Write("Password: ");
            }
            password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n');
        }
        if (string.IsNullOrEmpty(password))
        {
            throw new CommandLineException("No password given: set MONEV_ADMIN_PASSWORD or pipe it on standard input.");
        }
        await services.GetRequiredService<DatabaseInitializer>().InitializeWithoutDemoDataAsync();
        try
        {
            await services.GetRequiredService<Features.Auth.AccountService>().CreateFirstAdminAsync(email, password);
        }
        catch (Features.Auth.AccountException ex)
        {
            throw new CommandLineException(ex.Message);
        }
        Console.WriteLine($"Admin account {email} created.");
        return 0;
    }

    /// <summary>The value after <paramref name="name"/> (e.g. --email x), or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name);

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && s_verbs.Any(v => v.Name == args[0]) || args is ["--help" or "-h", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = s_verbs.FirstOrDefault(v => v.Name == args[0]) ?? s_verbs[0];
        if (verb.Name == "help")
        {
            return PrintHelp();
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = DemoMode.ExpandSwitch([.. args.Skip(1)]),
            ContentRootPath = AppContext.BaseDirectory,
            // `dotnet run` sets ASPNETCORE_ENVIRONMENT from the launch profile: a verb sees the same environment as the app.
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Standard output is the verb's report (its last line is read by scripts and tests): log events go to standard error.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddMonevLocalization();
        builder.Services.AddMonevData(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddMonevDomain();
        builder.Services.AddScoped<CommandLineUser>();
        builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CommandLineUser>());
        // Messages follow the app's default language (Indonesian) and id-ID number formats.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(CultureSetup.FormatCulture);
        using var host = builder.Build();
        // Every verb but restore marks the database in use, so restore cannot swap it underneath.
        using var inUse = verb.Name == "restore" ? null
            : DatabaseFileLocks.HoldInUse(host.Services.GetRequiredService<DatabaseLocation>().ConnectionString);
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            return await verb.RunAsync(args.Skip(1).ToArray(), scope.ServiceProvider);
        }
        catch (CommandLineException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    private static int PrintHelp()
    {
        Console.WriteLine("MonevDashboard — Monev PKS Kemendag–KP2MI");
        Console.WriteLine();
        Console.WriteLine("Usage: dotnet run --project MonevDashboard -- VERB [options]");
        Console.WriteLine("Without a verb the web app starts (http://localhost:5080).");
        Console.WriteLine();
        foreach (var verb in s_verbs)
        {
            Console.WriteLine($"  {verb.Usage,-48} {verb.Description}");
        }
        return 0;
    }
}

/// <summary>A usage error the user can fix; the verb exits with code 2 and the message.</summary>
public sealed class CommandLineException(string message) : Exception(message);
