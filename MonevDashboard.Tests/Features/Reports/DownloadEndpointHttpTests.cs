using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data.Model;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>
/// The real app over HTTP: every GET route it maps (pages and minimal-API endpoints alike) is asked by a signed-in
/// account without any role, which may download nothing; none may answer with a file. Today every download goes
/// through the circuit (DownloadService); a download URL added later without the permission check fails here.
/// </summary>
public sealed partial class DownloadEndpointHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    private const string Password = "Rahasia#2026";
    private readonly AppServer _app = fixture.App;

    [Fact]
    public async Task NoUrlOfTheAppHandsAFileToAnAccountThatMayNotDownload()
    {
        var email = $"tanpa.peran.{Guid.NewGuid():N}@monev.go.id";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
            var created = await users.CreateAsync(new MonevUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Tanpa Peran" }, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        { BaseAddress = _app.BaseAddress };
        await SignInAsync(client, email);

        var paths = GetPaths();
        Assert.Contains("/laporan", paths);
        Assert.Contains("/audit", paths);
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            var attachment = response.Content.Headers.ContentDisposition?.DispositionType;
            Assert.True(attachment is null && !type.Contains("spreadsheet", StringComparison.Ordinal) && type != "application/octet-stream",
                $"{path} answered {(int)response.StatusCode} with a file ({type}, {attachment}) to an account that may not download.");
        }
    }

    /// <summary>Every GET route of the app except static files and the framework's own, required parameters filled with "1".</summary>
    private List<string> GetPaths()
    {
        var sources = _app.Services.GetRequiredService<EndpointDataSource>();
        return [.. sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(HttpMethods.Get))
            .Select(e => Path(e.RoutePattern))
            .Where(p => !p.StartsWith("/_", StringComparison.Ordinal) && !System.IO.Path.HasExtension(p))
            .Distinct()];
    }

    private static string Path(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsOptional: true } or RoutePatternParameterPart { IsCatchAll: true } => "",
            RoutePatternParameterPart => "1",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })))).TrimEnd('/');

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var response = await SignInForm.PostAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
