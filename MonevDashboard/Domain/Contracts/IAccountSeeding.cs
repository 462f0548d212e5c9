namespace MonevDashboard.Domain.Contracts;

/// <summary>
/// What database start-up asks of the accounts feature: the roles every database needs and, on a new demo database,
/// one account per role. Implemented and registered by Features/Auth, which owns Identity and the account rules.
/// </summary>
public interface IAccountSeeding
{
    Task EnsureRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the demo accounts (<c>Data.DemoAccounts</c>) without auditing them: they come with the demo data.</summary>
    Task SeedDemoAccountsAsync(CancellationToken cancellationToken = default);
}
