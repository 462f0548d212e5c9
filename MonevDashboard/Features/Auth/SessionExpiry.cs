using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Auth;

/// <summary>
/// Carries the sign-in cookie's expiry into the principal, so a Blazor circuit — which starts from the principal
/// of its connect request and sees no cookie after that — knows when its session ends
/// (<see cref="RevalidatingIdentityAuthenticationStateProvider"/> turns it anonymous then).
/// </summary>
public static class SessionExpiry
{
    /// <summary>Wraps the cookie's principal validation (Identity's security-stamp check) and stamps the expiry after it.</summary>
    public static void Carry(CookieAuthenticationOptions options)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            if (context.Principal?.Identity is ClaimsIdentity { IsAuthenticated: true } identity
                && Expiry(context.Properties.IssuedUtc, context.Properties.ExpiresUtc, now, context.ShouldRenew || context.Options.SlidingExpiration
                    && RenewsSliding(context.Properties.IssuedUtc, context.Properties.ExpiresUtc, now)) is { } expires)
            {
                foreach (var old in identity.FindAll(MonevClaims.SessionExpires).ToList())
                {
                    identity.RemoveClaim(old);
                }
                identity.AddClaim(new Claim(MonevClaims.SessionExpires, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
            }
        };
    }

    /// <summary>The cookie's expiry as the browser will hold it after this request: renewed (same length, from now) when the handler renews it.</summary>
    internal static DateTimeOffset? Expiry(DateTimeOffset? issued, DateTimeOffset? expires, DateTimeOffset now, bool renews) =>
        issued is { } i && expires is { } e ? (renews ? now + (e - i) : e) : expires;

    /// <summary>The cookie handler's own rule: a sliding cookie is renewed once less time remains than has elapsed.</summary>
    private static bool RenewsSliding(DateTimeOffset? issued, DateTimeOffset? expires, DateTimeOffset now) =>
        issued is { } i && expires is { } e && e - now < now - i;

    /// <summary>Whether the session the principal came from has ended; a principal without the claim (not from a cookie) has no such end.</summary>
    public static bool HasEnded(ClaimsPrincipal principal, DateTimeOffset now) =>
        long.TryParse(principal.FindFirstValue(MonevClaims.SessionExpires), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        && DateTimeOffset.FromUnixTimeSeconds(seconds) <= now;
}
