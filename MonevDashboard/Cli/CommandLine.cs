using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using MonevDashboard.Bench;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Components.Localization;
using MonevDashboard.Domain.Access;
namespace MonevDashboard.Cli;

/// <summary>
/// The command-line verbs of the same executable: `dotnet run --project MonevDashboard -- VERB …`, read by one
/// System.CommandLine parser. Help and messages are Indonesian, like the app's default language; every verb answers
/// with the <see cref="ExitCodes"/>. Each verb builds a small host with the app's own services, so it runs the same
/// code paths as the web app.
/// </summary>
public static class CommandLine
{
    public static bool IsVerb(string[] args) =>
        args is ["--help" or "-h", ..]
        || args.Length > 0 && new Verbs(TextWriter.Null, TextWriter.Null, ReadOnly).Root.Subcommands.Any(c => c.Name == args[0]);

    /// <summary>Runs a verb as the executable does: a host of its own, the console, the exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var (verb, configuration) = Split(args);
        return new Verbs(Console.Out, Console.Error, (name, demo, body, cancellationToken) =>
                InHostAsync(name, demo ? [.. configuration, .. DemoMode.ExpandSwitch([DemoMode.Switch])] : configuration, body, cancellationToken))
            .InvokeAsync(verb);
    }

    /// <summary>Runs a verb on services the caller built (tests): the same parser, messages and exit codes, without a host.</summary>
    internal static Task<int> InvokeAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error) =>
        new Verbs(output, error, async (_, _, body, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            return await body(scope.ServiceProvider, cancellationToken);
        }).InvokeAsync(Split(args).Verb);

    /// <summary>Reads a command line without running it (tests): its usage errors, or the arguments the verb would run with.</summary>
    internal static (IReadOnlyList<string> Errors, object? Arguments) Read(IReadOnlyList<string> args) =>
        new Verbs(TextWriter.Null, TextWriter.Null, ReadOnly).Read(Split(args).Verb);

    /// <summary>Options of the form --Section:Key=value are host configuration (e.g. --ConnectionStrings:Monev=…), not the verb's.</summary>
    private static (string[] Verb, string[] Configuration) Split(IReadOnlyList<string> args)
    {
        static bool IsConfiguration(string arg) =>
            arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);
        return ([.. args.Where(a => !IsConfiguration(a))], [.. args.Where(IsConfiguration)]);
    }

    /// <summary>Runs a verb's body with its services: a host built for it (the executable) or the caller's (tests).</summary>
    private delegate Task<int> Runner(string verb, bool demo, Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken);

    private static Task<int> ReadOnly(string verb, bool demo, Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This command line is only read, never run.");

    private static async Task<int> InHostAsync(string verb, string[] configuration, Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configuration,
            ContentRootPath = AppContext.BaseDirectory,
            // `dotnet run` sets ASPNETCORE_ENVIRONMENT from the launch profile: a verb sees the same environment as the app.
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Standard output is the verb's report (its last line is read by scripts and tests): log events go to standard error.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddMonevLocalization();
        builder.Services.AddMonevData(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddMonevDomain();
        builder.Services.AddScoped<CommandLineUser>();
        builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CommandLineUser>());
        using var host = builder.Build();
        // Every verb but restore marks the database in use, so restore cannot swap it underneath.
        using var inUse = verb == "restore" ? null
            : DatabaseFileLocks.HoldInUse(host.Services.GetRequiredService<DatabaseLocation>());
        await using var scope = host.Services.CreateAsyncScope();
        return await body(scope.ServiceProvider, cancellationToken);
    }

    private static async Task<int> CreateAdminAsync(string email, IServiceProvider services, TextWriter output)
    {
        var password = Environment.GetEnvironmentVariable("MONEV_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected)
            {
                await output.WriteAsync("Kata sandi: ");
            }
            password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n');
        }
        if (string.IsNullOrEmpty(password))
        {
            throw new CommandLineException("Tidak ada kata sandi: isi MONEV_ADMIN_PASSWORD atau kirimkan lewat masukan standar.");
        }
        await services.GetRequiredService<DatabaseInitializer>().InitializeWithoutDemoDataAsync();
        try
        {
            await services.GetRequiredService<AccountService>().CreateFirstAdminAsync(email, password);
        }
        catch (AccountException ex)
        {
            throw new CommandLineException(ex.Message);
        }
        await output.WriteLineAsync($"Akun Admin {email} dibuat.");
        return ExitCodes.Success;
    }

    /// <summary>The verbs of one run: their options, help, messages and actions.</summary>
    private sealed class Verbs
    {
        private const string ExitCodeLine =
            "Kode keluar: 0 berhasil; 2 salah penggunaan atau masukan ditolak (tidak ada yang ditulis); 1 kegagalan lain.";

        private const string ConfigurationLine =
            "Konfigurasi boleh menyusul perintah sebagai --Bagian:Kunci=Nilai, misalnya --ConnectionStrings:Monev=\"Data Source=/tmp/x.db\".";

        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly Runner _run;
        private readonly HelpOption _help;
        private readonly Option<bool> _demo = new(DemoMode.Switch)
        {
            Recursive = true,
            Description = "mengisi data dan akun demo bila basis data masih baru (create-admin mengabaikannya)",
        };

        /// <summary>The messages this class wrote (Indonesian); any other parse error is System.CommandLine's, and is reworded.</summary>
        private readonly HashSet<string> _own = new(StringComparer.Ordinal);
        private readonly HashSet<Option> _required = [];
        private readonly Dictionary<Command, Func<ParseResult, object?>> _readers = [];

        public Verbs(TextWriter output, TextWriter error, Runner run)
        {
            _output = output;
            _error = error;
            _run = run;
            Root = new RootCommand("MonevDashboard — Monev PKS Kemendag–KP2MI");
            Root.Options.Remove(Root.Options.OfType<VersionOption>().Single());
            _help = Root.Options.OfType<HelpOption>().Single();
            Root.Options.Add(_demo);
            foreach (var verb in new[] { HelpVerb(), Migrate(), CreateAdmin(), Export(), Template(), Import(), Backup(), Restore(), CopyDb(), DisableDemoAccounts(), Bench() })
            {
                Root.Subcommands.Add(verb);
            }
        }

        public RootCommand Root { get; }

        public async Task<int> InvokeAsync(string[] args)
        {
            var parse = Parse(args);
            if (parse.GetResult(_help) is not null)
            {
                await WriteHelpAsync(parse.CommandResult.Command);
                return ExitCodes.Success;
            }
            if (parse.Errors.Count > 0)
            {
                foreach (var message in Messages(parse))
                {
                    await _error.WriteLineAsync(message);
                }
                await _error.WriteLineAsync(parse.CommandResult.Command is RootCommand ? "Lihat: help" : $"Lihat: help {parse.CommandResult.Command.Name}");
                return ExitCodes.Refused;
            }
            // Messages follow the app's default language (Indonesian) and id-ID number formats.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(CultureSetup.FormatCulture);
            try
            {
                return await parse.InvokeAsync(new InvocationConfiguration
                {
                    EnableDefaultExceptionHandler = false,
                    // Ctrl+C ends a verb as it always did: at once, the database's journal keeping it whole.
                    ProcessTerminationTimeout = null,
                    Output = _output,
                    Error = _error,
                });
            }
            catch (CommandLineException ex)
            {
                await _error.WriteLineAsync(ex.Message);
                return ExitCodes.Refused;
            }
            catch (Exception ex)
            {
                await _error.WriteLineAsync($"Gagal: {ex.Message}");
                await _error.WriteLineAsync(ex.ToString());
                return ExitCodes.Failure;
            }
        }

        public (IReadOnlyList<string> Errors, object? Arguments) Read(string[] args)
        {
            var parse = Parse(args);
            return parse.Errors.Count > 0
                ? ([.. Messages(parse)], null)
                : ([], _readers.TryGetValue(parse.CommandResult.Command, out var read) ? read(parse) : null);
        }

        // A token starting with @ is a file name or an address here, never a response file.
        private ParseResult Parse(string[] args) => Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        /// <summary>Every parse error in Indonesian: this class's own messages as written, System.CommandLine's reworded.</summary>
        private List<string> Messages(ParseResult parse)
        {
            var messages = parse.UnmatchedTokens
                .Select(token => token.StartsWith('-') ? $"Opsi tidak dikenal: {token}." : $"Argumen tidak dikenal: {token}.")
                .ToList();
            foreach (var error in parse.Errors)
            {
                var option = error.SymbolResult switch
                {
                    OptionResult result => result,
                    ArgumentResult { Parent: OptionResult result } => result,
                    _ => null,
                };
                var message = _own.Contains(error.Message) ? error.Message
                    : option is { IdentifierTokenCount: > 1 } ? $"Opsi {option.Option.Name} diberikan lebih dari sekali."
                    : option is not null ? $"Opsi {option.Option.Name} memerlukan nilai."
                    : error.SymbolResult is ArgumentResult argument ? $"Argumen {argument.Argument.Name} wajib diisi."
                    : parse.UnmatchedTokens.Count > 0 ? null
                    : error.SymbolResult is CommandResult command
                        && command.Command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > 0 && (command.GetResult(a)?.Tokens.Count ?? 0) == 0) is { } missing
                        ? $"Argumen {missing.Name} wajib diisi."
                    : error.Message;
                if (message is not null && !messages.Contains(message))
                {
                    messages.Add(message);
                }
            }
            return messages;
        }

        private void Refuse(SymbolResult result, string message)
        {
            _own.Add(message);
            result.AddError(message);
        }

        /// <summary>
        /// A verb: its required options checked, every option with a value taking exactly one, its arguments read from the
        /// parse (also for <see cref="Read"/>), its body run with the services <see cref="Runner"/> gives.
        /// </summary>
        private Command Verb<TArguments>(Command command, Func<ParseResult, TArguments> read,
            Func<TArguments, IServiceProvider, CancellationToken, Task<int>> run)
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool)))
            {
                option.Arity = ArgumentArity.ExactlyOne;
            }
            command.Validators.Add(result =>
            {
                foreach (var option in command.Options.Where(_required.Contains).Where(o => result.GetResult(o) is null))
                {
                    Refuse(result, $"Opsi {option.Name} wajib diisi.");
                }
            });
            _readers[command] = parse => read(parse);
            command.SetAction((parse, cancellationToken) =>
                _run(command.Name, parse.GetValue(_demo), (services, token) => run(read(parse), services, token), cancellationToken));
            return command;
        }

        private T Required<T>(T option) where T : Option
        {
            _required.Add(option);
            return option;
        }

        private Option<string> NotEmpty(Option<string> option)
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is { Length: 0 })
                {
                    Refuse(result, $"Nama berkas {option.Name} tidak boleh kosong.");
                }
            });
            return option;
        }

        /// <summary>A value read by <paramref name="parse"/> (null: not valid), or the refusal that says why.</summary>
        private Func<ArgumentResult, T?> Parser<T>(Func<string, T?> parse, Func<string, string> refusal) where T : struct => result =>
        {
            if (result.Tokens is not [var token])
            {
                return null;
            }
            if (parse(token.Value) is { } value)
            {
                return value;
            }
            Refuse(result, refusal(token.Value));
            return null;
        };

        private Func<ArgumentResult, long?> Number(string name, long min, long max) => Parser<long>(
            text =>
            {
                var cleaned = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
                return long.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max ? number : null;
            },
            text => $"Nilai {name} \"{text}\" tidak valid: tulis bilangan bulat {min.ToString("N0", FigureFormatter.Culture)}–{max.ToString("N0", FigureFormatter.Culture)}.");

        private Command HelpVerb()
        {
            var verb = new Argument<string>("PERINTAH") { Arity = ArgumentArity.ZeroOrOne, Description = "perintah yang dijelaskan; tanpa itu, daftar semua perintah" };
            verb.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is { } name && Find(name) is null)
                {
                    Refuse(result, $"Perintah tidak dikenal: {name}.");
                }
            });
            var command = new Command("help", "Menampilkan daftar perintah, atau penjelasan satu perintah.") { verb };
            command.SetAction(async parse =>
            {
                await WriteHelpAsync(parse.GetValue(verb) is { } name ? Find(name)! : Root);
                return ExitCodes.Success;
            });
            return command;
        }

        private Command? Find(string name) => Root.Subcommands.FirstOrDefault(c => c.Name == name);

        private Command Migrate() => Verb(
            new Command("migrate", "Membuat atau memperbarui basis data dan mengisi data acuannya (data demo pada basis data baru hanya di " +
                "Development atau dengan --demo), lalu selesai. Jalankan sekali sebelum memulai lebih dari satu proses."),
            _ => (object?)null,
            async (_, services, cancellationToken) =>
            {
                await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
                await _output.WriteLineAsync($"Basis data siap: {services.GetRequiredService<DatabaseLocation>().Describe()}");
                return ExitCodes.Success;
            });

        private Command CreateAdmin()
        {
            var email = Required(new Option<string>("--email") { HelpName = "EMAIL", Description = "e-mail akun Admin" });
            return Verb(
                new Command("create-admin", "Membuat akun Admin pertama (tidak pernah mengisi data demo). Kata sandi dari " +
                    "MONEV_ADMIN_PASSWORD atau masukan standar.") { email },
                parse => parse.GetValue(email)!,
                (address, services, _) => CreateAdminAsync(address, services, _output));
        }

        private Command Export()
        {
            var year = Required(new Option<int?>("--year")
            {
                HelpName = "TAHUN",
                Description = "tahun laporan, misalnya 2026",
                CustomParser = Parser<int>(
                    YearQuarter.ParseYear,
                    text => $"Tahun \"{text}\" tidak valid: tulis empat angka, misalnya 2026."),
            });
            var quarter = Required(new Option<int?>("--quarter")
            {
                HelpName = "TRIWULAN",
                Description = "triwulan 1–4 (atau I–IV)",
                CustomParser = Parser<int>(YearQuarter.ParseQuarter, text => $"Triwulan \"{text}\" tidak valid: tulis 1–4 (atau I–IV)."),
            });
            var file = NotEmpty(new Option<string>("--out")
            {
                HelpName = "BERKAS.xlsx",
                Description = "berkas tujuan (bawaan: Laporan-Monev-PKS-TAHUN-TWn.xlsx di folder saat ini)",
            });
            return Verb(
                new Command("export", "Menulis buku kerja laporan triwulan, sama dengan unduhan halaman Laporan.") { year, quarter, file },
                parse => new ExportCommand.Arguments(parse.GetValue(year)!.Value, parse.GetValue(quarter)!.Value, parse.GetValue(file)),
                (arguments, services, cancellationToken) => ExportCommand.RunAsync(arguments, services, _output, cancellationToken));
        }

        private Command Template()
        {
            var file = Required(NotEmpty(new Option<string>("--out", "-o") { HelpName = "BERKAS.xlsx", Description = "berkas tujuan" }));
            return Verb(
                new Command("template", "Menulis templat impor Excel, dibuat dari katalog indikator saat ini.") { file },
                parse => parse.GetValue(file)!,
                async (path, services, cancellationToken) =>
                {
                    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
                    return await ImportCommands.TemplateAsync(path, services, _output);
                });
        }

        private Command Import()
        {
            var file = new Argument<string>("BERKAS") { Description = "buku kerja .xlsx" };
            // Checked by the import itself, whose refusal says why a file needs someone to answer for it.
            var user = new Option<string>("--as") { HelpName = "EMAIL_PENGGUNA", Description = "akun yang mengimpor, dengan hak aksesnya sendiri (wajib)" };
            var reason = new Option<string>("--reason")
            {
                HelpName = "TEKS",
                Description = "alasan perubahan; wajib bila berkas mengubah angka yang sudah diajukan atau diverifikasi",
            };
            var dryRun = new Option<bool>("--dry-run") { Description = "hanya memeriksa dan melaporkan; tidak ada yang disimpan" };
            return Verb(
                new Command("import", "Mengimpor buku kerja seperti halaman Impor Excel, sebagai akun --as; mencetak laporannya dan " +
                    "diakhiri baris inserted=N updated=N unchanged=N rejected=N.") { file, user, reason, dryRun },
                parse => new ImportCommands.Arguments(parse.GetValue(file)!, parse.GetValue(user), parse.GetValue(reason), parse.GetValue(dryRun)),
                async (arguments, services, cancellationToken) =>
                {
                    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
                    return await ImportCommands.ImportAsync(arguments, services, _output, _error, cancellationToken);
                });
        }

        private Command Backup()
        {
            var file = NotEmpty(new Option<string>("--out")
            {
                HelpName = "BERKAS",
                Description = "salinan tujuan (bawaan: backups/monev-YYYYMMDD-HHMMSS.db di samping basis data, UTC)",
            });
            return Verb(
                new Command("backup", "Menyalin basis data secara konsisten, juga selagi aplikasi berjalan, lalu memeriksa keutuhan salinannya.") { file },
                parse => parse.GetValue(file),
                (path, services, cancellationToken) => DatabaseCommands.BackupAsync(path, services, _output, _error, cancellationToken));
        }

        private Command Restore()
        {
            var file = new Argument<string>("BERKAS") { Description = "berkas cadangan" };
            return Verb(
                new Command("restore", "Mengganti basis data dengan cadangan (hentikan aplikasi dulu; keutuhan dan versi skema diperiksa; " +
                    "basis data yang diganti disimpan sebagai monev.db.replaced-YYYYMMDD-HHMMSS).") { file },
                parse => parse.GetValue(file)!,
                (backup, services, cancellationToken) => DatabaseCommands.RestoreAsync(backup, services, _output, _error, cancellationToken));
        }

        private Command CopyDb()
        {
            var target = Required(new Option<string>("--to-postgres")
            {
                HelpName = "STRING_KONEKSI",
                Description = "basis data PostgreSQL kosong tujuan, mis. \"Host=…;Port=5432;Database=monev;Username=…;Password=…\"",
            });
            return Verb(
                new Command("copy-db", "Menyalin basis data SQLite yang dikonfigurasi (semua tabel, termasuk akun dan jejak audit) ke basis " +
                    "data PostgreSQL kosong dalam satu transaksi, lalu membandingkan jumlah baris dan digest SHA-256 tiap tabel di kedua sisi " +
                    "(hentikan aplikasi dulu; tujuan yang tidak kosong ditolak).") { target },
                parse => parse.GetValue(target)!,
                (connection, services, cancellationToken) => CopyDbCommand.RunAsync(connection, services, _output, _error, cancellationToken));
        }

        private Command DisableDemoAccounts() => Verb(
            new Command("disable-demo-accounts", "Menonaktifkan akun demo yang masih memakai kata sandi demo yang dipublikasikan dan " +
                "menghapus kata sandinya (perlu sebelum mulai di Production)."),
            _ => (object?)null,
            (_, services, _) => DatabaseCommands.DisableDemoAccountsAsync(services, _output));

        private Command Bench()
        {
            var observations = BenchObservations();
            var json = BenchJson();
            var runs = new Option<long?>("--runs")
            {
                HelpName = "N",
                Description = $"ulangan tiap pengukuran dasbor (bawaan {BenchCommand.DefaultRuns})",
                CustomParser = Number("--runs", 1, 99),
            };
            var importRows = new Option<long?>("--import-rows")
            {
                HelpName = "N",
                Description = "baris buku kerja impor (bawaan sepersepuluh observasi)",
                CustomParser = Number("--import-rows", 100, 1_000_000),
            };
            var part = new Option<string>("--part")
            {
                HelpName = $"{BenchCommand.AllParts}|{BenchCommand.WorstCasePart}",
                Description = $"semua bagian ({BenchCommand.AllParts}, bawaan) atau impor terburuk saja ({BenchCommand.WorstCasePart})",
            };
            part.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is { } value && value is not (BenchCommand.AllParts or BenchCommand.WorstCasePart))
                {
                    Refuse(result, $"Nilai --part \"{value}\" tidak valid: tulis {BenchCommand.AllParts} atau {BenchCommand.WorstCasePart}.");
                }
            });
            var keep = BenchKeep();
            var database = BenchDatabase();
            var connection = BenchConnection();
            var command = new Command("bench", "Mengukur anggaran kinerja pada basis data buatan di folder sementara (atau di server PostgreSQL " +
                "dengan --database postgres), terhadap batas bawahnya (basis data aplikasi tidak disentuh).")
                { observations, json, runs, importRows, part, keep, database, connection };
            RequireConnectionWithPostgres(command, database, connection);
            command.Subcommands.Add(BenchLoad());
            command.Subcommands.Add(BenchServe());
            return Verb(
                command,
                parse => BenchCommand.WithDefaults(parse.GetValue(observations), parse.GetValue(json), (int?)parse.GetValue(runs),
                    parse.GetValue(importRows), parse.GetValue(keep), parse.GetValue(part), parse.GetValue(database), parse.GetValue(connection)),
                (arguments, _, _) => BenchCommand.RunAsync(arguments, _output));
        }

        /// <summary><c>bench load</c>: N real circuits against the app in Production, stepping N up (see LoadBench).</summary>
        private Command BenchLoad()
        {
            var observations = BenchObservations();
            var json = BenchJson();
            var steps = new Option<int[]?>("--steps")
            {
                HelpName = "N,N,…",
                Description = $"jumlah sirkuit tiap langkah, naik (bawaan {string.Join(",", LoadBench.DefaultSteps)} sampai --max, berhenti lebih awal bila p95 > 1 dtk, memori atau waktu habis)",
                CustomParser = result =>
                {
                    if (result.Tokens is not [var token])
                    {
                        return null;
                    }
                    var parts = token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    var values = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000 ? n : 0).ToArray();
                    if (values.Length == 0 || values.Contains(0) || values.Zip(values.Skip(1)).Any(pair => pair.Second <= pair.First))
                    {
                        Refuse(result, $"Nilai --steps \"{token.Value}\" tidak valid: tulis bilangan bulat 1–10.000 yang naik, dipisah koma, mis. 50,100,200.");
                        return null;
                    }
                    return values;
                },
            };
            var max = new Option<long?>("--max") { HelpName = "N", Description = "sirkuit terbanyak (bawaan 3.200)", CustomParser = Number("--max", 1, 10_000) };
            var think = new Option<long?>("--think")
            {
                HelpName = "DETIK",
                Description = "rata-rata detik antara dua interaksi satu sirkuit (bawaan 30): laju = N ÷ ini",
                CustomParser = Number("--think", 1, 3_600),
            };
            var window = new Option<long?>("--window") { HelpName = "DETIK", Description = "lama campuran interaksi tiap langkah (bawaan 40)", CustomParser = Number("--window", 1, 3_600) };
            var reports = new Option<long?>("--reports") { HelpName = "N", Description = "unduhan laporan triwulanan tiap langkah (bawaan 1)", CustomParser = Number("--reports", 0, 20) };
            var minutes = new Option<long?>("--minutes") { HelpName = "MENIT", Description = "batas waktu untuk menaikkan N (bawaan 12)", CustomParser = Number("--minutes", 1, 600) };
            var renderers = new Option<long?>("--renderers") { HelpName = "N", Description = "proses renderer Chromium untuk semua halaman (bawaan 8)", CustomParser = Number("--renderers", 1, 256) };
            var chromium = NotEmpty(new Option<string>("--chromium") { HelpName = "BERKAS", Description = $"Chromium yang dipakai (bawaan {LoadBrowser.DefaultChromium} atau MONEV_CHROMIUM)" });
            var reuse = NotEmpty(new Option<string>("--reuse") { HelpName = "BERKAS", Description = "basis data SQLite benchmark yang disimpan (--keep) dari jalannya sebelumnya, dipakai apa adanya" });
            var serverMemory = new Option<long?>("--server-memory-gb") { HelpName = "GB", Description = "memori server 2 inti untuk ekstrapolasi (bawaan 4)", CustomParser = Number("--server-memory-gb", 1, 1_024) };
            var keep = BenchKeep();
            var database = BenchDatabase();
            var connection = BenchConnection();
            var command = new Command("load", "Membuka N sirkuit nyata (halaman dasbor di Chromium headless, masuk sekali sebagai Pimpinan) ke aplikasi " +
                "Release/Production pada basis data benchmark, menjalankan campuran interaksi, dan mengukur latensi, CPU dan memori server per sirkuit.")
                { observations, json, steps, max, think, window, reports, minutes, renderers, chromium, reuse, serverMemory, keep, database, connection };
            RequireConnectionWithPostgres(command, database, connection);
            command.Validators.Add(result =>
            {
                if (result.GetResult(reuse) is not null && (result.GetResult(observations) is not null || result.GetResult(database) is not null))
                {
                    Refuse(result, "--reuse memakai basis data SQLite yang sudah ada: tanpa --observations dan --database.");
                }
            });
            return Verb(
                command,
                parse => new LoadBench.Arguments
                {
                    Observations = parse.GetValue(observations) ?? BenchCommand.DefaultObservations,
                    Json = parse.GetValue(json),
                    Steps = parse.GetValue(steps) is { Length: > 0 } chosen ? chosen : null,
                    Max = (int)(parse.GetValue(max) ?? 3_200),
                    ThinkSeconds = parse.GetValue(think) ?? 30,
                    WindowSeconds = parse.GetValue(window) ?? 40,
                    Reports = (int)(parse.GetValue(reports) ?? 1),
                    Minutes = parse.GetValue(minutes) ?? 12,
                    Renderers = (int)(parse.GetValue(renderers) ?? 8),
                    Chromium = parse.GetValue(chromium) ?? Environment.GetEnvironmentVariable("MONEV_CHROMIUM") ?? LoadBrowser.DefaultChromium,
                    Reuse = parse.GetValue(reuse),
                    ServerMemoryGb = parse.GetValue(serverMemory) ?? 4,
                    Keep = parse.GetValue(keep),
                    Database = parse.GetValue(database) ?? DatabaseProvider.Sqlite,
                    Connection = parse.GetValue(connection),
                },
                (arguments, _, cancellationToken) => LoadBench.RunAsync(arguments, _output, cancellationToken));
        }

        /// <summary>The app as <c>bench load</c>'s child process; not for people, so hidden from help.</summary>
        private static Command BenchServe()
        {
            var command = new Command(LoadServer.ServeVerb, "Aplikasi web sebagai proses anak bench load (internal).") { Hidden = true };
            command.SetAction((_, _) => LoadServer.ServeAsync());
            return command;
        }

        private Option<long?> BenchObservations() => new("--observations")
        {
            HelpName = "N",
            Description = $"observasi yang dibuat (bawaan {BenchCommand.DefaultObservations.ToString("N0", FigureFormatter.Culture)})",
            CustomParser = Number("--observations", 1_000, 20_000_000),
        };

        private Option<string> BenchJson()
        {
            var json = NotEmpty(new Option<string>("--json") { HelpName = "BERKAS", Description = "juga menulis angka-angkanya sebagai JSON" });
            json.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is { Length: > 0 } path
                    && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
                {
                    Refuse(result, $"Folder tujuan tidak ada: {folder}");
                }
            });
            return json;
        }

        private static Option<bool> BenchKeep() =>
            new("--keep") { Description = "menyimpan folder sementara (dan basis data PostgreSQL buatannya) setelah selesai" };

        private Option<DatabaseProvider?> BenchDatabase() => new("--database")
        {
            HelpName = "sqlite|postgres",
            Description = "server basis data yang diukur (bawaan sqlite: berkas di folder sementara)",
            CustomParser = Parser<DatabaseProvider>(
                text => text.Trim().ToLowerInvariant() switch
                {
                    "sqlite" => DatabaseProvider.Sqlite,
                    "postgres" or "postgresql" => DatabaseProvider.Postgres,
                    _ => null,
                },
                text => $"Nilai --database \"{text}\" tidak valid: tulis sqlite atau postgres."),
        };

        private Option<string> BenchConnection()
        {
            var connection = NotEmpty(new Option<string>("--connection")
            {
                HelpName = "STRING_KONEKSI",
                Description = "untuk --database postgres: server tempat basis data benchmark sementara dibuat dan dihapus " +
                    "(perlu hak CREATEDB; basis data yang disebut hanya dipakai untuk menyambung)",
            });
            connection.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is { Length: > 0 } text)
                {
                    try
                    {
                        _ = new Npgsql.NpgsqlConnectionStringBuilder(text);
                    }
                    catch (ArgumentException ex)
                    {
                        Refuse(result, $"String koneksi --connection tidak valid: {ex.Message}");
                    }
                }
            });
            return connection;
        }

        private void RequireConnectionWithPostgres(Command command, Option<DatabaseProvider?> database, Option<string> connection) =>
            command.Validators.Add(result =>
            {
                DatabaseProvider? chosen;
                try
                {
                    chosen = result.GetValue(database);
                }
                catch (InvalidOperationException)
                {
                    return; // --database's own refusal says why
                }
                var postgres = chosen == DatabaseProvider.Postgres;
                if (postgres && result.GetResult(connection) is null)
                {
                    Refuse(result, "--database postgres memerlukan --connection \"Host=…;Port=5432;Database=postgres;Username=…\".");
                }
                else if (!postgres && result.GetResult(connection) is not null)
                {
                    Refuse(result, "--connection hanya berlaku dengan --database postgres.");
                }
            });

        private async Task WriteHelpAsync(Command command)
        {
            if (command is RootCommand)
            {
                await _output.WriteLineAsync(command.Description);
                await _output.WriteLineAsync();
                await _output.WriteLineAsync("Penggunaan: dotnet run --project MonevDashboard -- PERINTAH [opsi]");
                await _output.WriteLineAsync("Tanpa PERINTAH, aplikasi web yang berjalan (http://localhost:5080). Penjelasan satu perintah: help PERINTAH.");
                await _output.WriteLineAsync();
                await _output.WriteLineAsync("Perintah:");
                foreach (var verb in command.Subcommands)
                {
                    await _output.WriteLineAsync($"  {Usage(verb)}");
                    await _output.WriteLineAsync($"      {verb.Description}");
                }
            }
            else
            {
                await _output.WriteLineAsync($"Penggunaan: {Usage(command)}");
                await _output.WriteLineAsync();
                await _output.WriteLineAsync(command.Description);
                if (command.Arguments.Count > 0)
                {
                    await _output.WriteLineAsync();
                    await _output.WriteLineAsync("Argumen:");
                    foreach (var argument in command.Arguments)
                    {
                        await _output.WriteLineAsync($"  {argument.Name,-28} {argument.Description}");
                    }
                }
                await _output.WriteLineAsync();
                await _output.WriteLineAsync("Opsi:");
                foreach (var option in command.Options.Append(_demo))
                {
                    var label = string.Join(", ", option.Aliases.Prepend(option.Name)) + (option.ValueType == typeof(bool) ? "" : $" {option.HelpName}");
                    await _output.WriteLineAsync($"  {label,-28} {option.Description}{(_required.Contains(option) ? " (wajib)" : "")}");
                }
            }
            await _output.WriteLineAsync();
            await _output.WriteLineAsync(ExitCodeLine);
            await _output.WriteLineAsync(ConfigurationLine);
        }

        private string Usage(Command command) => string.Join(" ", new[] { command.Name }
            .Concat(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues > 0 ? a.Name : $"[{a.Name}]"))
            .Concat(command.Options.Select(o =>
            {
                var text = o.ValueType == typeof(bool) ? o.Name : $"{o.Name} {o.HelpName}";
                return _required.Contains(o) ? text : $"[{text}]";
            })));
    }
}

/// <summary>A usage error or refused input the user can fix: the verb exits with <see cref="ExitCodes.Refused"/> and the message.</summary>
public sealed class CommandLineException(string message) : Exception(message);
