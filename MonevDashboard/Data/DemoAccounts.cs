using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Data;

/// <summary>One account per role, seeded only with the demo data (the README lists them).</summary>
public static class DemoAccounts
{
    public const string Password = "Monev#2026";

    public sealed record DemoAccount(string Email, string DisplayName, string Role, Ministry? Ministry);

    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("admin@monev.go.id", "Sekretariat Bersama", Roles.Admin, null),
        new("operator.kemendag@monev.go.id", "Operator Ditjen PEN Kemendag", Roles.OperatorKemendag, Ministry.Kemendag),
        new("operator.kp2mi@monev.go.id", "Operator Ditjen Promosi KP2MI", Roles.OperatorKp2mi, Ministry.Kp2mi),
        new("verifikator.kemendag@monev.go.id", "Verifikator Kemendag", Roles.Verifier, Ministry.Kemendag),
        new("verifikator.kp2mi@monev.go.id", "Verifikator KP2MI", Roles.Verifier, Ministry.Kp2mi),
        new("pimpinan@monev.go.id", "Pimpinan (Dirjen)", Roles.Pimpinan, null),
        new("viewer@monev.go.id", "Staf Pembaca", Roles.Viewer, null),
    ];
}
