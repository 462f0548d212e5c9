using Microsoft.Data.Sqlite;

namespace MonevDashboard.Data;

/// <summary>
/// Operating-system file locks beside the SQLite file (on Linux .NET takes <c>flock</c>: shared for
/// <see cref="FileShare.ReadWrite"/>, exclusive for <see cref="FileShare.None"/>; the kernel drops them when the
/// process dies, so a killed process never leaves a stale lock).
/// <list type="bullet">
/// <item><c>monev.db.migrate.lock</c>, exclusive: one process at a time migrates and seeds, so two processes started
/// at once never apply half a schema each.</item>
/// <item><c>monev.db.lock</c>, shared by every running app and writing verb: <c>restore</c> takes it exclusively, so it
/// refuses while anything uses the database and nothing starts on it while it swaps the file.</item>
/// </list>
/// </summary>
public static class DatabaseFileLocks
{
    /// <summary>The SQLite file of a connection string, or null for an in-memory database.</summary>
    public static string? DatabaseFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return dataSource is "" or ":memory:" ? null : Path.GetFullPath(dataSource);
    }

    /// <summary>The SQLite file of a database, or null for an in-memory one or a database server.</summary>
    public static string? DatabaseFile(DatabaseLocation location) =>
        location.IsSqlite ? DatabaseFile(location.ConnectionString) : null;

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until no other process migrates this database: a file lock beside a
    /// SQLite file, a session advisory lock on PostgreSQL (released when the connection closes or the process dies).
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireMigrationLockAsync(DatabaseLocation location, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (location.IsPostgres)
        {
            return await PostgresLocks.AcquireSessionLockAsync(location.ConnectionString, PostgresLocks.MigrationKey, timeout, cancellationToken);
        }
        if (DatabaseFile(location.ConnectionString) is not { } file)
        {
            return new NoLock();
        }
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(file + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>Marks a SQLite database as in use by this process until disposed (any number of users at once).</summary>
    public static IDisposable HoldInUse(DatabaseLocation location) =>
        DatabaseFile(location) is { } file
            ? new FileStream(file + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite)
            : new NoLock();

    /// <summary>The sole use of the database (for <c>restore</c>), or null while any process holds it.</summary>
    public static IDisposable? TryTakeExclusive(string databaseFile)
    {
        try
        {
            return new FileStream(databaseFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed class NoLock : IDisposable, IAsyncDisposable
    {
        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
