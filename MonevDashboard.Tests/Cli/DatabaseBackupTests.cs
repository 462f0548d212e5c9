using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Cli;
using MonevDashboard.Bench;
using MonevDashboard.Data;
using MonevDashboard.Tests.Support;
using MonevDashboard.Features.ExcelImport;
using Xunit.Abstractions;

namespace MonevDashboard.Tests.Cli;

/// <summary>
/// A database with the benchmark's catalogue (room for 100,000 new figures of 2029) and a 100,000-row workbook for it,
/// made once for the class: every test starts from a fresh copy of the database.
/// </summary>
public sealed class LargeImportFixture : IAsyncLifetime
{
    public const int Rows = 100_000;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"monev-ops-{Guid.NewGuid():N}");

    public string BaseDatabase => Path.Combine(Folder, "base.db");

    public string Workbook => Path.Combine(Folder, "import-100k.xlsx");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await using (var services = CreateServices(BaseDatabase))
        {
            var data = await BenchDataSet.CreateAsync(services, BenchDataSet.QuarterCount, Rows, CancellationToken.None);
            await ImportBench.WriteWorkbookAsync(Workbook, data.Series, Rows, CancellationToken.None);
        }
        await CreateImporterAsync();
        await using (var connection = new SqliteConnection($"Data Source={BaseDatabase};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The account the import verb acts as (`--as` is required): made by the real `create-admin` verb.</summary>
    public const string Importer = "importer@monev.go.id";

    private async Task CreateImporterAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MonevDashboard.dll"));
        foreach (var argument in new[] { "create-admin", "--email", Importer })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__Monev"] = $"Data Source={BaseDatabase}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["MONEV_ADMIN_PASSWORD"] = "Importir#2026";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"create-admin failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A fresh copy of the base database (whole: its WAL was checkpointed).</summary>
    public string FreshCopy(string name)
    {
        var path = Path.Combine(Folder, name);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
        File.Copy(BaseDatabase, path);
        return path;
    }

    /// <summary>The app's own services on a database, as the bench and the command line build them.</summary>
    public static ServiceProvider CreateServices(string databasePath) => BenchCommand.CreateServices(databasePath);

    /// <summary>What an import changes, independent of when it ran: every figure, the batches, the audit trail's size.</summary>
    public static async Task<string> StateAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) FROM Observations",
            "SELECT COUNT(*) FROM ImportBatches",
            "SELECT COUNT(*) FROM AuditEntries",
            "SELECT IndicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex, Value, Numerator, Denominator FROM Observations " +
            "ORDER BY IndicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }
                text.Append('\n');
            }
        }
        var counts = string.Join(' ', text.ToString().Split('\n').Take(3));
        return $"{counts} {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16]}";
    }

    public static async Task<string> IntegrityAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}

