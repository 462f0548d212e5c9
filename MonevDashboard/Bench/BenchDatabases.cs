using Microsoft.Data.Sqlite;
using MonevDashboard.Data;
using Npgsql;

namespace MonevDashboard.Bench;

/// <summary>
/// The benchmark's throwaway databases: files in its temporary folder on SQLite; on PostgreSQL, databases it creates
/// on the server of <c>--connection</c> (named <c>monev_bench_…</c>, dropped at the end unless <c>--keep</c>), never the
/// database that connection string names. A fresh copy is a file copy on SQLite and <c>CREATE DATABASE … TEMPLATE</c>
/// on PostgreSQL.
/// </summary>
internal sealed class BenchDatabases(string folder, string? postgresConnection, bool keep) : IAsyncDisposable
{
    private readonly string _prefix = $"monev_bench_{Guid.NewGuid().ToString("N")[..8]}";
    private readonly List<string> _created = [];

    public DatabaseProvider Provider => postgresConnection is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>A new, empty database called <paramref name="name"/> (replacing one of that name this run made).</summary>
    public async Task<DatabaseLocation> NewAsync(string name)
    {
        if (postgresConnection is null)
        {
            var path = Path.Combine(folder, $"{name}.db");
            DeleteFiles(path);
            return new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={path}");
        }
        return await RecreateAsync($"{_prefix}_{name}", template: null);
    }

    /// <summary>A fresh copy of <paramref name="source"/> called <paramref name="name"/>, every connection to the source closed first.</summary>
    public async Task<DatabaseLocation> CopyAsync(DatabaseLocation source, string name)
    {
        ClearPools();
        if (postgresConnection is null)
        {
            var from = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            var path = Path.Combine(folder, $"{name}.db");
            DeleteFiles(path);
            File.Copy(from, path);
            if (File.Exists(from + "-wal"))
            {
                File.Copy(from + "-wal", path + "-wal");
            }
            return new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={path}");
        }
        return await RecreateAsync($"{_prefix}_{name}", new NpgsqlConnectionStringBuilder(source.ConnectionString).Database);
    }

    /// <summary>Drops <paramref name="database"/> if this run (or an earlier one) left it, and creates it again, empty or as a copy of <paramref name="template"/>.</summary>
    private async Task<DatabaseLocation> RecreateAsync(string database, string? template)
    {
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await ExecuteOnServerAsync(template is null
            ? $"CREATE DATABASE \"{database}\""
            : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"");
        if (!_created.Contains(database))
        {
            _created.Add(database);
        }
        return At(database);
    }

    public async Task DropAsync(DatabaseLocation location)
    {
        ClearPools();
        if (location.IsSqlite)
        {
            DeleteFiles(new SqliteConnectionStringBuilder(location.ConnectionString).DataSource);
            return;
        }
        var database = new NpgsqlConnectionStringBuilder(location.ConnectionString).Database!;
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        _created.Remove(database);
    }

    /// <summary>What the results name: the server and its version.</summary>
    public async Task<string> DescribeAsync(DatabaseLocation location)
    {
        await using var connection = DatabaseDialect.Of(location).CreateConnection(location.ConnectionString);
        await connection.OpenAsync();
        return location.IsPostgres ? $"PostgreSQL {connection.ServerVersion}" : $"SQLite {connection.ServerVersion}";
    }

    /// <summary>The PostgreSQL databases this run made and kept (<c>--keep</c>).</summary>
    public IReadOnlyList<string> Kept => keep ? _created : [];

    public static void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        if (keep || postgresConnection is null)
        {
            return;
        }
        ClearPools();
        foreach (var database in _created.ToList())
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        _created.Clear();
    }

    private DatabaseLocation At(string database) =>
        new(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(postgresConnection) { Database = database }.ToString());

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresConnection) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static void DeleteFiles(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
