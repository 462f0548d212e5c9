using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;

namespace MonevDashboard.Tests.Data;

/// <summary>
/// One model, two sets of migrations (Data/Migrations for SQLite, Data/Migrations/Postgres for PostgreSQL): each
/// provider's migrations must describe the whole model. A model change with a migration for only one provider fails
/// here for the other. No server is needed: the check compares the model with the provider's migration snapshot.
/// </summary>
public sealed class MigrationsInStepTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static MonevDbContext ContextOf(DatabaseProvider provider) => new DatabaseLocation(provider, provider switch
    {
        DatabaseProvider.Postgres => "Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody",
        _ => "Data Source=never-opened.db",
    }).CreateContext();

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheModelHasNoChangeTheProvidersMigrationsLack(DatabaseProvider provider)
    {
        using var db = ContextOf(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that the {provider} migrations lack: add a migration for {provider} too (README: dotnet ef migrations add … --context " +
            (provider == DatabaseProvider.Postgres ? "PostgresMonevDbContext -o Data/Migrations/Postgres" : "MonevDbContext -o Data/Migrations") + ").");
    }

    [Fact]
    public void EachProviderRunsOnlyItsOwnMigrations()
    {
        using var sqlite = ContextOf(DatabaseProvider.Sqlite);
        using var postgres = ContextOf(DatabaseProvider.Postgres);
        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(postgresMigrations);
        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations));
        Assert.True(postgres.Database.IsNpgsql());
        Assert.True(sqlite.Database.IsSqlite());
    }
}
