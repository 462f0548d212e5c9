using System.Security.Claims;
using MonevDashboard.Features.Indicators;

namespace MonevDashboard.Features.Auth;

/// <summary>Claims the app adds to a signed-in user beyond roles.</summary>
public static class MonevClaims
{
    public const string Ministry = "monev:ministry";
    public const string DisplayName = "monev:name";

    /// <summary>Present while the account must change its password: such a principal may hold no circuit.</summary>
    public const string MustChangePassword = "monev:must-change-password";

    /// <summary>When the sign-in cookie this principal came from expires (Unix seconds): a circuit must not outlive it.</summary>
    public const string SessionExpires = "monev:session-expires";

    public static UserAccess ToAccess(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return UserAccess.Anonymous;
        }
        var roles = principal.FindAll(principal.Identities.First().RoleClaimType).Select(c => c.Value).ToHashSet();
        Ministry? ministry = Enum.TryParse<Ministry>(principal.FindFirstValue(Ministry), out var m) ? m : null;
        return new UserAccess(name, roles, ministry);
    }
}

/// <summary>
/// The user of the current circuit, as the inbound-activity handler last saw it, so services called from
/// Blazor events know who acts. Outside a circuit (HTTP endpoints, static pages) it is empty.
/// </summary>
public sealed class CircuitUserAccessor
{
    public ClaimsPrincipal? Principal { get; set; }
}

/// <summary>The acting user: the circuit's, or the HTTP request's for endpoints and static pages.</summary>
public sealed class ClaimsCurrentUser(CircuitUserAccessor circuit, IHttpContextAccessor http) : ICurrentUser
{
    public UserAccess Access => MonevClaims.ToAccess(circuit.Principal ?? http.HttpContext?.User);
}
