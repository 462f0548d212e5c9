using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Features.Auth;

public sealed record UserRow(
    string Id, string Email, string DisplayName, string Role, Ministry? Ministry, bool IsDisabled,
    DateTimeOffset? LockedOutUntil, bool MustChangePassword)
{
    /// <summary>Why the acting Admin may not change this account's role (their own, or the last active Admin's); null if they may.</summary>
    public string? RoleChangeRefusal { get; init; }

    /// <summary>Why the acting Admin may not disable this account; null if they may.</summary>
    public string? DisableRefusal { get; init; }
}

/// <summary>A refused or invalid account change; the message is for the user.</summary>
public sealed class AccountException(string message) : UserMessageException(message);

/// <summary>
/// Accounts: list, create, change role, disable, reset and change passwords. Every change is an Admin action
/// (except changing one's own password) checked here. Creating is recorded by the audit interceptor; a role
/// change, enabling, disabling, a password reset or change is recorded as one entry that names it (Identity's
/// own row writes — role links by id, hashes — would say nothing to a reader). Identity's stores share the
/// scope's context, so each operation starts from a clean change tracker rather than stale entities.
/// An Admin cannot change their own role or disable themself, and the last active Admin cannot be demoted or
/// disabled: the deployment must never be left without someone who can manage accounts.
/// </summary>
public sealed class AccountService(
    UserManager<MonevUser> users,
    RoleManager<IdentityRole> roles,
    MonevDbContext db,
    AccessGuard guard,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        db.ChangeTracker.Clear();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roleNames.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var activeAdmins = all.Count(u => !u.IsDisabled && byUser.GetValueOrDefault(u.Id) == Roles.Admin);
        return [.. all.Select(u =>
        {
            var role = byUser.GetValueOrDefault(u.Id, "");
            return new UserRow(u.Id, u.Email ?? "", u.DisplayName, role, u.Ministry,
                u.IsDisabled, u.LockoutEnd > clock.GetUtcNow() ? u.LockoutEnd : null, u.MustChangePassword)
            {
                RoleChangeRefusal = RoleChangeRefusal(u, role, activeAdmins),
                DisableRefusal = DisableRefusal(u, role, activeAdmins),
            };
        })];
    }

    public async Task<string> CreateAsync(string email, string displayName, string role, Ministry? ministry, string password,
        CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        return await CreateUserAsync(email, displayName, role, ministry, password, mustChangePassword: true, cancellationToken);
    }

    /// <summary>The first Admin of a deployment without demo data (command line: create-admin).</summary>
    public Task<string> CreateFirstAdminAsync(string email, string password, CancellationToken cancellationToken = default) =>
        CreateUserAsync(email, "Administrator", Roles.Admin, null, password, mustChangePassword: false, cancellationToken);

    internal async Task<string> CreateUserAsync(string email, string displayName, string role, Ministry? ministry, string password,
        bool mustChangePassword, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ValidateRole(role, ministry);
        await EnsureRolesAsync();
        var user = new MonevUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            Ministry = NormalizeMinistry(role, ministry),
            MustChangePassword = mustChangePassword,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        await transaction.CommitAsync(cancellationToken);
        return user.Id;
    }

    public async Task SetRoleAsync(string userId, string role, Ministry? ministry, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        ValidateRole(role, ministry);
        var user = await FindAsync(userId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var newMinistry = NormalizeMinistry(role, ministry);
        if (current == role && user.Ministry == newMinistry)
        {
            return;
        }
        if (RoleChangeRefusal(user, current, await ActiveAdminCountAsync(cancellationToken), demotes: role != Roles.Admin) is { } refusal)
        {
            throw new AccountException(refusal);
        }
        var before = AuditEntryFormat.Serialize([("Role", current), ("Ministry", user.Ministry?.ToString())]);
        await UnauditedAsync(async () =>
        {
            Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            Check(await users.AddToRoleAsync(user, role));
            user.Ministry = newMinistry;
            Check(await users.UpdateAsync(user));
            // A new stamp makes open sessions drop the old role at their next revalidation.
            Check(await users.UpdateSecurityStampAsync(user));
        });
        await AuditAsync(user, MonevUserAudit.RoleChange, before,
            AuditEntryFormat.Serialize([("Role", role), ("Ministry", newMinistry?.ToString())]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetDisabledAsync(string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        var user = await FindAsync(userId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user.IsDisabled == disabled)
        {
            return;
        }
        if (disabled && DisableRefusal(user, (await users.GetRolesAsync(user)).FirstOrDefault() ?? "", await ActiveAdminCountAsync(cancellationToken))
            is { } refusal)
        {
            throw new AccountException(refusal);
        }
        await UnauditedAsync(async () =>
        {
            user.IsDisabled = disabled;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
        });
        await AuditAsync(user, disabled ? MonevUserAudit.Disable : MonevUserAudit.Enable,
            AuditEntryFormat.Serialize([("IsDisabled", !disabled)]), AuditEntryFormat.Serialize([("IsDisabled", disabled)]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Sets a new password the user must change at the next sign-in. Always audited — also when the account already
    /// had to change its password — and the new security stamp ends the user's open sessions.
    /// </summary>
    public async Task ResetPasswordAsync(string userId, string newPassword, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        var user = await FindAsync(userId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = AuditEntryFormat.Serialize([("MustChangePassword", user.MustChangePassword)]);
        await UnauditedAsync(async () =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, newPassword));
            user.MustChangePassword = true;
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.UpdateAsync(user));
        });
        await AuditAsync(user, MonevUserAudit.PasswordReset, before, AuditEntryFormat.Serialize([("MustChangePassword", true)]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The signed-in user changes their own password.</summary>
    public async Task ChangeOwnPasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var user = await users.FindByNameAsync(guard.User.UserName)
            ?? throw new AccountException(localizer["Account.NotFound"]);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = AuditEntryFormat.Serialize([("MustChangePassword", user.MustChangePassword)]);
        await UnauditedAsync(async () =>
        {
            Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
            user.MustChangePassword = false;
            Check(await users.UpdateAsync(user));
        });
        await AuditAsync(user, MonevUserAudit.PasswordChange, before, AuditEntryFormat.Serialize([("MustChangePassword", false)]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private bool IsSelf(MonevUser user) => string.Equals(user.UserName, guard.User.UserName, StringComparison.OrdinalIgnoreCase);

    private string? RoleChangeRefusal(MonevUser user, string role, int activeAdmins, bool demotes = true) =>
        IsSelf(user) ? localizer["Account.CannotChangeOwnRole"].Value
        : demotes && role == Roles.Admin && !user.IsDisabled && activeAdmins <= 1 ? localizer["Account.LastAdminRole"].Value
        : null;

    private string? DisableRefusal(MonevUser user, string role, int activeAdmins) =>
        IsSelf(user) ? localizer["Account.CannotDisableSelf"].Value
        : role == Roles.Admin && !user.IsDisabled && activeAdmins <= 1 ? localizer["Account.LastAdminDisable"].Value
        : null;

    private Task<int> ActiveAdminCountAsync(CancellationToken cancellationToken) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         join u in db.Users on ur.UserId equals u.Id
         where r.Name == Roles.Admin && !u.IsDisabled
         select u.Id).Distinct().CountAsync(cancellationToken);

    /// <summary>Identity's own writes inside an account change: the one entry <see cref="AuditAsync"/> writes says what happened.</summary>
    private async Task UnauditedAsync(Func<Task> change)
    {
        var suppressed = db.SuppressAudit;
        db.SuppressAudit = true;
        try
        {
            await change();
        }
        finally
        {
            db.SuppressAudit = suppressed;
        }
    }

    private async Task AuditAsync(MonevUser user, string action, string? oldValues, string? newValues, CancellationToken cancellationToken)
    {
        if (db.SuppressAudit)
        {
            return;
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = guard.User.UserName,
            Action = action,
            EntityType = "User",
            EntityKey = user.UserName ?? user.Id,
            OldValues = oldValues,
            NewValues = newValues,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seeding demo accounts is not a person's action: it leaves no audit entries.</summary>
    internal void SuppressAudit(bool suppress) => db.SuppressAudit = suppress;

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    private async Task<MonevUser> FindAsync(string userId)
    {
        db.ChangeTracker.Clear();
        return await users.FindByIdAsync(userId) ?? throw new AccountException(localizer["Account.NotFound"]);
    }

    private void ValidateRole(string role, Ministry? ministry)
    {
        if (!Roles.All.Contains(role))
        {
            throw new AccountException(localizer["Account.UnknownRole", role]);
        }
        if (role == Roles.Verifier && ministry is not (Ministry.Kemendag or Ministry.Kp2mi))
        {
            throw new AccountException(localizer["Account.VerifierNeedsMinistry"]);
        }
    }

    private static Ministry? NormalizeMinistry(string role, Ministry? ministry) =>
        Roles.OperatorMinistry(role) ?? (role == Roles.Verifier ? ministry : ministry is Ministry.Kemendag or Ministry.Kp2mi ? ministry : null);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new AccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
