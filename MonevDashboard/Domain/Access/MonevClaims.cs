using System.Security.Claims;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Domain.Access;

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
