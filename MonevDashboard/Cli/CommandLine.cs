using MonevDashboard.Data;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Localization;
using MonevDashboard.Features.Reports;

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
        new("migrate", "migrate", "Creates or migrates the database, seeds reference data (and demo data on a new database), then exits.",
            async (_, services) =>
            {
                await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                var location = services.GetRequiredService<DatabaseLocation>();
                Console.WriteLine($"Database ready: {location.ConnectionString}");
                return 0;
            }),
        new("export", "export --year Y --quarter Q [--out FILE]",
            "Writes the quarterly report workbook (default file: Laporan-Monev-PKS-Y-TWQ.xlsx in the current folder).",
            ExportCommand.RunAsync),
    ];

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
            Args = args.Skip(1).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMonevLocalization();
        builder.Services.AddMonevData(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddDashboardFeature();
        builder.Services.AddReportsFeature();
        using var host = builder.Build();
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
