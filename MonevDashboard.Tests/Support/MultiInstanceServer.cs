using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// Several instances of the real app (each its own Kestrel, services and memory, as separate processes would be) on one
/// PostgreSQL database of the test server, which is dropped on dispose. The first instance starts alone and migrates and
/// seeds the new database (with the demo data and accounts); the others start on it after, as the README's runbook says.
/// </summary>
public sealed class MultiInstanceServer : IAsyncDisposable
{
    private readonly List<AppServer> _instances = [];

    private MultiInstanceServer(DatabaseLocation database) => Database = database;

    public DatabaseLocation Database { get; }

    public IReadOnlyList<AppServer> Instances => _instances;

    public AppServer this[int index] => _instances[index];

    /// <param name="count">how many instances (at least two).</param>
    /// <param name="configureServices">applied to every instance.</param>
    /// <param name="settings">configuration for every instance, on top of the test defaults.</param>
    public static async Task<MultiInstanceServer> StartAsync(int count = 2, Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var database = new DatabaseLocation(DatabaseProvider.Postgres, await TestPostgres.CreateDatabaseAsync("monev_multi"));
        var server = new MultiInstanceServer(database);
        try
        {
            for (var i = 0; i < count; i++)
            {
                // The constructor starts the host synchronously; off the test's synchronisation context.
                server._instances.Add(await Task.Run(() => new AppServer(configureServices, database, settings)));
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        _instances.Clear();
        await AppServer.DeleteDatabaseAsync(Database);
    }
}

/// <summary>One <see cref="MultiInstanceServer"/> of two instances for a test class (xUnit class fixture).</summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    public MultiInstanceServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MultiInstanceServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Two instances on one database behind nginx, for a test class (xUnit class fixture).</summary>
public sealed class ProxiedInstancesFixture : IAsyncLifetime
{
    public MultiInstanceServer Server { get; private set; } = null!;

    public NginxProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await MultiInstanceServer.StartAsync();
        Proxy = await NginxProxy.StartAsync([.. Server.Instances.Select(i => i.BaseAddress)]);
    }

    public async Task DisposeAsync()
    {
        Proxy?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
