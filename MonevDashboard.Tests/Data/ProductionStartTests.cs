using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonevDashboard.Cli;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Data;

/// <summary>A start in the Production environment seeds no account and refuses the published demo password.</summary>
public sealed class ProductionStartTests : IAsyncLifetime
{
    // On the suite's provider, as every test database.
    private readonly DatabaseLocation _database = AppServer.NewDatabase();

    public Task InitializeAsync() => Task.CompletedTask;

    private sealed class ProductionApp(DatabaseLocation database, bool demo, CapturingLoggerProvider? log = null) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting(DatabaseLocation.ProviderKey, database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:" + DatabaseLocation.ConnectionStringName, database.ConnectionString);
            if (demo)
            {
                builder.UseSetting(DemoMode.Key, "true");
            }
            if (log is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log));
            }
        }
    }

    private static void Start(WebApplicationFactory<Program> app) => _ = app.Services;

    private MonevDbContext Open() => _database.CreateContext();

    [Fact]
    public async Task AProductionStartOnANewDatabaseCreatesNoAccountAndLogsHowToCreateTheFirstAdmin()
    {
        var log = new CapturingLoggerProvider();
        await using (var app = new ProductionApp(_database, demo: false, log))
        {
            Start(app);
        }

        await using var db = Open();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Observations.CountAsync());
        Assert.Equal(14, await db.Indicators.CountAsync());
        Assert.Contains(log.Entries, e => e.EventId.Name == "FirstAdminNeeded" && e.Message.Contains("create-admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProductionStartOnDemoAccountsWithTheDemoPasswordRefusesUntilTheyAreDisabled()
    {
        // An explicit demo in Production is allowed and seeds the demo accounts ...
        await using (var demo = new ProductionApp(_database, demo: true))
        {
            Start(demo);
        }
        await using (var db = Open())
        {
            Assert.Equal(DemoAccounts.All.Count, await db.Users.CountAsync());
        }

        // ... but a normal Production start on that database refuses, and says how to fix it.
        var log = new CapturingLoggerProvider();
        await using (var refused = new ProductionApp(_database, demo: false, log))
        {
            // Program ends the process with exit code 1 here; the test host only sees that it did not start.
            Assert.ThrowsAny<Exception>(() => Start(refused));
        }
        var refusal = Assert.Single(log.Entries, e => e.EventId.Name == "DemoAccountsRefused");
        Assert.Equal(LogLevel.Critical, refusal.Level);
        Assert.Contains("disable-demo-accounts", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("admin@monev.go.id", refusal.Message, StringComparison.Ordinal);

        Assert.Equal(0, await CommandLine.RunAsync(["disable-demo-accounts", $"--{DatabaseLocation.ProviderKey}={_database.Provider}",
            $"--ConnectionStrings:{DatabaseLocation.ConnectionStringName}={_database.ConnectionString}"]));

        await using (var started = new ProductionApp(_database, demo: false))
        {
            Start(started);
        }
        await using (var db = Open())
        {
            Assert.All(await db.Users.ToListAsync(), u => Assert.True(u.IsDisabled && u.PasswordHash is null));
        }
    }

    public async Task DisposeAsync() => await AppServer.DeleteDatabaseAsync(_database);
}
