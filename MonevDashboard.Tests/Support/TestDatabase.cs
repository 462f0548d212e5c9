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
/// A real SQLite database in a temporary file, migrated and seeded by the app's own initializer, with the app's
/// own service registrations — so service and query tests run the code paths production runs.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    private TestDatabase(string path, ServiceProvider root, TestClock clock)
    {
        FilePath = path;
        _root = root;
        Clock = clock;
    }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath};Pooling=False";

    public IServiceProvider Services => _root;

    public TestClock Clock { get; }

    /// <summary>Creates, migrates and seeds a database; demo data only when asked (most tests build their own).</summary>
    public static async Task<TestDatabase> CreateAsync(bool demoData = false, Action<IServiceCollection>? configure = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"monev-test-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Monev"] = $"Data Source={path}",
                ["Monev:DemoData"] = demoData ? "true" : "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddMonevLocalization();
        services.AddMonevData(configuration, Path.GetTempPath());
        services.AddMonevDomain();
        var clock = new TestClock(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped<TestUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestUser>());
        configure?.Invoke(services);
        var root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var database = new TestDatabase(path, root, clock);
        await using (var scope = root.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        return database;
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
    public MonevDbContext OpenContext(bool audit = false)
    {
        var options = new DbContextOptionsBuilder<MonevDbContext>().UseSqlite(ConnectionString).Options;
        return new MonevDbContext(options) { SuppressAudit = !audit };
    }

    /// <summary>A digest of a table's full contents, to prove a refused operation wrote nothing.</summary>
    public async Task<string> DigestAsync(string table)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
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
