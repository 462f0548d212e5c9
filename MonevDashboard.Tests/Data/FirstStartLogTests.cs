using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Data;

/// <summary>
/// The first start on a new, empty database (either provider) is quiet: an IT office reads an error in the log as a
/// fault. On PostgreSQL EF Core logged its read of the not-yet-created migrations history table as a failed command.
/// </summary>
public sealed class FirstStartLogTests
{
    [Fact]
    public async Task MigratingANewDatabaseLogsNoErrorAndASecondStartFindsItUpToDate()
    {
        var logs = new CapturingLoggerProvider();
        await using var database = await TestDatabase.CreateEmptyAsync(s => s.AddLogging(b => b.AddProvider(logs)));

        await database.InitializeAsync();
        await database.InitializeAsync();

        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
        await using var db = database.OpenContext();
        Assert.Empty(await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database));
        Assert.NotEmpty(db.Indicators);
    }
}
