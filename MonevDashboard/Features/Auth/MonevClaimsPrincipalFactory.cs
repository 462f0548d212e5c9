using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Auth;

/// <summary>Adds the ministry (what a verifier verifies) and the display name to the sign-in cookie.</summary>
internal sealed class MonevClaimsPrincipalFactory(
    UserManager<MonevUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<MonevUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(MonevUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Ministry is { } ministry)
        {
            identity.AddClaim(new Claim(MonevClaims.Ministry, ministry.ToString()));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MonevClaims.MustChangePassword, "true"));
        }
        identity.AddClaim(new Claim(MonevClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        return identity;
    }
}
