using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>
/// How an account is audited: keyed by its e-mail. Besides its saved properties, the account events (sign-in,
/// role change, enable/disable, password reset/change, sign-out) are entries about it, carrying a role.
/// </summary>
public sealed class MonevUserAudit : AuditDeclaration<MonevUser>
{
    public const string Name = "User";

    /// <summary>The actions of the sign-in events.</summary>
    public const string SignIn = "SignIn", SignInFailed = "SignInFailed", SignInDisabled = "SignInDisabled", LockedOut = "LockedOut";

    /// <summary>The actions of the account events an Admin or the account's owner causes.</summary>
    public const string RoleChange = "RoleChange", Enable = "Enable", Disable = "Disable", PasswordReset = "PasswordReset",
        PasswordChange = "PasswordChange", SignOut = "SignOut";

    public static IReadOnlyList<string> AccountActions { get; } = [RoleChange, Enable, Disable, PasswordReset, PasswordChange, SignOut];

    public override string EntityType => Name;

    public override IReadOnlyCollection<string> EntryFields { get; } = ["Role"];

    public override IReadOnlyCollection<string> Actions { get; } = [SignIn, SignInFailed, SignInDisabled, LockedOut, .. AccountActions];

    public override AuditSubject Subject(MonevUser entity) => new(entity.UserName ?? entity.Id);

    // The account events write the ministry by name, a saved account by number.
    public override string? ReadValue(string field, JsonElement value, IAuditWords words) => field switch
    {
        nameof(MonevUser.Ministry) when value.ValueKind == JsonValueKind.String => words.Label("Owner." + value.GetString(), value.GetString()!),
        nameof(MonevUser.Ministry) => IndicatorAudit.MinistryLabel(value, words),
        "Role" when value.ValueKind == JsonValueKind.String => words.Label("Role." + value.GetString(), value.GetString()!),
        _ => null,
    };
}

/// <summary>How a role membership is audited (Identity's own row, user id : role id).</summary>
public sealed class UserRoleAudit : AuditDeclaration<IdentityUserRole<string>>
{
    public override string EntityType => "UserRole";

    public override AuditSubject Subject(IdentityUserRole<string> entity) => new($"{entity.UserId}:{entity.RoleId}");
}
