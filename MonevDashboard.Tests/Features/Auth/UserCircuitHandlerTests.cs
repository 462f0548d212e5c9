using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>The hub side of "must change password": a circuit of such a user is refused, and so is every hub call.</summary>
public sealed class UserCircuitHandlerTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AHubCallOfAUserWhoMustChangeTheirPasswordIsRefusedAndReachesNothing()
    {
        var principal = await PrincipalAsync("staf@monev.go.id", mustChange: true);
        Assert.True(principal.HasClaim(c => c.Type == MonevClaims.MustChangePassword));
        await using var scope = _db.Scope();
        var accessor = new CircuitUserAccessor();
        var handler = Handler(scope, principal, accessor);
        var reached = false;

        var call = handler.CreateInboundActivityHandler(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => call(null!));

        Assert.False(reached);
        Assert.Equal("Ganti kata sandi Anda lebih dulu sebelum melanjutkan.", refused.Message);
        Assert.False(MonevClaims.ToAccess(accessor.Principal).IsAuthenticated);
    }

    [Fact]
    public async Task ACircuitOfAnAccountFlaggedInTheDatabaseIsRefusedWhenItOpensEvenIfItsCookieSaysOtherwise()
    {
        var principal = await PrincipalAsync("staf@monev.go.id", mustChange: false);
        await using (var db = _db.OpenContext())
        {
            await db.Users.Where(u => u.Email == "staf@monev.go.id").ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true));
        }
        await using var scope = _db.Scope();
        var handler = Handler(scope, principal, new CircuitUserAccessor());

        await Assert.ThrowsAsync<AccessDeniedException>(() => handler.OnCircuitOpenedAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task AnOrdinaryUsersHubCallsGoThroughAsThatUser()
    {
        var principal = await PrincipalAsync("staf@monev.go.id", mustChange: false);
        await using var scope = _db.Scope();
        var accessor = new CircuitUserAccessor();
        var handler = Handler(scope, principal, accessor);
        var reached = false;

        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.CreateInboundActivityHandler(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        })(null!);

        Assert.True(reached);
        Assert.Equal("staf@monev.go.id", MonevClaims.ToAccess(accessor.Principal).UserName);
    }

    private UserCircuitHandler Handler(AsyncServiceScope scope, ClaimsPrincipal principal, CircuitUserAccessor accessor) =>
        new(new FixedState(principal), accessor, scope.ServiceProvider, _db.Get<IStringLocalizer<SharedResource>>(scope));

    private async Task<ClaimsPrincipal> PrincipalAsync(string email, bool mustChange)
    {
        await using var scope = _db.Scope();
        var id = await _db.Get<AccountService>(scope).CreateAsync(email, email, Roles.Viewer, null, "Awal#12345");
        await using (var db = _db.OpenContext())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, mustChange));
        }
        await using var fresh = _db.Scope();
        var user = await _db.Get<UserManager<MonevUser>>(fresh).FindByIdAsync(id);
        return await _db.Get<IUserClaimsPrincipalFactory<MonevUser>>(fresh).CreateAsync(user!);
    }

    private sealed class FixedState(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }
}
