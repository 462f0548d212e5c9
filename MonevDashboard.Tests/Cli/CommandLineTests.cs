using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Cli;
using MonevDashboard.Data;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Cli;

/// <summary>The verbs run in-process with the same services as the app; they read the database from the environment.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CommandLineCollection
{
    public const string Name = "CommandLine";
}

/// <summary>
/// The verbs on the suite's provider, configured through the environment as an operator configures them: a SQLite file,
/// or (<c>MONEV_TEST_DATABASE=postgres</c>) a fresh PostgreSQL database with <c>Monev__Database=Postgres</c>.
/// </summary>
[Collection(CommandLineCollection.Name)]
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"monev-cli-{Guid.NewGuid():N}.db");
    private DatabaseLocation _location = null!;

    public async Task InitializeAsync()
    {
        _location = TestPostgres.SuiteOnPostgres
            ? new DatabaseLocation(DatabaseProvider.Postgres, await TestPostgres.CreateDatabaseAsync("feat_pg_cli_verbs"))
            : new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={_path};Pooling=False");
        Environment.SetEnvironmentVariable("Monev__Database", _location.Provider.ToString());
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", _location.IsPostgres ? _location.ConnectionString : $"Data Source={_path}");
        Environment.SetEnvironmentVariable("Monev__DemoData", "false");
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("Monev__Database", null);
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", null);
        Environment.SetEnvironmentVariable("Monev__DemoData", null);
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", null);
        SqliteConnection.ClearAllPools();
        if (_location.IsPostgres)
        {
            await TestPostgres.DropDatabaseAsync(_location.ConnectionString);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock", ".migrate.lock" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task HelpListsTheVerbs()
    {
        var (code, output) = await RunAsync("help");

        Assert.Equal(0, code);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
        Assert.Contains("create-admin", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateCreatesAndSeedsANewDatabaseWithoutDemoAccounts()
    {
        var (code, _) = await RunAsync("migrate");

        Assert.Equal(0, code);
        await using var db = Open();
        Assert.Equal(14, await db.Indicators.CountAsync());
        Assert.Equal(38, await db.Provinces.CountAsync());
        Assert.Equal(0, await db.Observations.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task CreateAdminMakesTheFirstAdminWithThePasswordFromTheEnvironment()
    {
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", "Rahasia#2026");

        var (code, output) = await RunAsync("create-admin", "--email", "sekretariat@kemendag.go.id");

        Assert.Equal(0, code);
        Assert.Contains("sekretariat@kemendag.go.id", output, StringComparison.Ordinal);
        await using var db = Open();
        var user = await db.Users.SingleAsync();
        Assert.Equal("sekretariat@kemendag.go.id", user.Email);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select r.Name).ToListAsync();
        Assert.Equal(["Admin"], roles);
    }

    [Fact]
    public async Task CreateAdminCreatesExactlyOneAccountAndNoDemoDataEvenWhenDemoDataIsAsked()
    {
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", "Rahasia#2026");

        var (code, _) = await RunAsync("create-admin", "--email", "sekretariat@kemendag.go.id", "--demo");

        Assert.Equal(0, code);
        await using var db = Open();
        Assert.Equal("sekretariat@kemendag.go.id", (await db.Users.SingleAsync()).Email);
        Assert.Equal(0, await db.Observations.CountAsync());
        Assert.Equal(0, await db.Targets.CountAsync());
    }

    [Fact]
    public async Task MigrateWithTheDemoSwitchSeedsTheDemoDataAndAccounts()
    {
        var (code, _) = await RunAsync("migrate", "--demo");

        Assert.Equal(0, code);
        await using var db = Open();
        Assert.Equal(DemoAccounts.All.Count, await db.Users.CountAsync());
        Assert.True(await db.Observations.AnyAsync());
    }

    [Fact]
    public async Task CreateAdminWithAWeakPasswordExitsTwoAndCreatesNobody()
    {
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", "lemah");

        var (code, _) = await RunAsync("create-admin", "--email", "a@b.go.id");

        Assert.Equal(2, code);
        await using var db = Open();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    private MonevDbContext Open() => _location.CreateContext();

    internal static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var (code, output, error) = await RunVerbAsync(args);
        return (code, output + error);
    }

    /// <summary>A verb run in-process as the executable runs it, its standard output and standard error apart.</summary>
    internal static async Task<(int Code, string Output, string Error)> RunVerbAsync(params string[] args)
    {
        var original = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CommandLine.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(originalError);
            SqliteConnection.ClearAllPools();
        }
    }
}
