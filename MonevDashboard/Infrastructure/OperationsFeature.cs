using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MonevDashboard.Infrastructure;

/// <summary>Logs, health endpoints and error references: what an IT officer runs the app with.</summary>
public static class OperationsFeature
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddMonevOperations(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(options => options.IncludeScopes = true);
        }
        else
        {
            // One JSON object per line, scopes included (RequestId, User, CircuitId), for a log collector.
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                // Indonesian names and quotes stay readable instead of \uXXXX escapes.
                options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        builder.Services.AddExceptionHandler<ReferencedExceptionLogger>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag]);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitLogScopeHandler>());
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c> (and <c>/health</c>, as before): the database is
    /// reachable and migrated. Bodies are a status word (Healthy / Unhealthy), 503 when not healthy.
    /// </summary>
    public static IEndpointRouteBuilder MapMonevHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        endpoints.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        endpoints.MapHealthChecks("/health", ready).AllowAnonymous();
        return endpoints;
    }
}
