using Npgsql;
using MonevDashboard.Data;

namespace MonevDashboard.Cli;

/// <summary>
/// The PostgreSQL client commands an operator runs for what <c>backup</c> and <c>restore</c> do on SQLite: host, port,
/// database and user from the configured connection string, never its password (PGPASSWORD or ~/.pgpass supply it).
/// </summary>
public static class PostgresTools
{
    public const string PasswordHint =
        "Kata sandi tidak dicetak: berikan lewat PGPASSWORD atau ~/.pgpass (https://www.postgresql.org/docs/current/libpq-pgpass.html).";

    /// <summary><c>pg_dump -Fc</c>: one consistent snapshot in the custom format, compressed, restorable table by table.</summary>
    public static string Dump(DatabaseLocation server, string file) => $"pg_dump -Fc {Target(server)} -f {Quote(file)}";

    /// <summary><c>pg_restore --clean --if-exists</c>: drops what the dump recreates, so it restores over the live schema.</summary>
    public static string Restore(DatabaseLocation server, string file) =>
        $"pg_restore --clean --if-exists --no-owner --single-transaction {Target(server)} {Quote(file)}";

    private static string Target(DatabaseLocation server)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        var parts = new List<string> { $"-h {Quote(builder.Host ?? "localhost")}", $"-p {builder.Port}" };
        if (!string.IsNullOrEmpty(builder.Username))
        {
            parts.Add($"-U {Quote(builder.Username)}");
        }
        parts.Add($"-d {Quote(builder.Database ?? "")}");
        return string.Join(' ', parts);
    }

    /// <summary>A word for a POSIX shell: as it is when it is safe, otherwise in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:@,+=".Contains(c, StringComparison.Ordinal))
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
