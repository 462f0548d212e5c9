using Npgsql;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>.ci/postgres start</c> (run by <c>.ci/run</c>) makes a throwaway cluster and
/// exports its maintenance connection string as <c>MONEV_TEST_POSTGRES</c>. <c>MONEV_TEST_DATABASE=postgres</c> runs the
/// whole suite's databases (TestDatabase, AppServer) on it; tests of PostgreSQL-only behaviour (copy-db, several
/// instances) always use it. Without a server they fail and say how to get one: never a silent skip.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "MONEV_TEST_POSTGRES";
    public const string ProviderVariable = "MONEV_TEST_DATABASE";

    /// <summary>Traits that let <c>.ci/run</c> run each provider's own tests in its pass only.</summary>
    public const string Trait = "Database";
    public const string SqliteOnly = "Sqlite";
    public const string PostgresOnly = "Postgres";

    /// <summary>True when this test run puts every test database on PostgreSQL.</summary>
    public static bool SuiteOnPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The maintenance database's connection string of the test server.</summary>
    /// <exception cref="InvalidOperationException">when no server was started for the tests.</exception>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"This test needs PostgreSQL and {ServerVariable} is not set. Run the tests with `bash .ci/run` (it starts a " +
                "throwaway cluster), or start one yourself with `source .ci/postgres start`; PostgreSQL itself installs with " +
                "`sudo apt-get install -y postgresql`.");

    /// <summary>Creates an empty database on the test server and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "monev_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
