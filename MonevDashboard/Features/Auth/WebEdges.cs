using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MonevDashboard.Features.Auth;

/// <summary>Limits of the sign-in form (<c>Monev:SignIn</c>): attempts per client address and per account, and input sizes.</summary>
public sealed class SignInLimits
{
    public const string Section = "Monev:SignIn";

    /// <summary>The largest sign-in request body: the form is two short fields and a token.</summary>
    public const long MaxFormBytes = 16 * 1024;

    /// <summary>How much of a refused or long e-mail the audit log keeps.</summary>
    public const int AuditedEmailLength = 100;

    /// <summary>Sign-in posts one client address may make per window.</summary>
    public int PermitPerAddress { get; set; } = 10;

    /// <summary>Sign-in attempts for one e-mail per window (whatever address they come from).</summary>
    public int PermitPerAccount { get; set; } = 5;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>Identity's own column holds 256 characters; a longer e-mail cannot belong to an account.</summary>
    public int MaxEmailLength { get; set; } = 256;

    public int MaxPasswordLength { get; set; } = 256;
}

/// <summary>Attempts per account: a fixed window per normalised e-mail, for all clients together.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<SignInLimits> options)
    {
        var limits = options.Value;
        _perAccount = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(email,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limits.PermitPerAccount),
                Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
                QueueLimit = 0,
            }));
    }

    /// <summary>Whether another attempt for this e-mail is allowed now (and counts it).</summary>
    public bool TryAcquire(string email)
    {
        using var lease = _perAccount.AttemptAcquire(email.ToUpperInvariant());
        return lease.IsAcquired;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Failures, DateTime Until)> _unknown = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts a failure for an e-mail that has no account, as Identity counts them for one: true once it is
    /// "locked", so a locked-out message never tells that an account exists.
    /// </summary>
    public bool FailUnknown(string email, int maxFailures, TimeSpan lockout)
    {
        if (_unknown.Count > 10_000)
        {
            _unknown.Clear();
        }
        var now = DateTime.UtcNow;
        var entry = _unknown.AddOrUpdate(email.ToUpperInvariant(), _ => (1, now + lockout),
            (_, old) => old.Until < now ? (1, now + lockout) : (old.Failures + 1, now + lockout));
        return entry.Failures >= maxFailures;
    }

    public void Dispose() => _perAccount.Dispose();
}

/// <summary>
/// The app's edges when it runs on a server: the reverse proxy's forwarded headers (only from known proxies),
/// HTTPS redirection and HSTS in Production, cookies that are Secure, HttpOnly and SameSite=Strict, data-protection
/// keys (stored in the database) encrypted at rest with a certificate when one is configured, and the sign-in form's size cap and rate limits.
/// </summary>
public static class WebEdges
{
    public const string ForwardedHeadersSection = "Monev:ForwardedHeaders";
    public const string DataProtectionSection = "Monev:DataProtection";

    public static WebApplicationBuilder AddMonevWebEdges(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var production = builder.Environment.IsProduction();
        var services = builder.Services;

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays trusted (a proxy on the same host); others only when listed.
            foreach (var proxy in configuration.GetSection(ForwardedHeadersSection + ":KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in configuration.GetSection(ForwardedHeadersSection + ":KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        // On plain HTTP (a developer's machine) a Secure cookie would never come back; in Production it must never leave without TLS.
        var secure = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            options.Cookie.SecurePolicy = secure;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.PostConfigure<AntiforgeryOptions>(options =>
        {
            options.Cookie.SecurePolicy = secure;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        if (configuration[DataProtectionSection + ":CertificatePath"] is { Length: > 0 } certificatePath)
        {
            // A relative path is taken from the solution folder when run from source, like the database's.
            var fullPath = Path.IsPathRooted(certificatePath)
                ? certificatePath
                : Path.Combine(Data.DataServiceCollectionExtensions.FindSolutionRoot(builder.Environment.ContentRootPath), certificatePath);
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, configuration[DataProtectionSection + ":CertificatePassword"]);
            services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        }

        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimits>>((options, limits) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "-", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.Value.PermitPerAddress),
                    Window = TimeSpan.FromSeconds(Math.Max(1, limits.Value.WindowSeconds)),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebEdges))
                    .LogWarning("Sign-in attempts from {Address} throttled", context.HttpContext.Connection.RemoteIpAddress);
                return new ValueTask(WriteMessagePageAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "SignIn.TooMany", cancellationToken));
            };
        });
        return builder;
    }

    /// <summary>Rewrites the client address and scheme from a known proxy's headers; first in the pipeline.</summary>
    public static WebApplication UseMonevForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>HSTS and the redirect to HTTPS, in Production only (a developer runs on plain http://localhost).</summary>
    public static WebApplication UseMonevTransportSecurity(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    /// <summary>The sign-in post's size cap (refused before a byte of the form is read) and its per-address limit.</summary>
    public static WebApplication UseMonevSignInProtection(this WebApplication app)
    {
        app.UseWhen(IsSignInPost, branch => branch.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > SignInLimits.MaxFormBytes)
            {
                await WriteMessagePageAsync(context, StatusCodes.Status413PayloadTooLarge, "SignIn.TooLarge", context.RequestAborted);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = SignInLimits.MaxFormBytes;
            }
            await next(context);
        }));
        app.UseRateLimiter();
        return app;
    }

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals(AuthFeature.SignInPath, StringComparison.OrdinalIgnoreCase);

    private static async Task WriteMessagePageAsync(HttpContext context, int statusCode, string messageKey, CancellationToken cancellationToken)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = HtmlEncoder.Default;
        var title = html.Encode(localizer["SignIn.Title"].Value);
        var message = html.Encode(localizer[messageKey].Value);
        var back = html.Encode(localizer["SignIn.BackToForm"].Value);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id";
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        if (statusCode == StatusCodes.Status429TooManyRequests)
        {
            var window = context.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value.WindowSeconds;
            context.Response.Headers.RetryAfter = Math.Max(1, window).ToString(CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>" +
            $"<body><main><h1>{title}</h1><p role=\"alert\" data-testid=\"signin-refused\">{message}</p>" +
            $"<p><a href=\"{AuthFeature.SignInPath}\">{back}</a></p></main></body></html>", cancellationToken);
    }
}
