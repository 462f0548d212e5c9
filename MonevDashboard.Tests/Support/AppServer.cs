using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// The real app on a free loopback port (Kestrel, not the in-memory test server, so a browser can reach it),
/// with its own temporary database seeded with the demo data.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"monev-app-{Guid.NewGuid():N}.db");
    private readonly Action<IServiceCollection>? _configureServices;

    public AppServer(Action<IServiceCollection>? configureServices = null)
    {
        _configureServices = configureServices;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public string DatabasePath => _databasePath;

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's own assets (blazor.web.js, MudBlazor) come from the build's
        // static web assets manifest only when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Monev", $"Data Source={_databasePath}");
        builder.UseSetting("Monev:DemoData", "true");
        // Every test and browser signs in from 127.0.0.1, many times a minute; the limits have their own tests.
        builder.UseSetting("Monev:SignIn:PermitPerAddress", "100000");
        builder.UseSetting("Monev:SignIn:PermitPerAccount", "100000");
        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock", ".migrate.lock" })
        {
            try
            {
                File.Delete(_databasePath + suffix);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless.
            }
        }
        GC.SuppressFinalize(this);
    }
}
