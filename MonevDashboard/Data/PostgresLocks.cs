using Npgsql;

namespace MonevDashboard.Data;

/// <summary>
/// PostgreSQL advisory locks, the cross-process counterparts of SQLite's file and write locks: every app instance and
/// command-line verb on the same database takes turns through them. Session locks live as long as their connection
/// (a killed process frees them); transaction locks as long as the transaction.
/// </summary>
public static class PostgresLocks
{
    /// <summary>One process at a time migrates and seeds.</summary>
    public const long MigrationKey = 0x4D6F6E6576_01; // "Monev" · 1

    /// <summary>One import commit at a time writes figures.</summary>
    public const long ImportWriteKey = 0x4D6F6E6576_02;

    /// <summary>Waits up to <paramref name="timeout"/> for a session lock held on its own connection until disposed.</summary>
    public static async Task<IAsyncDisposable> AcquireSessionLockAsync(string connectionString, long key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Its own connection, outside the pool, so that releasing it never hands a locked session to someone else.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
                {
                    command.Parameters.AddWithValue("key", key);
                    if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                    {
                        return new SessionLock(connection, key);
                    }
                }
                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"PostgreSQL advisory lock {key} is still held by another process after {timeout}.");
                }
                await Task.Delay(200, cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class SessionLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
