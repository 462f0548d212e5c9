using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Identity;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Auth;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// The real app on a free loopback port (Kestrel, not the in-memory test server, so a browser or a proxy can reach it).
/// By default on a database of its own, seeded with the demo data and removed on dispose: a temporary SQLite file, or a
/// database on the test PostgreSQL server when the suite runs on PostgreSQL (<see cref="TestPostgres.SuiteOnPostgres"/>).
/// Given a <see cref="DatabaseLocation"/>, it runs on that database and leaves it in place (a second instance, a restart).
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <param name="configureServices">replaces or adds services after the app's own.</param>
    /// <param name="database">an existing database to run on (not removed on dispose); null for a new one.</param>
    /// <param name="settings">configuration on top of the test defaults (<c>Section:Key</c> → value).</param>
    public AppServer(Action<IServiceCollection>? configureServices = null, DatabaseLocation? database = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _configureServices = configureServices;
        _settings = settings ?? new Dictionary<string, string?>();
        _ownsDatabase = database is null;
        Database = database ?? NewDatabase();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        try
        {
            StartServer();
        }
        catch
        {
            Task.Run(RemoveOwnDatabaseAsync).GetAwaiter().GetResult();
            throw;
        }
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    /// <summary>The database this instance runs on: pass it to another AppServer to run a second instance on it.</summary>
    public DatabaseLocation Database { get; }

    /// <summary>The SQLite file of this instance.</summary>
    /// <exception cref="InvalidOperationException">on PostgreSQL, which has no file: use <see cref="Database"/>.</exception>
    public string DatabasePath => DatabaseFileLocks.DatabaseFile(Database)
        ?? throw new InvalidOperationException($"This AppServer runs on {Database.Describe()}, which has no file; use AppServer.Database.");

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>
    /// A service scope of this instance acting as the account with <paramref name="email"/>, as its circuit would: the
    /// user's real claims (role, ministry), so services check access as they do for that user on a page.
    /// </summary>
    public async Task<AsyncServiceScope> ScopeAsAsync(string email)
    {
        var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email} on {Database.Describe()}.");
        scope.ServiceProvider.GetRequiredService<CircuitUserAccessor>().Principal =
            await scope.ServiceProvider.GetRequiredService<SignInManager<MonevUser>>().CreateUserPrincipalAsync(user);
        return scope;
    }

    /// <summary>
    /// A new, empty database for app instances the test starts itself: a SQLite file, or a database on the test server
    /// when the suite runs on PostgreSQL. Remove it with <see cref="DeleteDatabaseAsync"/>.
    /// </summary>
    public static DatabaseLocation NewDatabase()
    {
        if (TestPostgres.SuiteOnPostgres)
        {
            // Off xUnit's synchronisation context: a constructor cannot await.
            var connectionString = Task.Run(() => TestPostgres.CreateDatabaseAsync("monev_app")).GetAwaiter().GetResult();
            return new DatabaseLocation(DatabaseProvider.Postgres, connectionString);
        }
        return new DatabaseLocation(DatabaseProvider.Sqlite,
            $"Data Source={Path.Combine(Path.GetTempPath(), $"monev-app-{Guid.NewGuid():N}.db")}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's own assets (blazor.web.js, MudBlazor) come from the build's
        // static web assets manifest only when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting(DatabaseLocation.ProviderKey, Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:" + DatabaseLocation.ConnectionStringName, Database.ConnectionString);
        builder.UseSetting("Monev:DemoData", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorLog()));
        // Every test and browser signs in from 127.0.0.1, many times a minute; the limits have their own tests.
        builder.UseSetting("Monev:SignIn:PermitPerAddress", "100000");
        builder.UseSetting("Monev:SignIn:PermitPerAccount", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await RemoveOwnDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    private async Task RemoveOwnDatabaseAsync()
    {
        if (_ownsDatabase)
        {
            await DeleteDatabaseAsync(Database);
        }
    }

    /// <summary>Removes a database made by <see cref="NewDatabase"/>, once no instance runs on it any more.</summary>
    public static async Task DeleteDatabaseAsync(DatabaseLocation database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsPostgres)
        {
            await TestPostgres.DropDatabaseAsync(database.ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        var file = DatabaseFileLocks.DatabaseFile(database)!;
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock", ".migrate.lock" })
        {
            try
            {
                File.Delete(file + suffix);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless.
            }
        }
    }
}
