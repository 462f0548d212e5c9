using System.Security.Claims;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Auth;

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
