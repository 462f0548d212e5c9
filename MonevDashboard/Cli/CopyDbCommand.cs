using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using Npgsql;

namespace MonevDashboard.Cli;

/// <summary>
/// <c>copy-db --to-postgres "CONNECTION"</c>: moves an existing SQLite deployment into an empty PostgreSQL database in
/// one transaction. The target gets the PostgreSQL migrations' schema, then every table of the EF model (so a table
/// added to the model is never forgotten) is copied with its primary keys by binary COPY, the identity sequences are
/// moved past the copied keys, and each table's row count and content digest (<see cref="TableDigest"/>) are compared
/// on both sides before anything is committed. A non-empty target is refused untouched.
/// </summary>
public static class CopyDbCommand
{
    public sealed record Outcome(string Table, long SourceRows, long TargetRows, string SourceDigest, string TargetDigest)
    {
        public bool Same => SourceRows == TargetRows && string.Equals(SourceDigest, TargetDigest, StringComparison.Ordinal);
    }

    private const string HistoryTable = "__EFMigrationsHistory";

    public static async Task<int> RunAsync(string targetConnectionString, IServiceProvider services, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        var location = services.GetRequiredService<DatabaseLocation>();
        if (!location.IsSqlite)
        {
            await error.WriteLineAsync($"copy-db membaca basis data SQLite yang dikonfigurasi, tetapi {DatabaseLocation.ProviderKey} = Postgres. " +
                "Jalankan copy-db dengan konfigurasi SQLite yang lama (ConnectionStrings:Monev ke berkas monev.db). Tidak ada yang diubah.");
            return ExitCodes.Refused;
        }
        var sourceFile = DatabaseFileLocks.DatabaseFile(location);
        if (sourceFile is null || !File.Exists(sourceFile))
        {
            await error.WriteLineAsync($"Tidak ada basis data SQLite untuk disalin di {sourceFile ?? "(memori)"}. Tidak ada yang diubah.");
            return ExitCodes.Refused;
        }
        DatabaseLocation target;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(targetConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                throw new ArgumentException("Host dan Database wajib ada");
            }
            target = new DatabaseLocation(DatabaseProvider.Postgres, builder.ToString());
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"String koneksi PostgreSQL tidak valid ({ex.Message}). Contoh: " +
                "\"Host=db.example;Port=5432;Database=monev;Username=monev;Password=…\". Tidak ada yang diubah.");
            return ExitCodes.Refused;
        }

        await using var sourceDb = location.CreateContext();
        await using var targetDb = target.CreateContext();
        var tables = CopyOrder(targetDb.Model.GetRelationalModel());
        var sourceTables = sourceDb.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder(location.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken);
        var sourceRefusal = await CheckSourceAsync(source, sourceDb);
        if (sourceRefusal is not null)
        {
            await error.WriteLineAsync($"Tidak disalin: {sourceRefusal} Tidak ada yang diubah.");
            return ExitCodes.Refused;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await error.WriteLineAsync($"Tidak dapat terhubung ke {target.Describe()}: {ex.Message}. Periksa Host, Port, Database, Username " +
                "dan Password, dan bahwa basis data kosongnya sudah dibuat (createdb). Tidak ada yang diubah.");
            return ExitCodes.Failure;
        }

        // One snapshot of the source for the copy and its digests; one transaction on the target for everything.
        await using var sourceTransaction = source.BeginTransaction(deferred: true);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // An app instance starting on the target meanwhile waits instead of migrating it under the copy.
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({PostgresLocks.MigrationKey})", cancellationToken);
        var (targetRefusal, appliedMigration) = await CheckTargetAsync(connection, targetDb, cancellationToken);
        if (targetRefusal is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            await error.WriteLineAsync($"Tidak disalin: {targetRefusal} Tidak ada yang diubah.");
            return ExitCodes.Refused;
        }

        await output.WriteLineAsync($"Menyalin {sourceFile} ke {target.Describe()} …");
        var script = targetDb.GetService<IMigrator>().GenerateScript(appliedMigration, null, MigrationsSqlGenerationOptions.NoTransactions);
        if (!string.IsNullOrWhiteSpace(script))
        {
            await ExecuteAsync(connection, script, cancellationToken);
        }
        foreach (var table in tables)
        {
            var rows = await CopyTableAsync(source, sourceTables[table.Name], connection, table, cancellationToken);
            await output.WriteLineAsync($"  {table.Name}: {rows.ToString("N0", FigureFormatter.Culture)} baris");
        }
        await ResetSequencesAsync(connection, tables, cancellationToken);

        var outcomes = new List<Outcome>();
        foreach (var table in tables)
        {
            var (sourceRows, sourceDigest) = await TableDigest.ComputeAsync(source, sourceTables[table.Name], cancellationToken);
            var (targetRows, targetDigest) = await TableDigest.ComputeAsync(connection, table, cancellationToken);
            outcomes.Add(new Outcome(table.Name, sourceRows, targetRows, sourceDigest, targetDigest));
        }
        await WriteComparisonAsync(outcomes, output);
        if (outcomes.Any(o => !o.Same))
        {
            await transaction.RollbackAsync(cancellationToken);
            await error.WriteLineAsync($"Salinan tidak sama dengan sumbernya pada tabel {string.Join(", ", outcomes.Where(o => !o.Same).Select(o => o.Table))}; " +
                "transaksi dibatalkan, basis data tujuan tetap kosong.");
            return ExitCodes.Failure;
        }
        await transaction.CommitAsync(cancellationToken);
        await QueryPlannerStatistics.RefreshAsync(targetDb, cancellationToken);
        await output.WriteLineAsync($"Selesai: {outcomes.Count} tabel, {outcomes.Sum(o => o.TargetRows).ToString("N0", FigureFormatter.Culture)} baris, " +
            $"jumlah baris dan digest SHA-256 sama di kedua sisi. Ubah konfigurasi aplikasi ke {DatabaseLocation.ProviderKey}=Postgres dengan " +
            $"ConnectionStrings:{DatabaseLocation.ConnectionStringName} ini.");
        return ExitCodes.Success;
    }

    /// <summary>The tables of the model, each after the tables its foreign keys point to (a key to itself is checked at the end of its COPY).</summary>
    internal static List<ITable> CopyOrder(IRelationalModel model)
    {
        var tables = model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        while (ordered.Count < tables.Count)
        {
            var next = tables.FirstOrDefault(t => !placed.Contains(t)
                && t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable)))
                ?? throw new InvalidOperationException(
                    $"The model's foreign keys form a cycle among {string.Join(", ", tables.Where(t => !placed.Contains(t)).Select(t => t.Name))}; copy-db needs an order.");
            ordered.Add(next);
            placed.Add(next);
        }
        return ordered;
    }

    /// <summary>Why the source cannot be copied as this build's model describes it (not migrated to this version), or null.</summary>
    private static async Task<string?> CheckSourceAsync(SqliteConnection source, MonevDbContext sourceDb)
    {
        var applied = new List<string>();
        try
        {
            await using var command = source.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (SqliteException ex)
        {
            return $"{source.DataSource} bukan basis data MonevDashboard ({ex.Message}).";
        }
        var known = sourceDb.Database.GetMigrations().ToList();
        if (applied.Except(known, StringComparer.Ordinal).Any())
        {
            return "basis data SQLite dibuat oleh versi MonevDashboard yang lebih baru; salin dengan versi tersebut.";
        }
        if (known.Except(applied, StringComparer.Ordinal).Any())
        {
            return "skema basis data SQLite belum mutakhir; jalankan `migrate` dengan konfigurasi SQLite-nya dulu, lalu copy-db lagi.";
        }
        return null;
    }

    /// <summary>
    /// Why the target is refused (a row in any table, or tables that are not this app's), or null with the last of this
    /// build's migrations already applied to its empty schema (null: none).
    /// </summary>
    private static async Task<(string? Refusal, string? Applied)> CheckTargetAsync(NpgsqlConnection connection, MonevDbContext targetDb, CancellationToken cancellationToken)
    {
        var tables = new List<(string Schema, string Name)>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' " +
            "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var filled = new List<string>();
        foreach (var (schema, name) in tables.Where(t => t.Name != HistoryTable))
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Quote(schema)}.{Quote(name)})", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                filled.Add(name);
            }
        }
        if (filled.Count > 0)
        {
            return ($"basis data tujuan tidak kosong (ada baris di {string.Join(", ", filled.Take(5))}{(filled.Count > 5 ? ", …" : "")}). " +
                "copy-db hanya menyalin ke basis data kosong: buat yang baru (createdb) atau kosongkan dulu (dropdb lalu createdb).", null);
        }
        var applied = new List<string>();
        if (tables.Any(t => t.Name == HistoryTable))
        {
            await using var command = new NpgsqlCommand($"SELECT \"MigrationId\" FROM {Quote(HistoryTable)} ORDER BY 1", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        var known = targetDb.Database.GetMigrations().ToList();
        if (applied.Count == 0 && tables.Count > 0 || !applied.SequenceEqual(known.Take(applied.Count), StringComparer.Ordinal))
        {
            return ("basis data tujuan berisi tabel yang bukan skema MonevDashboard versi ini; berikan basis data kosong.", null);
        }
        return (null, applied.LastOrDefault());
    }

    /// <summary>Copies one table by binary COPY, each value read as the source provider stores it and written as the target's model maps it.</summary>
    private static async Task<long> CopyTableAsync(SqliteConnection source, ITable sourceTable, NpgsqlConnection target, ITable table, CancellationToken cancellationToken)
    {
        var columns = table.Columns.Select(c => (Target: new ColumnCodec(c), Source: new ColumnCodec(sourceTable.FindColumn(c.Name)
            ?? throw new InvalidOperationException($"{sourceTable.Name}.{c.Name} is missing from the SQLite model")))).ToList();
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Source.Name)))} FROM {Quote(sourceTable.Name)} " +
            $"ORDER BY {TableDigest.OrderBy(sourceTable)}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var writer = await target.BeginBinaryImportAsync(
            $"COPY {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Target.Name)))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Source.ReadModelValue(reader, i);
                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(columns[i].Target.ToProvider(value), cancellationToken);
                }
            }
            rows++;
        }
        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>Moves each identity column's sequence past the largest copied key, so the next insert takes a new one.</summary>
    private static async Task ResetSequencesAsync(NpgsqlConnection connection, IEnumerable<ITable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            foreach (var column in table.Columns.Where(c => c.ProviderClrType == typeof(int) || c.ProviderClrType == typeof(long)))
            {
                await using var find = new NpgsqlCommand("SELECT pg_get_serial_sequence(@table, @column)", connection);
                find.Parameters.AddWithValue("table", Quote(table.Name));
                find.Parameters.AddWithValue("column", column.Name);
                if (await find.ExecuteScalarAsync(cancellationToken) is not string sequence)
                {
                    continue;
                }
                await using var reset = new NpgsqlCommand(
                    $"SELECT setval(@sequence, COALESCE((SELECT MAX({Quote(column.Name)}) FROM {Quote(table.Name)}), 0) + 1, false)", connection);
                reset.Parameters.AddWithValue("sequence", sequence);
                await reset.ExecuteScalarAsync(cancellationToken);
            }
        }
    }

    private static async Task WriteComparisonAsync(List<Outcome> outcomes, TextWriter output)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"Tabel",-26} {"SQLite",12} {"PostgreSQL",12}  SHA-256 (SQLite / PostgreSQL)");
        foreach (var o in outcomes)
        {
            await output.WriteLineAsync($"{o.Table,-26} {o.SourceRows.ToString("N0", FigureFormatter.Culture),12} {o.TargetRows.ToString("N0", FigureFormatter.Culture),12}  " +
                $"{o.SourceDigest} / {o.TargetDigest}  {(o.Same ? "sama" : "BERBEDA")}");
        }
        await output.WriteLineAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

