using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
namespace MonevDashboard.Tests.Support;

/// <summary>
/// A real database, migrated and seeded by the app's own initializer, with the app's own service registrations — so
/// service and query tests run the code paths production runs. A SQLite file in the temporary folder, or with
/// <c>MONEV_TEST_DATABASE=postgres</c> (<see cref="TestPostgres.SuiteOnPostgres"/>) a fresh database on the test
/// server, copied from a template migrated and seeded once per test run.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim s_templateGate = new(1, 1);
    private static readonly Dictionary<bool, string> s_templates = [];
    private readonly ServiceProvider _root;
    private readonly string? _filePath;
    private readonly bool _ownsDatabase;

    private TestDatabase(DatabaseLocation location, string? filePath, ServiceProvider root, TestClock clock, bool ownsDatabase = true)
    {
        Location = location;
        _filePath = filePath;
        _root = root;
        Clock = clock;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>The database the app's services open (provider and connection string).</summary>
    public DatabaseLocation Location { get; }

    public bool IsPostgres => Location.IsPostgres;

    /// <summary>The SQLite file, for tests of file-level behaviour (SQLite only).</summary>
    public string FilePath => _filePath ?? throw new InvalidOperationException(
        "This test database is on PostgreSQL and has no file: use Location/OpenConnection, or mark the test SqliteOnly.");

    /// <summary>The connection string of the database (on SQLite without pooling, so the file can be deleted).</summary>
    public string ConnectionString => Location.ConnectionString;

    /// <summary>The dialect of the suite's provider.</summary>
    public IDatabaseDialect Dialect => DatabaseDialect.Of(Location);

    public IServiceProvider Services => _root;

    public TestClock Clock { get; }

    /// <summary>
    /// Creates, migrates and seeds a database; demo data only when asked (most tests build their own). On the suite's
    /// provider unless <paramref name="provider"/> names one (a PostgresOnly test asks for PostgreSQL in either pass).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool demoData = false, Action<IServiceCollection>? configure = null,
        DatabaseProvider? provider = null)
    {
        DatabaseLocation location;
        string? path = null;
        if (provider == DatabaseProvider.Postgres || provider is null && TestPostgres.SuiteOnPostgres)
        {
            var template = await TemplateAsync(demoData);
            location = new DatabaseLocation(DatabaseProvider.Postgres, await CopyOfAsync(template));
        }
        else
        {
            path = Path.Combine(Path.GetTempPath(), $"monev-test-{Guid.NewGuid():N}.db");
            location = new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        }
        var clock = new TestClock(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
        var root = BuildServices(location, path, demoData, clock, configure);
        var database = new TestDatabase(location, path, root, clock);
        try
        {
            // On a copy of the template this only confirms: the initializer is idempotent, as in production.
            await using var scope = root.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    /// <summary>
    /// The same database seen by another app process: its own services (contexts, pools, in-process state such as
    /// LongWrites), so only what the database itself shares is shared. Disposing it leaves the database in place.
    /// </summary>
    public async Task<TestDatabase> AnotherProcessAsync(Action<IServiceCollection>? configure = null)
    {
        var other = AnotherProcess(configure);
        await other.InitializeAsync();
        return other;
    }

    /// <summary><see cref="AnotherProcessAsync"/> without running the initializer (the test starts it).</summary>
    public TestDatabase AnotherProcess(Action<IServiceCollection>? configure = null) =>
        new(Location, _filePath, BuildServices(Location, _filePath, demoData: false, Clock, configure), Clock, ownsDatabase: false);

    /// <summary>
    /// A new, empty database on the suite's provider (nothing migrated): for tests of starting up. Its services are
    /// ready; <see cref="InitializeAsync"/> migrates and seeds as the app's start does.
    /// </summary>
    public static async Task<TestDatabase> CreateEmptyAsync(Action<IServiceCollection>? configure = null)
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
        if (TestPostgres.SuiteOnPostgres)
        {
            var location = new DatabaseLocation(DatabaseProvider.Postgres, await TestPostgres.CreateDatabaseAsync());
            return new TestDatabase(location, null, BuildServices(location, null, demoData: false, clock, configure), clock);
        }
        var path = Path.Combine(Path.GetTempPath(), $"monev-test-{Guid.NewGuid():N}.db");
        var sqlite = new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        return new TestDatabase(sqlite, path, BuildServices(sqlite, path, demoData: false, clock, configure), clock);
    }

    /// <summary>Runs the app's initializer (migrate, seed) in this process's services.</summary>
    public async Task InitializeAsync()
    {
        await using var scope = _root.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    private static ServiceProvider BuildServices(DatabaseLocation location, string? sqlitePath, bool demoData, TestClock clock,
        Action<IServiceCollection>? configure)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseLocation.ProviderKey] = location.Provider.ToString(),
                // The SQLite file as production names it (pooled); the raw helpers here open it without pooling.
                ["ConnectionStrings:Monev"] = sqlitePath is null ? location.ConnectionString : $"Data Source={sqlitePath}",
                ["Monev:DemoData"] = demoData ? "true" : "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddMonevLocalization();
        services.AddMonevData(configuration, Path.GetTempPath());
        services.AddMonevDomain();
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped<TestUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestUser>());
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// The PostgreSQL template of this test run (one with demo data, one without): migrated and seeded by the app's
    /// initializer once, then copied by the server for each test, which takes a fraction of migrating again.
    /// </summary>
    private static async Task<string> TemplateAsync(bool demoData)
    {
        await s_templateGate.WaitAsync();
        try
        {
            if (s_templates.TryGetValue(demoData, out var existing))
            {
                return existing;
            }
            if (s_templates.Count == 0)
            {
                await DropTemplatesOfEndedRunsAsync();
            }
            // The process id in the name tells a later run whose template it is (see DropTemplatesOfEndedRunsAsync).
            var created = await TestPostgres.CreateDatabaseAsync(
                $"{TemplatePrefix}{Environment.ProcessId}_{(demoData ? "demo" : "plain")}");
            // No pooled connection may stay open on a template, or the server refuses to copy it.
            var template = new Npgsql.NpgsqlConnectionStringBuilder(created) { Pooling = false }.ToString();
            try
            {
                var location = new DatabaseLocation(DatabaseProvider.Postgres, template);
                var clock = new TestClock(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
                await using (var root = BuildServices(location, null, demoData, clock, null))
                {
                    await using var scope = root.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                }
            }
            catch
            {
                await TestPostgres.DropDatabaseAsync(template);
                throw;
            }
            s_templates[demoData] = template;
            return template;
        }
        finally
        {
            s_templateGate.Release();
        }
    }

    private const string TemplatePrefix = "monev_tpl_p";

    /// <summary>
    /// Templates outlive their test run (the test host gives no reliable moment to drop them at its end): each run
    /// drops those of runs whose process has ended, so the server keeps at most the templates of runs still going.
    /// </summary>
    private static async Task DropTemplatesOfEndedRunsAsync()
    {
        var stale = new List<string>();
        await using (var connection = new Npgsql.NpgsqlConnection(TestPostgres.ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'monev\\_tpl\\_p%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                var pid = name[TemplatePrefix.Length..].Split('_')[0];
                if (int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var id) && !IsRunning(id))
                {
                    stale.Add(name);
                }
            }
        }
        foreach (var name in stale)
        {
            await TestPostgres.DropDatabaseAsync(new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = name }.ToString());
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<string> CopyOfAsync(string template)
    {
        var source = new Npgsql.NpgsqlConnectionStringBuilder(template).Database;
        var name = $"monev_test_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(TestPostgres.ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = name }.ToString();
    }

    /// <summary>A scope acting as <paramref name="userName"/>, like one circuit or request of that user.</summary>
    public AsyncServiceScope Scope(string userName = "tester@monev.go.id")
    {
        var scope = _root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestUser>().UserName = userName;
        return scope;
    }

    /// <summary>A scope acting as a user with one role (and the ministry a verifier verifies).</summary>
    public AsyncServiceScope Scope(UserAccess user)
    {
        var scope = _root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestUser>().Access = user;
        return scope;
    }

    public T Get<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A context for arranging and asserting; audit off unless asked, so arranging data leaves no trail.</summary>
    public MonevDbContext OpenContext(bool audit = false) => Location.CreateContext(audit);

    /// <summary>An open raw connection to the database, on the suite's provider.</summary>
    public async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = Dialect.CreateConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A digest of a table's full contents, to prove a refused operation wrote nothing.</summary>
    public async Task<string> DigestAsync(string table)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        var builder = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                builder.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }
            builder.Append('\n');
        }
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(builder.ToString())));
    }

    public async ValueTask DisposeAsync()
    {
        await _root.DisposeAsync();
        if (!_ownsDatabase)
        {
            return;
        }
        if (IsPostgres)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock", ".migrate.lock" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless.
            }
        }
    }
}

/// <summary>The acting user of a test scope: by default an Admin; tests set other roles.</summary>
public sealed class TestUser : ICurrentUser
{
    public UserAccess Access { get; set; } = As("tester@monev.go.id", Roles.Admin);

    public string UserName
    {
        get => Access.UserName;
        set => Access = Access with { UserName = value };
    }

    public static UserAccess As(string userName, string role, Ministry? ministry = null) =>
        new(userName, new HashSet<string>([role]), ministry);
}

/// <summary>A clock the tests set: "today" is 28 Nov 2026 unless a test moves it.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
