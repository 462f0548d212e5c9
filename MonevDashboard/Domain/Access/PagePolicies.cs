using MonevDashboard.Data.Model;

namespace MonevDashboard.Domain.Access;

/// <summary>
/// Which pages a user may open, derived from <see cref="AccessPolicy"/> so navigation, route guards and services
/// agree. Pages use <c>[Authorize(Policy = PagePolicies.X)]</c>; the navigation asks <see cref="Allows"/>.
/// </summary>
public static class PagePolicies
{
    public const string DataEntry = "Page.DataEntry";
    public const string Reporting = "Page.Reporting";
    public const string Verification = "Page.Verification";
    public const string Import = "Page.Import";
    public const string Administration = "Page.Administration";
    public const string Audit = "Page.Audit";
    public const string IndicatorAdmin = "Page.IndicatorAdmin";
    public const string TargetAdmin = "Page.TargetAdmin";
    public const string Settings = "Page.Settings";
    public const string ReviewManagement = "Page.ReviewManagement";

    private static readonly Dictionary<string, Func<UserAccess, bool>> s_rules = new()
    {
        [DataEntry] = u => AccessPolicy.May(u, MonevAction.EditFigures, Ministry.Bersama),
        [Verification] = u => u.Ministry is { } m && AccessPolicy.May(u, MonevAction.VerifyFigures, m),
        [Reporting] = u => AccessPolicy.May(u, MonevAction.EditFigures, Ministry.Bersama)
            || u.Ministry is { } v && AccessPolicy.May(u, MonevAction.VerifyFigures, v),
        [Import] = u => AccessPolicy.May(u, MonevAction.ImportFigures, Ministry.Bersama),
        [Administration] = u => AccessPolicy.May(u, MonevAction.ManageUsers),
        [Audit] = u => AccessPolicy.May(u, MonevAction.ViewAudit),
        [IndicatorAdmin] = u => AccessPolicy.May(u, MonevAction.ManageIndicators),
        [TargetAdmin] = u => AccessPolicy.May(u, MonevAction.ManageTargets),
        [Settings] = u => AccessPolicy.May(u, MonevAction.ManageSettings),
        [ReviewManagement] = u => AccessPolicy.May(u, MonevAction.ManageReview),
    };

    public static bool Allows(UserAccess user, string policy) => s_rules.TryGetValue(policy, out var rule) && rule(user);

    /// <summary>Every page policy, for the web app to register as ASP.NET authorization policies.</summary>
    public static IEnumerable<string> Names => s_rules.Keys;
}