/// <summary>
/// One column as its provider stores it and the model reads it: the provider's CLR type, read with
/// <see cref="DbDataReader.GetFieldValue{T}"/>, and the model's value converter (e.g. the UTC conventions).
/// </summary>
internal sealed class ColumnCodec
{
    private static readonly MethodInfo s_read = typeof(ColumnCodec).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly Func<DbDataReader, int, object> _read;
    private readonly ValueConverter? _converter;

    public ColumnCodec(IColumnBase column)
    {
        Name = column.Name;
        var mapping = column.PropertyMappings[0].TypeMapping;
        _converter = mapping.Converter;
        ProviderType = Nullable.GetUnderlyingType(column.ProviderClrType) ?? column.ProviderClrType;
        _read = s_read.MakeGenericMethod(ProviderType).CreateDelegate<Func<DbDataReader, int, object>>();
    }

    public string Name { get; }

    public Type ProviderType { get; }

    /// <summary>The value as the model sees it, or null.</summary>
    public object? ReadModelValue(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        var stored = _read(reader, ordinal);
        return _converter is null ? stored : _converter.ConvertFromProvider(stored);
    }

    /// <summary>A model value as this provider stores it, in the form Npgsql writes for the column's type.</summary>
    public object ToProvider(object value)
    {
        var stored = _converter is null ? value : _converter.ConvertToProvider(value)!;
        return stored switch
        {
            // timestamp with time zone takes UTC only.
            DateTime { Kind: not DateTimeKind.Utc } time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            DateTimeOffset time => time.ToUniversalTime(),
            _ => stored,
        };
    }

