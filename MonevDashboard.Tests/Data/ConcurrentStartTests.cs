using Microsoft.EntityFrameworkCore;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Data;

/// <summary>
/// Two processes that start at once on a new database migrate one after the other, not half each: the migration
/// lock (a file lock beside SQLite's file, a session advisory lock on PostgreSQL) runs on the suite's provider.
/// </summary>
public sealed class ConcurrentStartTests : IAsyncLifetime
{
    private TestDatabase _first = null!;
    private TestDatabase _second = null!;

    public async Task InitializeAsync()
    {
        _first = await TestDatabase.CreateEmptyAsync();
        _second = _first.AnotherProcess();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task TwoInitializersStartedTogetherOnANewDatabaseBothSucceedAndApplyEachMigrationOnce()
    {
        await Task.WhenAll(Task.Run(_first.InitializeAsync), Task.Run(_second.InitializeAsync));

        await using var db = _first.OpenContext();
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.Equal(14, await db.Indicators.CountAsync());
        Assert.Equal(38, await db.Provinces.CountAsync());
    }
}
