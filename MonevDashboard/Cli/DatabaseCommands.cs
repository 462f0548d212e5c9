using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
namespace MonevDashboard.Cli;

/// <summary>
/// <c>backup</c>, <c>restore</c> and <c>disable-demo-accounts</c>: what an operator does to the database itself.
/// Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class DatabaseCommands
{
    private const int Done = ExitCodes.Success;
    private const int Failed = ExitCodes.Failure;
    private const int Refused = ExitCodes.Refused;

    /// <summary>
    /// <c>backup [--out FILE]</c>: <c>VACUUM INTO</c> copies the database as one read transaction sees it, so the copy is
    /// consistent while the app and imports keep writing (a file copy would miss or tear the WAL); then the copy's
    /// integrity is checked. Default file: <c>backups/monev-YYYYMMDD-HHMMSS.db</c> (UTC) beside the database.
    /// </summary>
    public static async Task<int> BackupAsync(string? outFile, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<DatabaseLocation>() is { IsPostgres: true } server)
        {
            var stamp = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var file = outFile ?? $"monev-{stamp.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.dump";
            await error.WriteLineAsync($"backup menyalin berkas SQLite; basis data ini {server.Describe()} dicadangkan dengan pg_dump " +
                "(konsisten juga selagi aplikasi berjalan). Tidak ada yang ditulis. Jalankan:");
            await error.WriteLineAsync($"  {PostgresTools.Dump(server, file)}");
            await error.WriteLineAsync($"  pg_restore --list {PostgresTools.Quote(file)} > /dev/null   # memeriksa bahwa cadangan terbaca");
            await error.WriteLineAsync(PostgresTools.PasswordHint);
            return Refused;
        }
        var source = DatabaseFileLocks.DatabaseFile(services.GetRequiredService<DatabaseLocation>());
        if (source is null || !File.Exists(source))
        {
            await error.WriteLineAsync($"Tidak ada basis data untuk dicadangkan di {source ?? "(memori)"}.");
            return Refused;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var target = Path.GetFullPath(outFile
            ?? Path.Combine(Path.GetDirectoryName(source)!, "backups", $"monev-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db"));
        if (File.Exists(target))
        {
            await error.WriteLineAsync($"{target} sudah ada; pilih --out yang lain.");
            return Refused;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            await using (var connection = new SqliteConnection(Connection(source)))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $target";
                command.Parameters.AddWithValue("$target", target);
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            var integrity = await IntegrityAsync(target, cancellationToken);
            if (integrity != "ok")
            {
                DeleteDatabase(target);
                await error.WriteLineAsync($"Salinan gagal dalam pemeriksaan keutuhan ({integrity}); tidak ada yang disimpan.");
                return Failed;
            }
            var observations = await ScalarAsync(target, "SELECT COUNT(*) FROM Observations", cancellationToken);
            await output.WriteLineAsync($"Cadangan ditulis: {target} ({new FileInfo(target).Length.ToString("N0", FigureFormatter.Culture)} byte, " +
                $"{observations} observasi); integrity_check: ok");
            return Done;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            DeleteDatabase(target);
            await error.WriteLineAsync($"Pencadangan gagal, tidak ada yang disimpan: {ex.Message}");
            return Failed;
        }
    }

    /// <summary>
    /// <c>restore FILE</c>: only while nothing uses the database (the app and the verbs hold a shared lock on
    /// <c>monev.db.lock</c>; restore needs it alone), only a backup whose integrity is ok and whose migrations this build
    /// knows. A backup of an older version is brought up to date on a copy (<c>monev.db.restoring</c>: the pending
    /// migrations applied, then its integrity checked) before it replaces anything; one of a newer version is refused.
    /// The database it replaces is kept aside as <c>monev.db.replaced-YYYYMMDD-HHMMSS</c> (UTC).
    /// </summary>
    public static async Task<int> RestoreAsync(string backup, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<DatabaseLocation>() is { IsPostgres: true } server)
        {
            await error.WriteLineAsync($"restore mengganti berkas SQLite; basis data ini {server.Describe()} dipulihkan dengan pg_restore " +
                "dari cadangan pg_dump -Fc. Tidak ada yang diubah. Hentikan semua instans aplikasi, lalu jalankan:");
            await error.WriteLineAsync($"  {PostgresTools.Restore(server, backup)}");
            await error.WriteLineAsync("lalu `migrate` (cadangan dari versi lama diperbarui skemanya) dan mulai aplikasi lagi.");
            await error.WriteLineAsync(PostgresTools.PasswordHint);
            return Refused;
        }
        backup = Path.GetFullPath(backup);
        var live = DatabaseFileLocks.DatabaseFile(services.GetRequiredService<DatabaseLocation>());
        if (!File.Exists(backup) || live is null)
        {
            await error.WriteLineAsync($"Berkas tidak ditemukan: {backup}");
            return Refused;
        }
        if (string.Equals(backup, live, StringComparison.Ordinal))
        {
            await error.WriteLineAsync("Itu basis data yang sedang dipakai; berikan berkas cadangan.");
            return Refused;
        }
        string[] migrations;
        await using (var db = await services.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            migrations = [.. db.Database.GetMigrations()];
        }
        var (refusal, pending) = await CheckAsync(backup, migrations, cancellationToken);
        if (refusal is not null)
        {
            await error.WriteLineAsync($"Tidak dipulihkan: {refusal} Tidak ada yang diubah.");
            return Refused;
        }
        using var exclusive = DatabaseFileLocks.TryTakeExclusive(live);
        if (exclusive is null)
        {
            await error.WriteLineAsync("Tidak dipulihkan: basis data sedang dipakai oleh aplikasi atau perintah yang berjalan. Hentikan aplikasi " +
                "(mis. systemctl stop monev) lalu coba lagi. Tidak ada yang diubah.");
            return Refused;
        }
        var source = backup;
        if (pending.Count > 0)
        {
            try
            {
                source = await MigratedCopyAsync(backup, live + ".restoring", cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SqliteConnection.ClearAllPools();
                DeleteDatabase(live + ".restoring");
                await error.WriteLineAsync($"Tidak dipulihkan: memperbarui skema {backup} ke versi ini gagal ({ex.Message}). Tidak ada yang diubah.");
                return Failed;
            }
            await output.WriteLineAsync($"{backup} berasal dari versi lama: {pending.Count} migrasi diterapkan pada salinannya ({string.Join(", ", pending)}); integrity_check: ok.");
        }
        try
        {
            return await SwapInAsync(services, backup, source, live, output, error, cancellationToken);
        }
        finally
        {
            if (!string.Equals(source, backup, StringComparison.Ordinal))
            {
                SqliteConnection.ClearAllPools();
                DeleteDatabase(source);
            }
        }
    }

    /// <summary>
    /// A copy of an older backup with this build's pending migrations applied and its integrity checked, so nothing is
    /// replaced before the schema is known to be right.
    /// </summary>
    private static async Task<string> MigratedCopyAsync(string backup, string staging, CancellationToken cancellationToken)
    {
        DeleteDatabase(staging);
        await using (var from = new SqliteConnection($"{Connection(backup)};Mode=ReadOnly"))
        await using (var to = new SqliteConnection(Connection(staging)))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
        }
        var options = new DbContextOptionsBuilder<MonevDbContext>().UseSqlite(Connection(staging), sqlite => sqlite.CommandTimeout(600)).Options;
        await using (var db = new MonevDbContext(options))
        {
            db.SuppressAudit = true;
            await db.Database.MigrateAsync(cancellationToken);
        }
        SqliteConnection.ClearAllPools();
        var integrity = await IntegrityAsync(staging, cancellationToken);
        if (integrity != "ok")
        {
            throw new IOException($"salinan yang dimigrasikan gagal pemeriksaan integritas ({integrity})");
        }
        return staging;
    }

    private static async Task<int> SwapInAsync(
        IServiceProvider services, string backup, string source, string live, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        string? aside = null;
        try
        {
            SqliteConnection.ClearAllPools();
            if (File.Exists(live))
            {
                aside = await SetAsideAsync(live, now, cancellationToken);
            }
            await using (var from = new SqliteConnection($"{Connection(source)};Mode=ReadOnly"))
            await using (var to = new SqliteConnection(Connection(live)))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
            }
            var integrity = await IntegrityAsync(live, cancellationToken);
            if (integrity != "ok")
            {
                throw new IOException($"basis data yang dipulihkan gagal pemeriksaan integritas ({integrity})");
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            SqliteConnection.ClearAllPools();
            if (aside is not null)
            {
                DeleteDatabase(live);
                File.Move(aside, live);
            }
            await error.WriteLineAsync($"Pemulihan gagal: {ex.Message}. " +
                (aside is null ? "" : "Basis data sebelumnya sudah dikembalikan."));
            return Failed;
        }
        var observations = await ScalarAsync(live, "SELECT COUNT(*) FROM Observations", cancellationToken);
        await output.WriteLineAsync($"{backup} dipulihkan ke {live} ({observations} observasi); integrity_check: ok.");
        if (aside is not null)
        {
            await output.WriteLineAsync($"Basis data yang diganti disimpan sebagai {aside}.");
        }
        return Done;
    }

    /// <summary>
    /// <c>disable-demo-accounts</c>: disables every demo account that still has the published password and removes
    /// that password, so a database that started as a demo can go into production.
    /// </summary>
    public static async Task<int> DisableDemoAccountsAsync(IServiceProvider services, TextWriter output)
    {
        var users = services.GetRequiredService<UserManager<MonevUser>>();
        var demo = await DemoMode.AccountsWithDemoPasswordAsync(users);
        foreach (var user in demo)
        {
            user.IsDisabled = true;
            Check(await users.UpdateAsync(user));
            Check(await users.RemovePasswordAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
        }
        await output.WriteLineAsync(demo.Count == 0
            ? "Tidak ada akun demo aktif yang memakai kata sandi demo."
            : $"{demo.Count} akun demo dinonaktifkan dan kata sandinya dihapus: {string.Join(", ", demo.Select(u => u.Email))}.");
        if (!(await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => !u.IsDisabled))
        {
            await output.WriteLineAsync("Tidak ada lagi Admin aktif: buat satu dengan `create-admin --email EMAIL_ANDA`.");
        }
        return Done;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>
    /// Why a file cannot be restored (not a database, damaged, made by a newer version), or null; and the migrations
    /// this build would still apply to it (those of a backup from an older version).
    /// </summary>
    private static async Task<(string? Refusal, List<string> Pending)> CheckAsync(string backup, string[] migrations, CancellationToken cancellationToken)
    {
        string integrity;
        List<string> applied = [];
        try
        {
            integrity = await IntegrityAsync(backup, cancellationToken);
            if (integrity == "ok")
            {
                await using var connection = new SqliteConnection($"{Connection(backup)};Mode=ReadOnly");
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
        }
        catch (SqliteException ex)
        {
            return ($"{backup} bukan basis data MonevDashboard ({ex.Message}).", []);
        }
        if (integrity != "ok")
        {
            return ($"{backup} gagal pemeriksaan integritas ({integrity}).", []);
        }
        var unknown = applied.Except(migrations, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return ($"{backup} dibuat oleh versi MonevDashboard yang lebih baru (migrasi yang tidak dikenal versi ini: {string.Join(", ", unknown)}); " +
                "pulihkan dengan versi tersebut atau yang lebih baru.", []);
        }
        if (applied.Count == 0)
        {
            return ($"{backup} bukan basis data MonevDashboard (tidak memiliki migrasi).", []);
        }
        return (null, [.. migrations.Except(applied, StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Folds the WAL into the live file, then moves the file (and its WAL remnants) aside.</summary>
    private static async Task<string> SetAsideAsync(string live, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = new SqliteConnection(Connection(live)))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) != 0)
            {
                throw new IOException("the live database is busy and could not be checkpointed");
            }
        }
        SqliteConnection.ClearAllPools();
        var aside = $"{live}.replaced-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        File.Move(live, aside);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            // Empty after the checkpoint; SQLite would take them for the restored file's.
            File.Delete(live + suffix);
        }
        return aside;
    }

    private static string Connection(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    private static async Task<string> IntegrityAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"{Connection(file)};Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        command.CommandTimeout = 0;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("; ", lines);
    }

    private static async Task<long> ScalarAsync(string file, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"{Connection(file)};Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}
