using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Localization;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Auth;

/// <summary>
/// Before every inbound activity of a circuit (an event, a render) the current authentication state is copied
/// into <see cref="CircuitUserAccessor"/>. With the revalidating provider, a disabled user becomes anonymous here
/// and every service call is refused from then on. A user who must change their password holds no circuit: the
/// circuit is refused when it opens (the database decides) and every hub call of such a principal is refused
/// (the connect request is already refused by <see cref="PasswordChangeGate"/>; this is the circuit's own check).
/// </summary>
internal sealed class UserCircuitHandler(
    AuthenticationStateProvider authenticationStateProvider, CircuitUserAccessor accessor, IServiceProvider services,
    IStringLocalizer<SharedResource> localizer)
    : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
            Refuse(user.HasClaim(c => c.Type == MonevClaims.MustChangePassword));
            accessor.Principal = user;
            await next(context);
        };

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
        Refuse(user.HasClaim(c => c.Type == MonevClaims.MustChangePassword)
            || await PasswordChangeGate.MustChangePasswordAsync(services, user, cancellationToken));
        accessor.Principal = user;
    }

    private void Refuse(bool mustChangePassword)
    {
        if (mustChangePassword)
        {
            accessor.Principal = new ClaimsPrincipal(new ClaimsIdentity());
            throw new AccessDeniedException(localizer["Password.ChangeFirst"]);
        }
    }
}
