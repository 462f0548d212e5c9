using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Auth;

/// <summary>
/// Re-checks the circuit's user every minute against the database, so an account change reaches open circuits
/// without waiting for the cookie: the session is over when the cookie it came from has expired, the account is
/// gone, disabled, locked out or must change its password, its security stamp changed (password reset, role
/// change, disabling), or its roles or ministry differ from the circuit's — compared directly, so a role changed
/// by any path counts even without a new stamp. The circuit's state then becomes anonymous (sign in again).
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(configuration.GetValue("Monev:Auth:RevalidationSeconds", 60));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(scopeFactory, options.Value, authenticationState.User);

    internal static async Task<bool> IsStillValidAsync(IServiceScopeFactory scopeFactory, IdentityOptions options, ClaimsPrincipal principal)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if (SessionExpiry.HasEnded(principal, clock.GetUtcNow()) || principal.HasClaim(c => c.Type == MonevClaims.MustChangePassword))
        {
            return false;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled || user.MustChangePassword || user.LockoutEnabled && user.LockoutEnd > clock.GetUtcNow())
        {
            return false;
        }
        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return false;
        }
        var held = principal.FindAll(options.ClaimsIdentity.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var current = await users.GetRolesAsync(user);
        return held.SetEquals(current) && principal.FindFirstValue(MonevClaims.Ministry) == user.Ministry?.ToString();
    }
}
