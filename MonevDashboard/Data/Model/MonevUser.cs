using Microsoft.AspNetCore.Identity;

namespace MonevDashboard.Data.Model;

/// <summary>A person who signs in. The e-mail is the user name; the ministry matters for verifiers.</summary>
public sealed class MonevUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The ministry the user works for; a verifier verifies this ministry's figures.</summary>
    public Ministry? Ministry { get; set; }

    /// <summary>A disabled account cannot sign in, and open sessions lose access at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set for accounts created with a known password (first admin, resets): change it at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }
}
