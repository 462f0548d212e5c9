using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>
/// Accounts a system of record can rely on: no Admin changes their own standing, the last active Admin stays,
/// every account change leaves one entry that names it, and open sessions end when the account changes.
/// </summary>
public sealed class AccountSafeguardTests : IAsyncLifetime
{
    private const string Password = "Awal#12345";

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> CreateAsync(string email, string role, Ministry? ministry = null)
    {
        await using var scope = _db.Scope("admin@monev.go.id");
        return await _db.Get<AccountService>(scope).CreateAsync(email, email, role, ministry, Password);
    }

    /// <summary>An account that has already chosen its own password (a new one must change it first, and holds no session until then).</summary>
    private async Task<string> CreateSettledAsync(string email, string role)
    {
        var id = await CreateAsync(email, role);
        await using var db = _db.OpenContext();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false));
        return id;
    }

    private async Task AsAsync(string actor, Func<AccountService, Task> action)
    {
        await using var scope = _db.Scope(TestUser.As(actor, Roles.Admin));
        await action(_db.Get<AccountService>(scope));
    }

    private async Task<List<(string Action, string User, string? Old, string? New)>> AuditOfAsync(string email)
    {
        await using var db = _db.OpenContext();
        var rows = await db.AuditEntries.Where(a => a.EntityType == "User" && a.EntityKey == email).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.UserName, a.OldValues, a.NewValues }).ToListAsync();
        return [.. rows.Select(r => (r.Action, r.UserName, r.OldValues, r.NewValues))];
    }

    [Fact]
    public async Task AdminCannotDemoteThemselvesEvenWithAnotherAdminPresent()
    {
        var self = await CreateAsync("sek@monev.go.id", Roles.Admin);
        await CreateAsync("sek2@monev.go.id", Roles.Admin);
        var before = await _db.DigestAsync("AspNetUserRoles");

        var refused = await Assert.ThrowsAsync<AccountException>(() => AsAsync("sek@monev.go.id", a => a.SetRoleAsync(self, Roles.Viewer, null)));

        Assert.Contains("peran akun Anda sendiri", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _db.DigestAsync("AspNetUserRoles"));
    }

    [Fact]
    public async Task TheLastActiveAdminCannotBeDisabledOrDemotedUntilAnotherAdminIsActive()
    {
        var last = await CreateAsync("sek@monev.go.id", Roles.Admin);
        var other = await CreateAsync("sek2@monev.go.id", Roles.Admin);
        await AsAsync("sek@monev.go.id", a => a.SetDisabledAsync(other, true));
        var before = await _db.DigestAsync("AspNetUsers") + await _db.DigestAsync("AspNetUserRoles");

        // The acting Admin here is not the account itself (the command line, or an Admin acting from a session).
        var disable = await Assert.ThrowsAsync<AccountException>(() => AsAsync("tester@monev.go.id", a => a.SetDisabledAsync(last, true)));
        var demote = await Assert.ThrowsAsync<AccountException>(() => AsAsync("tester@monev.go.id", a => a.SetRoleAsync(last, Roles.Pimpinan, null)));

        Assert.Contains("satu-satunya Admin", disable.Message, StringComparison.Ordinal);
        Assert.Contains("satu-satunya Admin", demote.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _db.DigestAsync("AspNetUsers") + await _db.DigestAsync("AspNetUserRoles"));

        await AsAsync("tester@monev.go.id", a => a.SetDisabledAsync(other, false));
        await AsAsync("tester@monev.go.id", a => a.SetDisabledAsync(last, true));
        await using var db = _db.OpenContext();
        Assert.True(await db.Users.Where(u => u.Id == last).Select(u => u.IsDisabled).SingleAsync());
    }

    [Fact]
    public async Task TheUserListSaysWhyTheOwnAndTheLastAdminRowsCannotChange()
    {
        await CreateAsync("sek@monev.go.id", Roles.Admin);
        await CreateAsync("staf@monev.go.id", Roles.Viewer);
        await using var scope = _db.Scope(TestUser.As("sek@monev.go.id", Roles.Admin));

        var rows = await _db.Get<AccountService>(scope).ListAsync();

        var own = rows.Single(r => r.Email == "sek@monev.go.id");
        Assert.Equal("Anda tidak dapat mengubah peran akun Anda sendiri; minta Admin lain.", own.RoleChangeRefusal);
        Assert.Equal("Anda tidak dapat menonaktifkan akun Anda sendiri.", own.DisableRefusal);
        var staff = rows.Single(r => r.Email == "staf@monev.go.id");
        Assert.Null(staff.RoleChangeRefusal);
        Assert.Null(staff.DisableRefusal);
    }

    [Fact]
    public async Task EveryPasswordResetIsAuditedAlsoWhenTheAccountAlreadyHadToChangeIt()
    {
        var id = await CreateAsync("staf@monev.go.id", Roles.Viewer);

        await AsAsync("admin@monev.go.id", a => a.ResetPasswordAsync(id, "Baru#123456"));
        await AsAsync("admin@monev.go.id", a => a.ResetPasswordAsync(id, "Lagi#123456"));

        var resets = (await AuditOfAsync("staf@monev.go.id")).Where(a => a.Action == MonevUserAudit.PasswordReset).ToList();
        Assert.Equal(2, resets.Count);
        Assert.All(resets, r => Assert.Equal("admin@monev.go.id", r.User));
        Assert.All(resets, r => Assert.Equal("{\"MustChangePassword\":true}", r.New));
        Assert.DoesNotContain(await _db.DigestAsync("AuditEntries"), "Baru#123456", StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleChangeDisablingAndEnablingEachLeaveOneEntryThatNamesIt()
    {
        var id = await CreateAsync("staf@monev.go.id", Roles.Viewer);
        string roleLinks;
        await using (var db = _db.OpenContext())
        {
            roleLinks = string.Join(",", await db.AuditEntries.Where(a => a.EntityType == "UserRole").Select(a => a.Id).ToListAsync());
        }

        await AsAsync("admin@monev.go.id", a => a.SetRoleAsync(id, Roles.Verifier, Ministry.Kp2mi));
        await AsAsync("admin@monev.go.id", a => a.SetDisabledAsync(id, true));
        await AsAsync("admin@monev.go.id", a => a.SetDisabledAsync(id, false));
        await AsAsync("admin@monev.go.id", a => a.SetDisabledAsync(id, false));

        var audit = await AuditOfAsync("staf@monev.go.id");
        Assert.Equal(["Create", MonevUserAudit.RoleChange, MonevUserAudit.Disable, MonevUserAudit.Enable], audit.Select(a => a.Action));
        var role = audit[1];
        Assert.Equal("{\"Role\":\"Viewer\",\"Ministry\":null}", role.Old);
        Assert.Equal("{\"Role\":\"Verifier\",\"Ministry\":\"Kp2mi\"}", role.New);
        Assert.All(audit.Skip(1), a => Assert.Equal("admin@monev.go.id", a.User));
        // Identity's own rows (role links by id) say nothing a reader can use: the one named entry replaces them.
        await using var after = _db.OpenContext();
        Assert.Equal(roleLinks, string.Join(",", await after.AuditEntries.Where(a => a.EntityType == "UserRole").Select(a => a.Id).ToListAsync()));
    }

    [Fact]
    public async Task RevalidationEndsTheSessionAfterARoleChangeOrDisabling()
    {
        var changed = await CreateSettledAsync("staf@monev.go.id", Roles.Viewer);
        var disabled = await CreateSettledAsync("staf2@monev.go.id", Roles.Viewer);
        var changedPrincipal = await PrincipalAsync(changed);
        var disabledPrincipal = await PrincipalAsync(disabled);
        Assert.True(await IsStillValidAsync(changedPrincipal));

        await AsAsync("admin@monev.go.id", a => a.SetRoleAsync(changed, Roles.Pimpinan, null));
        await AsAsync("admin@monev.go.id", a => a.SetDisabledAsync(disabled, true));

        Assert.False(await IsStillValidAsync(changedPrincipal));
        Assert.False(await IsStillValidAsync(disabledPrincipal));
    }

    [Fact]
    public async Task RevalidationComparesTheRolesNotOnlyTheSecurityStamp()
    {
        var id = await CreateSettledAsync("staf@monev.go.id", Roles.Viewer);
        var principal = await PrincipalAsync(id);
        Assert.True(await IsStillValidAsync(principal));
        string stampBefore, stampAfter;
        await using (var scope = _db.Scope())
        {
            // A role changed by a path that does not renew the stamp (another tool, a direct store write).
            var users = _db.Get<UserManager<MonevUser>>(scope);
            var user = (await users.FindByIdAsync(id))!;
            stampBefore = user.SecurityStamp!;
            await users.AddToRoleAsync(user, Roles.Admin);
            stampAfter = (await users.FindByIdAsync(id))!.SecurityStamp!;
        }

        Assert.Equal(stampBefore, stampAfter);
        Assert.False(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task RevalidationEndsTheSessionOfALockedOutOrMustChangePasswordAccount()
    {
        var locked = await CreateSettledAsync("staf@monev.go.id", Roles.Viewer);
        var flagged = await CreateSettledAsync("staf2@monev.go.id", Roles.Viewer);
        var lockedPrincipal = await PrincipalAsync(locked);
        var flaggedPrincipal = await PrincipalAsync(flagged);
        Assert.True(await IsStillValidAsync(lockedPrincipal));
        Assert.True(await IsStillValidAsync(flaggedPrincipal));

        await using (var db = _db.OpenContext())
        {
            await db.Users.Where(u => u.Id == locked).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, _db.Clock.Now.AddDays(1)));
            await db.Users.Where(u => u.Id == flagged).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true));
        }

        Assert.False(await IsStillValidAsync(lockedPrincipal));
        Assert.False(await IsStillValidAsync(flaggedPrincipal));
    }

    [Fact]
    public async Task ACircuitDoesNotOutliveTheCookieItCameFrom()
    {
        var id = await CreateSettledAsync("staf@monev.go.id", Roles.Viewer);
        var principal = await PrincipalAsync(id);
        var identity = (ClaimsIdentity)principal.Identity!;
        var expires = new Claim(MonevClaims.SessionExpires, _db.Clock.Now.AddMinutes(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        identity.AddClaim(expires);
        Assert.True(await IsStillValidAsync(principal));

        _db.Clock.Now = _db.Clock.Now.AddMinutes(31);

        Assert.False(await IsStillValidAsync(principal));
    }

    [Fact]
    public void ASlidingCookieRenewedByTheRequestExpiresAFullLifetimeFromNow()
    {
        var issued = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        var now = issued.AddHours(5);

        Assert.Equal(issued.AddHours(8), SessionExpiry.Expiry(issued, issued.AddHours(8), now, renews: false));
        Assert.Equal(now.AddHours(8), SessionExpiry.Expiry(issued, issued.AddHours(8), now, renews: true));
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(string id)
    {
        await using var scope = _db.Scope();
        var user = await _db.Get<UserManager<MonevUser>>(scope).FindByIdAsync(id);
        return await _db.Get<IUserClaimsPrincipalFactory<MonevUser>>(scope).CreateAsync(user!);
    }

    private Task<bool> IsStillValidAsync(ClaimsPrincipal principal) =>
        RevalidatingIdentityAuthenticationStateProvider.IsStillValidAsync(
            _db.Services.GetRequiredService<IServiceScopeFactory>(), _db.Services.GetRequiredService<IOptions<IdentityOptions>>().Value, principal);
}