    private static object Read<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;
}

/// <summary>
/// A table's row count and SHA-256 digest, computed the same way on SQLite and PostgreSQL: rows in primary-key order,
/// each value as the model reads it in one canonical text form (invariant numbers, booleans 0/1, date-times in ISO UTC
/// to the microsecond, PostgreSQL's resolution), each value length-prefixed so no separator can be forged.
/// </summary>
public static class TableDigest
{
    public static async Task<(long Rows, string Digest)> ComputeAsync(DbConnection connection, ITable table, CancellationToken cancellationToken)
    {
        var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ColumnCodec(c)).ToList();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => CopyDbCommand.Quote(c.Name)))} FROM {CopyDbCommand.Quote(table.Name)} ORDER BY {OrderBy(table)}";
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        var line = new StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                if (Canonical(columns[i].ReadModelValue(reader, i)) is { } text)
                {
                    line.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                }
                else
                {
                    line.Append('-');
                }
                line.Append('|');
            }
            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
            rows++;
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The primary key's columns (all columns for a table without one), quoted, in the key's order.</summary>
    internal static string OrderBy(ITable table) =>
        string.Join(", ", (table.PrimaryKey?.Columns ?? table.Columns).Select(c => CopyDbCommand.Quote(c.Name)));

    /// <summary>The one text form of a model value on either provider; null for SQL NULL.</summary>
    public static string? Canonical(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "1" : "0",
        DateTime time => (time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime())
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        decimal number => number.ToString("G29", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        Guid id => id.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