/// <summary>
/// <c>backup</c> copies a consistent database while an import writes; <c>restore</c> puts it back; and an import killed
/// at any moment leaves the database as it was before or after — never in between.
/// </summary>
// SQLite only: backup and restore copy SQLite files (VACUUM INTO, file swaps, WAL); on PostgreSQL they print the
// pg_dump / pg_restore commands instead (PostgresVerbTests).
[Trait(TestPostgres.Trait, TestPostgres.SqliteOnly)]
public sealed class DatabaseBackupTests(LargeImportFixture fixture, ITestOutputHelper output) : IClassFixture<LargeImportFixture>
{
    [Fact]
    public async Task ABackupTakenDuringAnImportRestoresToTheStateBeforeOrAfterIt()
    {
        var live = fixture.FreshCopy("live.db");
        var backups = Path.Combine(fixture.Folder, "backups");
        var before = await LargeImportFixture.StateAsync(live);
        await using var services = LargeImportFixture.CreateServices(live);
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
        ImportPreview preview;
        await using (var file = File.OpenRead(fixture.Workbook))
        {
            preview = await importer.PreviewAsync(file, "import-100k.xlsx", file.Length);
        }
        Assert.Equal(LargeImportFixture.Rows, preview.Observations.New);

        // Backups one after another for as long as the commit runs; each is checked at once and only the last one
        // finished while the commit still ran is kept for the restore.
        var states = new List<(string State, bool DuringCommit)>();
        string? kept = null;
        var commit = Task.Run(() => importer.CommitAsync(preview));
        while (!commit.IsCompleted)
        {
            var path = Path.Combine(backups, $"during-{states.Count}.db");
            var code = await DatabaseCommands.BackupAsync(path, services, TextWriter.Null, TextWriter.Null);
            Assert.Equal(ExitCodes.Success, code);
            var during = !commit.IsCompleted;
            Assert.Equal("ok", await LargeImportFixture.IntegrityAsync(path));
            states.Add((await LargeImportFixture.StateAsync(path), during));
            if (during && kept is not null)
            {
                File.Delete(kept);
            }
            kept = during ? path : kept;
            if (!during)
            {
                File.Delete(path);
            }
        }
        await commit;
        var after = await LargeImportFixture.StateAsync(live);
        Assert.NotEqual(before, after);
        Assert.NotNull(kept);
        Assert.All(states, s => Assert.Contains(s.State, new[] { before, after }));
        output.WriteLine($"{states.Count} backups while the commit ran: {states.Count(s => s.State == before)} before, " +
            $"{states.Count(s => s.State == after)} after; {states.Count(s => s.DuringCommit)} finished before the commit did");

        // Restore the last one taken while the commit ran, over the imported database.
        var chosen = kept;
        var expected = await LargeImportFixture.StateAsync(chosen);
        using (DatabaseFileLocks.HoldInUse(new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={live}")))
        {
            Assert.Equal(ExitCodes.Refused, await RestoreAsync(services, chosen));
            Assert.Equal(after, await LargeImportFixture.StateAsync(live));
        }
        Assert.Equal(ExitCodes.Success, await RestoreAsync(services, chosen));

        Assert.Equal(expected, await LargeImportFixture.StateAsync(live));
        Assert.Equal("ok", await LargeImportFixture.IntegrityAsync(live));
        var replaced = Assert.Single(Directory.GetFiles(fixture.Folder, "live.db.replaced-*"));
        Assert.Equal(after, await LargeImportFixture.StateAsync(replaced));
    }

    [Fact]
    public async Task RestoreRefusesADamagedFileOrANewerSchemaVersionAndChangesNothing()
    {
        var live = fixture.FreshCopy("refusing.db");
        var before = await LargeImportFixture.StateAsync(live);
        await using var services = LargeImportFixture.CreateServices(live);
        var damaged = Path.Combine(fixture.Folder, "damaged.db");
        await File.WriteAllTextAsync(damaged, "bukan basis data");
        var newer = fixture.FreshCopy("newer.db");
        await using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromANewerVersion', '10.0.0')";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(ExitCodes.Refused, await RestoreAsync(services, damaged));
        Assert.Equal(ExitCodes.Refused, await RestoreAsync(services, newer));
        Assert.Equal(ExitCodes.Refused, await RestoreAsync(services, Path.Combine(fixture.Folder, "missing.db")));

        Assert.Equal(before, await LargeImportFixture.StateAsync(live));
        Assert.Empty(Directory.GetFiles(fixture.Folder, "refusing.db.replaced-*"));
    }

    [Fact]
    public async Task ABackupOfAnOlderVersionIsBroughtUpToDateBeforeItReplacesTheDatabase()
    {
        var live = fixture.FreshCopy("upgrading.db");
        var before = await LargeImportFixture.StateAsync(live);
        await using var services = LargeImportFixture.CreateServices(live);
        var older = Path.Combine(fixture.Folder, "older.db");
        File.Delete(older);
        string[] all;
        var options = new DbContextOptionsBuilder<MonevDbContext>().UseSqlite($"Data Source={older};Pooling=False").Options;
        await using (var db = new MonevDbContext(options))
        {
            all = [.. db.Database.GetMigrations()];
            // The schema as the previous version left it: every migration but the last.
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(all[^2]);
        }
        await using (var connection = new SqliteConnection($"Data Source={older};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
            Assert.Equal(all.Length - 1L, (long)(await command.ExecuteScalarAsync())!);
        }

        Assert.Equal(ExitCodes.Success, await RestoreAsync(services, older));

        await using (var connection = new SqliteConnection($"Data Source={live};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
            var applied = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
            Assert.Equal(all.Order(StringComparer.Ordinal), applied);
        }
        Assert.Equal("ok", await LargeImportFixture.IntegrityAsync(live));
        Assert.StartsWith("0|", await LargeImportFixture.StateAsync(live), StringComparison.Ordinal);
        var replaced = Assert.Single(Directory.GetFiles(fixture.Folder, "upgrading.db.replaced-*"));
        Assert.Equal(before, await LargeImportFixture.StateAsync(replaced));
        Assert.False(File.Exists(live + ".restoring"));
        // The backup itself is left as it was.
        await using (var connection = new SqliteConnection($"Data Source={older};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
            Assert.Equal(all.Length - 1L, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    /// <summary>
    /// The real executable (<c>dotnet MonevDashboard.dll import …</c>) killed with SIGKILL at random moments of a
    /// 100,000-row import, 20 times: SQLite's journal makes the commit atomic, so each database is exactly as before or
    /// as after the import, and whole.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task AnImportKilledAtRandomMomentsLeavesTheDatabaseBeforeOrAfterIt()
    {
        const int Runs = 20;
        var before = await LargeImportFixture.StateAsync(fixture.BaseDatabase);
        var complete = fixture.FreshCopy("complete.db");
        var clock = Stopwatch.StartNew();
        TimeSpan previewed;
        using (var run = StartImport(complete, out var firstLine))
        {
            // The verb prints its report when the preview is done, right before it commits.
            await firstLine;
            previewed = clock.Elapsed;
            await run.WaitForExitAsync();
            Assert.Equal(0, run.ExitCode);
        }
        var duration = clock.Elapsed;
        var after = await LargeImportFixture.StateAsync(complete);
        Assert.NotEqual(before, after);

        var seed = Environment.TickCount;
        var random = new Random(seed);
        var outcomes = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var database = fixture.FreshCopy($"killed-{i}.db");
            // Every other kill falls in the commit (from the end of the preview to the end), the rest anywhere.
            var from = i % 2 == 0 ? TimeSpan.Zero : previewed;
            var delay = from + TimeSpan.FromMilliseconds(random.Next(0, (int)(duration - from).TotalMilliseconds));
            using (var run = StartImport(database, out _))
            {
                await Task.Delay(delay);
                run.Kill();
                await run.WaitForExitAsync();
            }
            var state = await LargeImportFixture.StateAsync(database);
            Assert.Equal("ok", await LargeImportFixture.IntegrityAsync(database));
            Assert.Contains(state, new[] { before, after });
            outcomes.Add($"{delay.TotalMilliseconds:0} ms → {(state == before ? "before" : "after")}");
        }
        output.WriteLine($"Full import {duration.TotalSeconds:0.0} s (preview {previewed.TotalSeconds:0.0} s); seed {seed}; {string.Join("; ", outcomes)}");
    }

    private Process StartImport(string database, out Task firstLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MonevDashboard.dll"));
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(fixture.Workbook);
        foreach (var argument in new[] { "--as", LargeImportFixture.Importer, "--reason", "Uji pemulihan setelah proses dihentikan" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__Monev"] = $"Data Source={database}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Monev__DemoData"] = "false";
        var process = Process.Start(start)!;
        // Drain the output so the child never blocks on a full pipe.
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, _) => printed.TrySetResult();
        process.Exited += (_, _) => printed.TrySetResult();
        process.EnableRaisingEvents = true;
        firstLine = printed.Task;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, string file)
    {
        await using var scope = services.CreateAsyncScope();
        return await DatabaseCommands.RestoreAsync(file, scope.ServiceProvider, TextWriter.Null, TextWriter.Null);
    }
}
