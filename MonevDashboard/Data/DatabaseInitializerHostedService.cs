using Microsoft.AspNetCore.Identity;
using MonevDashboard.Data.Model;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Data;

/// <summary>
/// Migrates and seeds before the app starts serving, so the first request finds a ready database; marks the database
/// as in use for as long as the app runs (<c>restore</c> refuses meanwhile); and, outside Development without an explicit
/// demo, refuses to serve demo accounts whose password is published.
/// </summary>
public sealed class DatabaseInitializerHostedService(
    IServiceScopeFactory scopeFactory,
    DatabaseLocation location,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<DatabaseInitializerHostedService> logger) : IHostedService, IDisposable
{
    private IDisposable? _inUse;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _inUse = DatabaseFileLocks.HoldInUse(location);
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
        if (!environment.IsDevelopment() && !DemoMode.IsRequested(configuration))
        {
            var demo = await DemoMode.AccountsWithDemoPasswordAsync(users);
            if (demo.Count > 0)
            {
                var message = DemoMode.RefusalMessage(demo);
                MonevLog.DemoAccountsRefused(logger, message);
                throw new DemoAccountsRefusedException(message);
            }
        }
        if (!users.Users.Any())
        {
            MonevLog.FirstAdminNeeded(logger, DemoMode.FirstAdminHint);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _inUse?.Dispose();
}
