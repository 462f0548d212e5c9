using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MonevDashboard.Data;

namespace MonevDashboard.Features.Auth;

/// <summary>
/// "Must change password" holds on the server, not only as a redirect after sign-in: a signed-in user whose
/// account is flagged (read fresh from the database on every request) gets nothing but the change-password page.
/// Pages are redirected there; any other method, and Blazor's hub (negotiate and connect), get 403 — so no circuit
/// starts. Open are only what the page itself needs: the change-password page, sign-out, the language switch, and
/// the endpoints open to anyone (static assets, /health, sign-in). The circuit side is <see cref="UserCircuitHandler"/>.
/// </summary>
public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/akun/kata-sandi";

    private static readonly string[] s_open = [ChangePasswordPath, AuthFeature.SignOutPath, "/culture/set"];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && !IsOpen(context)
                && await MustChangePasswordAsync(context.RequestServices, context.User, context.RequestAborted))
            {
                var isPage = (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    && !context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
                    && !context.WebSockets.IsWebSocketRequest;
                if (isPage)
                {
                    var returnUrl = context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                }
                else
                {
                    // A bare 403, not the re-executed not-found page (which would itself be redirected here).
                    if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                    {
                        statusPages.Enabled = false;
                    }
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }
                return;
            }
            await next();
        });

    /// <summary>Whether the principal's account is flagged "must change password" now (the database, not the cookie, decides).</summary>
    public static async Task<bool> MustChangePasswordAsync(IServiceProvider services, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var idClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
        if (principal.FindFirstValue(idClaim) is not { Length: > 0 } id)
        {
            return false;
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.MustChangePassword).FirstOrDefaultAsync(cancellationToken);
    }

    private static bool IsOpen(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || s_open.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));
}
