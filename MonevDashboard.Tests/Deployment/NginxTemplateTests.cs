using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Deployment;

/// <summary>The README's nginx template stays a configuration nginx accepts, rendered the way the proxy test runs it.</summary>
public sealed class NginxTemplateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monev-nginx-t-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheRenderedTemplatePassesNginxTest()
    {
        var config = NginxProxy.WriteConfiguration(_folder, [new Uri("http://127.0.0.1:5080/"), new Uri("http://127.0.0.1:5081/")], 8443, 8080);

        var (exitCode, output) = await NginxProxy.CheckAsync(_folder, config);

        Assert.True(exitCode == 0, output);
        Assert.Contains("test is successful", output, StringComparison.Ordinal);
        var site = await File.ReadAllTextAsync(Path.Combine(_folder, "monev.conf"));
        // Only the ADJUST lines changed: the routing, WebSocket and forwarding lines are the template's own.
        foreach (var line in new[] { "hash $monev_route consistent;", "proxy_set_header Connection $connection_upgrade;",
            "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_read_timeout 1h;", "server 127.0.0.1:5081 max_fails=3 fail_timeout=10s;" })
        {
            Assert.Contains(line, site, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABrokenConfigurationFailsNginxTest()
    {
        var config = NginxProxy.WriteConfiguration(_folder, [new Uri("http://127.0.0.1:5080/"), new Uri("http://127.0.0.1:5081/")], 8443, 8080);
        var site = Path.Combine(_folder, "monev.conf");
        await File.WriteAllTextAsync(site, (await File.ReadAllTextAsync(site)).Replace("proxy_pass http://monev;", "proxy_pass http://monev", StringComparison.Ordinal));

        var (exitCode, output) = await NginxProxy.CheckAsync(_folder, config);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("monev.conf", output, StringComparison.Ordinal);
    }
}
