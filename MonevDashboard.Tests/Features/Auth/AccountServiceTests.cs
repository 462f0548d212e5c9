using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

public sealed class AccountServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(Roles.OperatorKemendag)]
    [InlineData(Roles.OperatorKp2mi)]
    [InlineData(Roles.Verifier)]
    [InlineData(Roles.Pimpinan)]
    [InlineData(Roles.Viewer)]
    public async Task OnlyAdminManagesAccountsAndARefusedCallChangesNothing(string role)
    {
        await using (var admin = _db.Scope())
        {
            await _db.Get<AccountService>(admin).CreateAsync("target@monev.go.id", "Target", Roles.Viewer, null, "Awal#12345");
        }
        var before = await _db.DigestAsync("AspNetUsers");
        var beforeRoles = await _db.DigestAsync("AspNetUserRoles");
        await using var scope = _db.Scope(TestUser.As("someone@monev.go.id", role, Ministry.Kemendag));
        var accounts = _db.Get<AccountService>(scope);
        var id = await IdOfAsync("target@monev.go.id");

        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.CreateAsync("new@monev.go.id", "X", Roles.Admin, null, "Awal#12345"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.SetRoleAsync(id, Roles.Admin, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.SetDisabledAsync(id, true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.ResetPasswordAsync(id, "Baru#123456"));

        Assert.Equal(before, await _db.DigestAsync("AspNetUsers"));
        Assert.Equal(beforeRoles, await _db.DigestAsync("AspNetUserRoles"));
    }

    [Fact]
    public async Task AdminCreatesAccountThatMustChangePasswordAndTheChangeIsAudited()
    {
        await using var scope = _db.Scope("admin@monev.go.id");
        var accounts = _db.Get<AccountService>(scope);

        await accounts.CreateAsync("verif@monev.go.id", "Verifikator", Roles.Verifier, Ministry.Kp2mi, "Awal#12345");

        var row = Assert.Single(await accounts.ListAsync(), u => u.Email == "verif@monev.go.id");
        Assert.Equal(Roles.Verifier, row.Role);
        Assert.Equal(Ministry.Kp2mi, row.Ministry);
        Assert.True(row.MustChangePassword);
        await using var db = _db.OpenContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "User" && a.EntityKey == "verif@monev.go.id").SingleAsync();
        Assert.Equal("admin@monev.go.id", audit.UserName);
        Assert.DoesNotContain("PasswordHash", audit.NewValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifierNeedsAMinistryAndWeakPasswordsAreRefusedInIndonesian()
    {
        await using var scope = _db.Scope();
        var accounts = _db.Get<AccountService>(scope);

        var noMinistry = await Assert.ThrowsAsync<AccountException>(() => accounts.CreateAsync("v@monev.go.id", "V", Roles.Verifier, null, "Awal#12345"));
        var weak = await Assert.ThrowsAsync<AccountException>(() => accounts.CreateAsync("w@monev.go.id", "W", Roles.Viewer, null, "pendek"));

        Assert.Contains("kementerian", noMinistry.Message, StringComparison.Ordinal);
        Assert.Contains("minimal 10 karakter", weak.Message, StringComparison.Ordinal);
        await using var db = _db.OpenContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "v@monev.go.id" || u.Email == "w@monev.go.id"));
    }

    [Fact]
    public async Task DisablingAUserEndsTheirOpenSessionAtTheNextRevalidation()
    {
        ClaimsPrincipal principal;
        string id;
        await using (var scope = _db.Scope())
        {
            id = await _db.Get<AccountService>(scope).CreateAsync("staf@monev.go.id", "Staf", Roles.Viewer, null, "Awal#12345");
            var users = _db.Get<UserManager<MonevUser>>(scope);
            // A session exists only once the new account has chosen its own password.
            var created = (await users.FindByIdAsync(id))!;
            created.MustChangePassword = false;
            await users.UpdateAsync(created);
            principal = await _db.Get<IUserClaimsPrincipalFactory<MonevUser>>(scope).CreateAsync((await users.FindByIdAsync(id))!);
        }
        var options = _db.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        var scopes = _db.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.True(await RevalidatingIdentityAuthenticationStateProvider.IsStillValidAsync(scopes, options, principal));

        await using (var admin = _db.Scope("admin@monev.go.id"))
        {
            await _db.Get<AccountService>(admin).SetDisabledAsync(id, true);
        }

        Assert.False(await RevalidatingIdentityAuthenticationStateProvider.IsStillValidAsync(scopes, options, principal));
    }

    [Fact]
    public async Task AdminCannotDisableThemselves()
    {
        string id;
        await using (var scope = _db.Scope())
        {
            id = await _db.Get<AccountService>(scope).CreateAsync("sek@monev.go.id", "Sek", Roles.Admin, null, "Awal#12345");
        }
        await using var self = _db.Scope(TestUser.As("sek@monev.go.id", Roles.Admin));

        await Assert.ThrowsAsync<AccountException>(() => _db.Get<AccountService>(self).SetDisabledAsync(id, true));
    }

    [Fact]
    public async Task ClaimsCarryRoleAndVerifierMinistryIntoTheAccessPolicy()
    {
        await using var scope = _db.Scope();
        var id = await _db.Get<AccountService>(scope).CreateAsync("vk@monev.go.id", "VK", Roles.Verifier, Ministry.Kemendag, "Awal#12345");
        var user = await _db.Get<UserManager<MonevUser>>(scope).FindByIdAsync(id);
        var principal = await _db.Get<IUserClaimsPrincipalFactory<MonevUser>>(scope).CreateAsync(user!);

        var access = MonevClaims.ToAccess(principal);

        Assert.Equal("vk@monev.go.id", access.UserName);
        Assert.True(AccessPolicy.May(access, MonevAction.VerifyFigures, Ministry.Kemendag));
        Assert.False(AccessPolicy.May(access, MonevAction.VerifyFigures, Ministry.Kp2mi));
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var db = _db.OpenContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
