using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MonevDashboard.Data;

namespace MonevDashboard.Bench;

/// <summary>
/// The app under <c>bench load</c>: a child process running the web app exactly as <c>Program.cs</c> does, in the
/// Production environment, on a free loopback port and the benchmark's database — so its CPU time and memory are read
/// from /proc apart from the browser's and the benchmark's own. The child is this same executable started as the
/// hidden verb <c>bench serve</c>; the one difference from a deployment is that the framework's and MudBlazor's static
/// files come from the build's static web assets manifest (a Release build, not a <c>publish</c> folder), served as a
/// published app serves them (no development re-hashing).
/// Its standard input is a control channel: the line <c>gc</c> makes it collect garbage fully and answer with its live
/// heap; end of input (the benchmark ended or died) stops it.
/// </summary>
internal sealed class LoadServer : IAsyncDisposable
{
    public const string ServeVerb = "serve";
    private const string HeapAnswer = "monev-bench-heap ";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private StreamWriter? _logFile;
    private TaskCompletionSource<long>? _heap;

    private readonly string _thumbprint;

    private LoadServer(Process process, Uri address, string thumbprint)
    {
        _process = process;
        Address = address;
        _thumbprint = thumbprint;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the app on <paramref name="database"/> and waits until it answers /health/ready. It serves HTTPS with a
    /// self-signed certificate made for the run in <paramref name="folder"/>: Production marks its cookies Secure,
    /// demands HTTPS for antiforgery and redirects to absolute https:// addresses, so plain HTTP cannot sign in. A
    /// deployment terminates TLS in its reverse proxy, usually on the same server, so the app's CPU here includes TLS.
    /// </summary>
    public static async Task<LoadServer> StartAsync(DatabaseLocation database, string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var address = new Uri($"https://127.0.0.1:{port}/");
        var (certificatePath, certificatePassword, thumbprint) = CreateCertificate(folder);
        var app = AppAssembly();
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", app, "bench", ServeVerb })
        {
            start.ArgumentList.Add(argument);
        }
        // Configured as an operator configures the app (README "Configuration"): environment variables only.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = Environments.Production;
        start.Environment["DOTNET_ENVIRONMENT"] = Environments.Production;
        start.Environment["Monev__Database"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Monev"] = database.ConnectionString;
        start.Environment["Monev__DemoData"] = "false";
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // A build's manifest turns on ASP.NET Core's development handler for static files, which hashes a file again
        // (SHA-256) on every request whose size or time differs from the manifest's; a published app never runs it.
        start.Environment["ReloadStaticAssetsAtRuntime"] = "false";
        start.Environment["Kestrel__Certificates__Default__Path"] = certificatePath;
        start.Environment["Kestrel__Certificates__Default__Password"] = certificatePassword;
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app could not be started.");
        var server = new LoadServer(process, address, thumbprint)
        {
            // The whole log stays in the benchmark folder (kept with --keep); a failure's message quotes its end.
            _logFile = new StreamWriter(Path.Combine(folder, "app.log")) { AutoFlush = true },
        };
        process.OutputDataReceived += (_, e) => server.Read(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(timeout, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler
        {
            // Exactly the certificate this run made, nothing else.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.Thumbprint, _thumbprint, StringComparison.OrdinalIgnoreCase),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{RecentLog}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The app was not ready within {timeout.TotalSeconds:N0} s:\n{RecentLog}");
    }

    /// <summary>The last lines the app wrote (its log), for a failure's message.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return _log.Length > 4000 ? _log.ToString(_log.Length - 4000, 4000) : _log.ToString();
            }
        }
    }

    /// <summary>The app's user + system CPU time so far (/proc/PID/stat).</summary>
    public TimeSpan CpuTime => ProcessTree.CpuTime(_process.Id);

    /// <summary>The app's resident set (/proc/PID/status VmRSS), in bytes.</summary>
    public long ResidentBytes => ProcessTree.ResidentBytes(_process.Id);

    /// <summary>Makes the app collect its garbage fully (compacting) and returns its live managed heap, in bytes.</summary>
    public async Task<long> CollectAsync(CancellationToken cancellationToken)
    {
        var answer = _heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _process.StandardInput.WriteLineAsync("gc".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await answer.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
    }

    private void Read(string? line)
    {
        if (line is not null && line.StartsWith(HeapAnswer, StringComparison.Ordinal))
        {
            _heap?.TrySetResult(long.Parse(line.AsSpan(HeapAnswer.Length), CultureInfo.InvariantCulture));
            return;
        }
        Keep(line);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _logFile?.WriteLine(line);
            if (_log.Length > 64_000)
            {
                _log.Remove(0, 32_000);
            }
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _process.WaitForExitAsync(stopped.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
            lock (_log)
            {
                _logFile?.Dispose();
                _logFile = null;
            }
        }
    }

    /// <summary>
    /// This build's MonevDashboard.dll with its runtime configuration and static web assets manifest beside it. Run
    /// from the tests, the assembly loaded is a copy in the tests' folder without them: then the app's own build
    /// output (the newest one) is started instead.
    /// </summary>
    private static string AppAssembly()
    {
        var loaded = typeof(LoadServer).Assembly.Location;
        static bool Runnable(string dll) =>
            File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")) && File.Exists(Path.ChangeExtension(dll, ".staticwebassets.runtime.json"));
        if (Runnable(loaded))
        {
            return loaded;
        }
        var bin = Path.Combine(DataServiceCollectionExtensions.FindSolutionRoot(AppContext.BaseDirectory), "MonevDashboard", "bin");
        return (Directory.Exists(bin) ? Directory.EnumerateFiles(bin, Path.GetFileName(loaded), SearchOption.AllDirectories) : [])
            .Where(Runnable)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No runnable build of the app next to {loaded} or under {bin}: build MonevDashboard first.");
    }

    private static (string Path, string Password, string Thumbprint) CreateCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=monev-bench-load", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(folder, "load-https.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password, certificate.Thumbprint);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The child's side (<c>bench serve</c>): the web app as Program.cs builds it, in Production, plus the control
    /// channel on standard input.
    /// </summary>
    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        // A build folder has no wwwroot/_framework; the manifest maps those files to where the build keeps them.
        builder.WebHost.UseStaticWebAssets();
        builder.AddMonevServices();
        var app = builder.Build();
        app.UseMonevPipeline();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        _ = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is { } line)
            {
                if (line == "gc")
                {
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    await Console.Out.WriteLineAsync(HeapAnswer + GC.GetTotalMemory(forceFullCollection: false).ToString(CultureInfo.InvariantCulture));
                    await Console.Out.FlushAsync();
                }
            }
            lifetime.StopApplication();
        });
        try
        {
            await app.RunAsync();
        }
        catch (DemoAccountsRefusedException)
        {
            return 1;
        }
        return 0;
    }
}

