using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;

namespace MonevDashboard.Features.Auth;

public sealed record UserRow(
    string Id, string Email, string DisplayName, string Role, Ministry? Ministry, bool IsDisabled,
    DateTimeOffset? LockedOutUntil, bool MustChangePassword);

/// <summary>A refused or invalid account change; the message is for the user.</summary>
public sealed class AccountException(string message) : UserMessageException(message);

/// <summary>
/// Accounts: list, create, change role, disable, reset and change passwords. Every change is an Admin action
/// (except changing one's own password) checked here, and recorded by the audit interceptor. Identity's stores
/// share the scope's context, so each operation starts from a clean change tracker rather than stale entities.
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
        return [.. all.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, byUser.GetValueOrDefault(u.Id, ""), u.Ministry,
            u.IsDisabled, u.LockoutEnd > clock.GetUtcNow() ? u.LockoutEnd : null, u.MustChangePassword))];
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
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Check(await users.AddToRoleAsync(user, role));
        user.Ministry = NormalizeMinistry(role, ministry);
        Check(await users.UpdateAsync(user));
        // A new stamp makes open sessions pick up the new role at their next revalidation.
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetDisabledAsync(string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        var user = await FindAsync(userId);
        if (disabled && string.Equals(user.UserName, guard.User.UserName, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccountException(localizer["Account.CannotDisableSelf"]);
        }
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task ResetPasswordAsync(string userId, string newPassword, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageUsers);
        var user = await FindAsync(userId);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        user.MustChangePassword = true;
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.UpdateAsync(user));
    }

    /// <summary>The signed-in user changes their own password.</summary>
    public async Task ChangeOwnPasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var user = await users.FindByNameAsync(guard.User.UserName)
            ?? throw new AccountException(localizer["Account.NotFound"]);
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
        user.MustChangePassword = false;
        Check(await users.UpdateAsync(user));
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
