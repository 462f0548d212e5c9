using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MonevDashboard.Infrastructure;

/// <summary>
/// Puts the signed-in user in the logging scope of every request (the host already adds the request id), so each
/// log line of a request says who made it.
/// </summary>
public sealed class UserLogScopeMiddleware(RequestDelegate next, ILogger<UserLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (logger.BeginScope(new Dictionary<string, object?> { ["User"] = context.User.Identity?.Name ?? "-" }))
        {
            await next(context);
        }
    }
}

/// <summary>
/// The same for a Blazor circuit: whatever a user's clicks log carries the circuit id and the user.
/// </summary>
internal sealed class CircuitLogScopeHandler(AuthenticationStateProvider authenticationStateProvider, ILogger<CircuitLogScopeHandler> logger)
    : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User.Identity?.Name ?? "-";
            using (logger.BeginScope(new Dictionary<string, object?> { ["CircuitId"] = context.Circuit.Id, ["User"] = user }))
            {
                await next(context);
            }
        };
}