/// <summary>CPU time and memory of processes from /proc (Linux): the app's, and the browser's whole process tree.</summary>
internal static class ProcessTree
{
    private static readonly double s_ticksPerSecond = ClockTicks();

    /// <summary>utime + stime of one process (fields 14 and 15 of /proc/PID/stat); zero once it is gone.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / s_ticksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>VmRSS of one process, in bytes; zero once it is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // Gone.
        }
        return 0;
    }

    /// <summary>
    /// Every live descendant of <paramref name="root"/> except <paramref name="excluded"/> and its own descendants:
    /// here, what the benchmark started besides the app — Playwright's driver and Chromium with its renderers.
    /// </summary>
    public static IReadOnlyList<int> Descendants(int root, int excluded)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
                {
                    // Exited meanwhile.
                }
            }
        }
        var found = new List<int>();
        foreach (var pid in parents.Keys)
        {
            var at = pid;
            var steps = 0;
            while (at > 1 && at != root && at != excluded && parents.TryGetValue(at, out var parent) && steps++ < 64)
            {
                at = parent;
            }
            if (at == root && pid != root && !IsUnder(pid, excluded, parents))
            {
                found.Add(pid);
            }
        }
        return found;
    }

    /// <summary>The CPU time of a set of processes (those still alive).</summary>
    public static TimeSpan CpuTime(IEnumerable<int> pids) => pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + CpuTime(pid));

    public static long ResidentBytes(IEnumerable<int> pids) => pids.Sum(ResidentBytes);

    private static bool IsUnder(int pid, int ancestor, Dictionary<int, int> parents)
    {
        var at = pid;
        var steps = 0;
        while (at > 1 && parents.TryGetValue(at, out var parent) && steps++ < 64)
        {
            if (at == ancestor)
            {
                return true;
            }
            at = parent;
        }
        return at == ancestor;
    }

    private static double ClockTicks()
    {
        // USER_HZ is 100 on every Linux the app is deployed on (x86-64, arm64); `getconf CLK_TCK` confirms it where available.
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            if (getconf is not null && double.TryParse(getconf.StandardOutput.ReadToEnd().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && hz > 0)
            {
                getconf.WaitForExit();
                return hz;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No getconf.
        }
        return 100;
    }
}
