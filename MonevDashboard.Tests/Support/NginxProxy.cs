using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MonevDashboard.Data;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// Debian's nginx in front of app instances, configured from the README's template
/// (<c>MonevDashboard/docs/deploy/nginx.conf</c>) with only its ADJUST lines rendered: loopback ports, the instances'
/// addresses, a self-signed certificate and a log in a temporary folder. It runs as the current user and is stopped
/// on dispose. Without nginx it fails and says how to install it.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly Process _process;

    private NginxProxy(string folder, Process process, int httpsPort, int httpPort)
    {
        Folder = folder;
        _process = process;
        BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}/");
        PlainAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    /// <summary>Where the proxy serves the app (TLS with a self-signed certificate).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The plain-HTTP server of the template, which only redirects to HTTPS.</summary>
    public Uri PlainAddress { get; }

    /// <summary>The temporary prefix: configuration, certificate, logs.</summary>
    public string Folder { get; }

    public string AccessLogPath => Path.Combine(Folder, "access.log");

    public static string TemplatePath => Path.Combine(
        DataServiceCollectionExtensions.FindSolutionRoot(AppContext.BaseDirectory), "MonevDashboard", "docs", "deploy", "nginx.conf");

    /// <summary>The access log's lines so far (nginx writes each request when it ends; an open WebSocket is not there yet).</summary>
    public IReadOnlyList<string> AccessLog() =>
        File.Exists(AccessLogPath) ? File.ReadAllLines(AccessLogPath) : [];

    /// <summary>Renders the template into a new temporary prefix and starts nginx on free loopback ports.</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> instances)
    {
        RequireNginx();
        var folder = Directory.CreateTempSubdirectory("monev-nginx-").FullName;
        try
        {
            var (httpsPort, httpPort) = (FreePort(), FreePort());
            var mainConfig = WriteConfiguration(folder, instances, httpsPort, httpPort);
            var process = Process.Start(new ProcessStartInfo(NginxPath)
            {
                ArgumentList = { "-p", folder, "-c", mainConfig, "-e", Path.Combine(folder, "error.log") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var proxy = new NginxProxy(folder, process, httpsPort, httpPort);
            await proxy.WaitUntilListeningAsync(httpsPort);
            return proxy;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Renders the template into <paramref name="folder"/> and returns the main configuration file's path.</summary>
    public static string WriteConfiguration(string folder, IReadOnlyList<Uri> instances, int httpsPort, int httpPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances.Count, 2);
        var (certificate, key) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        WriteSelfSignedCertificate(certificate, key);
        File.WriteAllText(Path.Combine(folder, "monev.conf"), RenderSite(File.ReadAllText(TemplatePath), instances, httpsPort, httpPort,
            certificate, key, Path.Combine(folder, "access.log")));
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(folder, temp));
        }
        // What Debian's /etc/nginx/nginx.conf provides around conf.d/*.conf, in the temporary prefix. As root nginx would
        // hand its workers to "nobody", who cannot enter a private temporary folder: workers keep the current user.
        var user = Environment.UserName == "root" ? "user root root;\n" : "";
        var main = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(main, $$"""
            {{user}}daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log info;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                access_log off;
                include {{folder}}/monev.conf;
            }
            """);
        return main;
    }

    /// <summary>
    /// The template with its ADJUST lines set for this machine; everything else as an operator deploys it. Each line
    /// must be found exactly once, so a changed template fails here rather than being tested half-rendered.
    /// </summary>
    public static string RenderSite(string template, IReadOnlyList<Uri> instances, int httpsPort, int httpPort,
        string certificate, string key, string accessLog)
    {
        var upstreams = string.Join("\n    ", instances.Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"server {i.Host}:{i.Port} max_fails=3 fail_timeout=10s;")));
        return Replace(template,
            ("server 127.0.0.1:5080 max_fails=3 fail_timeout=10s;  # ADJUST: instance 1 (its Urls)", upstreams),
            ("server 127.0.0.1:5081 max_fails=3 fail_timeout=10s;  # ADJUST: instance 2; add a line per further instance", ""),
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen 443 ssl;", $"listen 127.0.0.1:{httpsPort} ssl;"),
            ("ssl_certificate /etc/ssl/monev/fullchain.pem;", $"ssl_certificate {certificate};"),
            ("ssl_certificate_key /etc/ssl/monev/privkey.pem;", $"ssl_certificate_key {key};"),
            ("access_log /var/log/nginx/monev.access.log monev;", $"access_log {accessLog} monev;"));
    }

    /// <summary><c>nginx -t</c> on a configuration: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckAsync(string folder, string mainConfig)
    {
        RequireNginx();
        using var process = Process.Start(new ProcessStartInfo(NginxPath)
        {
            ArgumentList = { "-t", "-p", folder, "-c", mainConfig, "-e", Path.Combine(folder, "error.log") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static void RequireNginx()
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException(
                $"nginx was not found at {NginxPath}. The proxy tests need Debian's nginx: run `sudo apt-get install -y nginx` " +
                "(or `bash .ci/run`, which installs it). The tests start their own nginx on loopback; the system's may stay stopped.");
        }
    }

    private static string Replace(string text, params (string Find, string With)[] replacements)
    {
        var builder = new StringBuilder(text);
        foreach (var (find, with) in replacements)
        {
            var first = text.IndexOf(find, StringComparison.Ordinal);
            if (first < 0 || text.IndexOf(find, first + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"{TemplatePath} no longer has exactly one line \"{find}\": update NginxProxy.RenderSite with it.");
            }
            builder.Replace(find, with);
        }
        return builder.ToString();
    }

    private static void WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}{ErrorLog()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within 15 s.{ErrorLog()}");
    }

    private string ErrorLog()
    {
        var path = Path.Combine(Folder, "error.log");
        return File.Exists(path) ? "\n" + File.ReadAllText(path) : "";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // nginx -s quit would need the pid file; the master and its workers are this process tree.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
