using MonevDashboard.Data;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Features.Auth;

/// <summary>The accounts feature's side of database start-up (<see cref="IAccountSeeding"/>).</summary>
public sealed class AccountSeeding(AccountService accounts) : IAccountSeeding
{
    public Task EnsureRolesAsync(CancellationToken cancellationToken = default) => accounts.EnsureRolesAsync();

    public async Task SeedDemoAccountsAsync(CancellationToken cancellationToken = default)
    {
        accounts.SuppressAudit(true);
        try
        {
            await accounts.EnsureRolesAsync();
            foreach (var account in DemoAccounts.All)
            {
                await accounts.CreateUserAsync(account.Email, account.DisplayName, account.Role, account.Ministry, DemoAccounts.Password,
                    mustChangePassword: false, cancellationToken);
            }
        }
        finally
        {
            accounts.SuppressAudit(false);
        }
    }
}
