using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MonevDashboard.Data;

/// <summary>The database servers the app runs on. SQLite is the embedded default; PostgreSQL serves several instances.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the app, the command line, the benchmark and the tests open: the provider chosen by
/// <c>Monev:Database</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) and the connection string in
/// <c>ConnectionStrings:Monev</c>, resolved. Everything that opens a context or a raw connection goes through here,
/// so the provider is decided in one place.
/// </summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Monev:Database";
    public const string ConnectionStringName = "Monev";

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The configured database; a relative SQLite path is taken from the solution's data/ folder.</summary>
    /// <exception cref="InvalidOperationException">for an unknown provider name or a Postgres setting without a connection string.</exception>
    public static DatabaseLocation FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        return provider switch
        {
            DatabaseProvider.Postgres => new(provider, ResolvePostgres(configured)),
            _ => new(provider, ResolveSqlite(configured, contentRoot)),
        };
    }

    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException(
            $"{ProviderKey} = \"{name}\" tidak dikenal: gunakan Sqlite (bawaan) atau Postgres."),
    };

    /// <summary>The context options for this database: provider, command timeout and the provider's migrations.</summary>
    public void Configure(DbContextOptionsBuilder options, int commandTimeoutSeconds = 120)
    {
        if (IsPostgres)
        {
            options.UseNpgsql(ConnectionString, npgsql => npgsql.CommandTimeout(commandTimeoutSeconds));
        }
        else
        {
            options.UseSqlite(ConnectionString, sqlite => sqlite.CommandTimeout(commandTimeoutSeconds));
        }
        // Not optional like audit: a context that saved observations without their totals would make every view wrong.
        options.AddInterceptors(FigureTotalsInterceptor.Instance);
    }

    /// <summary>
    /// A context of the type whose migrations belong to this provider (<see cref="MonevDbContext"/> for SQLite,
    /// <see cref="PostgresMonevDbContext"/> for PostgreSQL), outside dependency injection: audit is off unless asked.
    /// </summary>
    public MonevDbContext CreateContext(bool audit = false, int commandTimeoutSeconds = 120)
    {
        MonevDbContext db;
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresMonevDbContext>();
            Configure(options, commandTimeoutSeconds);
            db = new PostgresMonevDbContext(options.Options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<MonevDbContext>();
            Configure(options, commandTimeoutSeconds);
            db = new MonevDbContext(options.Options);
        }
        db.SuppressAudit = !audit;
        return db;
    }

    /// <summary>The same database with another connection string (a copy, a staging file, a target server).</summary>
    public DatabaseLocation WithConnectionString(string connectionString) => this with { ConnectionString = connectionString };

    /// <summary>What the logs and the command line may show: the file, or host/port/database without credentials.</summary>
    public string Describe()
    {
        if (IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
        return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
    }

    private static string ResolvePostgres(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} = Postgres memerlukan ConnectionStrings:{ConnectionStringName} " +
                "(misalnya ConnectionStrings__Monev=\"Host=…;Port=5432;Database=monev;Username=…;Password=…\").");
        }
        return new NpgsqlConnectionStringBuilder(configured).ToString();
    }

    /// <summary>Makes a relative SQLite path relative to the solution's data/ folder, and creates the folder.</summary>
    public static string ResolveSqlite(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/monev.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(DataServiceCollectionExtensions.FindSolutionRoot(contentRoot), builder.DataSource));
        }
        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}
