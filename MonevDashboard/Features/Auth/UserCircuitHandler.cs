using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MonevDashboard.Features.Auth;

/// <summary>
/// Before every inbound activity of a circuit (an event, a render) the current authentication state is copied
/// into <see cref="CircuitUserAccessor"/>. With the revalidating provider, a disabled user becomes anonymous here
/// and every service call is refused from then on.
/// </summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, CircuitUserAccessor accessor)
    : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Principal = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
            await next(context);
        };

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        accessor.Principal = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
}
