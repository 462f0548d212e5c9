using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MonevDashboard.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgresMonevDbContext --output-dir Data/Migrations/Postgres</c> build
/// the PostgreSQL model without a server: adding a migration compares the model with the snapshot and never connects.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMonevDbContext>
{
    public PostgresMonevDbContext CreateDbContext(string[] args)
    {
        var location = new DatabaseLocation(DatabaseProvider.Postgres, "Host=localhost;Database=monev_design_time");
        var options = new DbContextOptionsBuilder<PostgresMonevDbContext>();
        location.Configure(options);
        return new PostgresMonevDbContext(options.Options);
    }
}

/// <summary>
/// The SQLite side of the same: without it the tools would take the PostgreSQL factory above for
/// <see cref="MonevDbContext"/> too, since its context derives from it.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MonevDbContext>
{
    public MonevDbContext CreateDbContext(string[] args) =>
        new DatabaseLocation(DatabaseProvider.Sqlite, "Data Source=monev-design-time.db").CreateContext(audit: false);
}
