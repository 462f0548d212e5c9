using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Cli;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Tests.Support;
using Npgsql;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Cli;

/// <summary>
/// <c>copy-db --to-postgres</c> moves a SQLite deployment (demo data, accounts, an import and its audit trail, the
/// data-protection keys) into an empty PostgreSQL database: identical per table, the keys' sequences continuing; a
/// non-empty target and a bad connection string are refused with nothing written.
/// </summary>
[Collection(CommandLineCollection.Name)]
[Trait(TestPostgres.Trait, TestPostgres.PostgresOnly)]
public sealed class CopyDbCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"monev-copydb-{Guid.NewGuid():N}");
    private readonly List<string> _targets = [];
    private string _source = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _source = Path.Combine(_folder, "monev.db");
        UseSqlite();
        Assert.Equal(ExitCodes.Success, (await RunAsync("migrate", "--demo")).Code);
        var workbook = Path.Combine(_folder, "data.xlsx");
        await File.WriteAllBytesAsync(workbook, DataWorkbook(
            Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P2-INFO-EVENTS", 2026, 3, "Jawa Timur", value: 5)));
        var import = await RunAsync("import", workbook, "--as", DemoAccounts.All[0].Email, "--reason", "uji salin basis data");
        Assert.True(import.Code == ExitCodes.Success, import.Output + import.Error);
        await using var db = OpenSqlite();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-uji", Xml = "<key id=\"uji\" />" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var name in new[] { "ConnectionStrings__Monev", "Monev__Database", "Monev__DemoData" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        foreach (var target in _targets)
        {
            await TestPostgres.DropDatabaseAsync(target);
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ASeededDemoDatabaseArrivesIdenticalAndItsKeysContinue()
    {
        var target = await CreateTargetAsync();

        var (code, output, error) = await RunAsync("copy-db", "--to-postgres", target);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.DoesNotContain("BERBEDA", output, StringComparison.Ordinal);
        await using var sqlite = OpenSqlite();
        await using var postgres = OpenPostgres(target);
        // Every table of the model was compared, and no table is missing a row: an independent count per table.
        foreach (var table in postgres.Model.GetRelationalModel().Tables)
        {
            Assert.Contains($"{table.Name} ", output, StringComparison.Ordinal);
            var count = await CountAsync(sqlite, table.Name);
            Assert.Equal(count, await CountAsync(postgres, table.Name));
        }
        Assert.True(await sqlite.AuditEntries.AnyAsync());
        Assert.Equal(1, await postgres.ImportBatches.CountAsync());
        Assert.Equal(await sqlite.ImportBatchChanges.CountAsync(), await postgres.ImportBatchChanges.CountAsync());
        // Figures exactly; time stamps to the microsecond, PostgreSQL's resolution (SQLite's text keeps 100 ns).
        static object Figure(Observation o) => new { o.Id, o.Value, o.Numerator, o.Status, Microseconds = o.UpdatedAt.Ticks / 10, o.UpdatedAt.Kind };
        Assert.Equal(
            (await sqlite.Observations.OrderBy(o => o.Id).ToListAsync()).Select(Figure),
            (await postgres.Observations.OrderBy(o => o.Id).ToListAsync()).Select(Figure));
        Assert.Equal("key-uji", (await postgres.DataProtectionKeys.SingleAsync()).FriendlyName);

        // A user is found the way sign-in finds one, with the same password hash and roles.
        var admin = DemoAccounts.All[0].Email;
        var normalized = admin.ToUpperInvariant();
        var copied = await postgres.Users.SingleAsync(u => u.NormalizedEmail == normalized);
        var original = await sqlite.Users.SingleAsync(u => u.NormalizedEmail == normalized);
        Assert.Equal(original.Id, copied.Id);
        Assert.Equal(original.PasswordHash, copied.PasswordHash);
        Assert.Equal(await sqlite.UserRoles.CountAsync(r => r.UserId == original.Id), await postgres.UserRoles.CountAsync(r => r.UserId == copied.Id));

        // The identity sequences continue after the copied keys: new rows get new keys.
        var lastAudit = await postgres.AuditEntries.MaxAsync(a => a.Id);
        var lastObservation = await postgres.Observations.MaxAsync(o => o.Id);
        var observation = await postgres.Observations.AsNoTracking().OrderBy(o => o.Id).FirstAsync();
        postgres.AuditEntries.Add(new AuditEntry
        {
            UserName = admin,
            Action = "Uji",
            EntityType = "Observation",
            EntityKey = "1",
            At = DateTime.UtcNow,
        });
        await postgres.SaveChangesAsync();
        Assert.True(await postgres.AuditEntries.MaxAsync(a => a.Id) > lastAudit);
        observation.Id = 0;
        observation.Year = 2029;
        postgres.Observations.Add(observation);
        await postgres.SaveChangesAsync();
        Assert.True(observation.Id > lastObservation);
    }

    [Fact]
    public async Task ANonEmptyTargetIsRefusedAndLeftAsItWas()
    {
        // A database the app already started on: migrated and seeded with its reference data.
        var target = await CreateTargetAsync();
        Environment.SetEnvironmentVariable("Monev__Database", "Postgres");
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", target);
        Assert.Equal(ExitCodes.Success, (await RunAsync("migrate")).Code);
        var before = await DigestsAsync(target);
        UseSqlite();

        var (code, output, error) = await RunAsync("copy-db", "--to-postgres", target);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("basis data tujuan tidak kosong", error, StringComparison.Ordinal);
        Assert.Contains("Tidak ada yang diubah.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Menyalin", output, StringComparison.Ordinal);
        Assert.Equal(before, await DigestsAsync(target));

        // One row in a table that is not the app's is refused all the same.
        var other = await CreateTargetAsync();
        await using (var connection = new NpgsqlConnection(other))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE catatan (isi text); INSERT INTO catatan VALUES ('jangan hapus')", connection);
            await command.ExecuteNonQueryAsync();
        }
        var (refused, _, message) = await RunAsync("copy-db", "--to-postgres", other);
        Assert.Equal(ExitCodes.Refused, refused);
        Assert.Contains("catatan", message, StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(other))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'", connection);
            Assert.Equal("catatan", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task ABadConnectionStringIsAClearMessage()
    {
        var (malformed, _, error) = await RunAsync("copy-db", "--to-postgres", "Host=localhost;Port");
        Assert.Equal(ExitCodes.Refused, malformed);
        Assert.Contains("String koneksi PostgreSQL tidak valid", error, StringComparison.Ordinal);

        var missing = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = $"tidak_ada_{Guid.NewGuid():N}" }.ToString();
        var (unreachable, _, refusal) = await RunAsync("copy-db", "--to-postgres", missing);
        Assert.Equal(ExitCodes.Failure, unreachable);
        Assert.Contains("Tidak dapat terhubung ke PostgreSQL", refusal, StringComparison.Ordinal);
        Assert.Contains("does not exist", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refusal, StringComparison.Ordinal);

        var (usage, _, required) = await RunAsync("copy-db");
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Opsi --to-postgres wajib diisi.", required, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItReadsOnlyASqliteDatabase()
    {
        var target = await CreateTargetAsync();
        Environment.SetEnvironmentVariable("Monev__Database", "Postgres");
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", target);

        var (code, _, error) = await RunAsync("copy-db", "--to-postgres", target);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("copy-db membaca basis data SQLite", error, StringComparison.Ordinal);
    }

    private void UseSqlite()
    {
        Environment.SetEnvironmentVariable("Monev__Database", "Sqlite");
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", $"Data Source={_source}");
        Environment.SetEnvironmentVariable("Monev__DemoData", "false");
    }

    private async Task<string> CreateTargetAsync()
    {
        var target = await TestPostgres.CreateDatabaseAsync("feat_pg_cli_copydb");
        _targets.Add(target);
        return target;
    }

    private MonevDbContext OpenSqlite() =>
        new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={_source};Pooling=False").CreateContext();

    private static MonevDbContext OpenPostgres(string connectionString) =>
        new DatabaseLocation(DatabaseProvider.Postgres, connectionString).CreateContext();

    private static async Task<long> CountAsync(MonevDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every table's digest on a PostgreSQL database, computed by the server itself (md5 of the table's rows as text).</summary>
    private static async Task<string> DigestsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var digests = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT md5(COALESCE(string_agg(t::text, '\n' ORDER BY t::text), '')) FROM \"{table}\" t", connection);
            digests.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join(";", digests);
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CommandLineTests.RunVerbAsync(args);
}
