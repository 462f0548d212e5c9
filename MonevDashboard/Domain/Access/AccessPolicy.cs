using MonevDashboard.Data.Model;

namespace MonevDashboard.Domain.Access;

/// <summary>The roles of docs/design.md "Users and what they do".</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string OperatorKemendag = "OperatorKemendag";
    public const string OperatorKp2mi = "OperatorKp2mi";
    public const string Verifier = "Verifier";
    public const string Pimpinan = "Pimpinan";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, OperatorKemendag, OperatorKp2mi, Verifier, Pimpinan, Viewer];

    /// <summary>The ministry whose figures an operator role reports, if it is one.</summary>
    public static Ministry? OperatorMinistry(string role) => role switch
    {
        OperatorKemendag => Ministry.Kemendag,
        OperatorKp2mi => Ministry.Kp2mi,
        _ => null,
    };
}

/// <summary>What a user may try to do; <see cref="AccessPolicy"/> decides.</summary>
public enum MonevAction
{
    ViewFigures = 1,
    EditFigures,
    SubmitFigures,
    VerifyFigures,
    ImportFigures,
    LockQuarter,
    UnlockQuarter,
    ManageIndicators,
    ManageTargets,
    ManageUsers,
    ManageSettings,
    DownloadReports,
    WriteNarrative,
    ManageReview,
    ViewAudit,
    /// <summary>Change (or remove) a figure that a verifier has already verified — on any write path.</summary>
    ChangeVerifiedFigures,
}

/// <summary>What a download carries; <see cref="AccessPolicy.MayDownload"/> decides who may take it.</summary>
public enum DownloadKind
{
    /// <summary>The official quarterly report workbook (Reports page, <c>export</c> verb).</summary>
    QuarterlyReport = 1,
    /// <summary>A grid exported as shown (catalogue, report summary, follow-ups).</summary>
    GridExport,
    /// <summary>The audit log as filtered on Jejak Audit.</summary>
    AuditLog,
    /// <summary>The empty import workbook.</summary>
    ImportTemplate,
    /// <summary>An uploaded workbook returned with its rejected rows marked.</summary>
    AnnotatedWorkbook,
}

/// <summary>Who is acting, as far as permissions are concerned.</summary>
public sealed record UserAccess(string UserName, IReadOnlySet<string> Roles, Ministry? Ministry)
{
    public static UserAccess Anonymous { get; } = new("", new HashSet<string>(), null);

    /// <summary>Start-up work and command-line verbs run without a person: they may do everything.</summary>
    public static UserAccess System { get; } = new(SystemUser.Name, new HashSet<string>([Access.Roles.Admin]), null) { IsSystem = true };

    public bool IsSystem { get; init; }

    public bool IsAuthenticated => UserName.Length > 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>The ministries whose figures this user reports (operators) — Admin reports for any.</summary>
    public IEnumerable<Ministry> ReportingMinistries =>
        IsInRole(Access.Roles.Admin)
            ? [Domain.Ministry.Kemendag, Domain.Ministry.Kp2mi]
            : Roles.Select(Access.Roles.OperatorMinistry).OfType<Ministry>().Distinct();
}

/// <summary>
/// The one place that decides whether a user may do an action on an indicator of a given owner. Services call
/// it (through <see cref="AccessGuard"/>) before every write; the UI only uses it to hide what would be refused.
/// </summary>
public static class AccessPolicy
{
    /// <param name="owner">The owning ministry of the indicator acted on, or the ministry of a submission;
    /// null for actions that concern no indicator.</param>
    public static bool May(UserAccess user, MonevAction action, Ministry? owner = null)
    {
        if (!user.IsAuthenticated)
        {
            return false;
        }
        if (user.IsSystem)
        {
            return true;
        }
        var admin = user.IsInRole(Roles.Admin);
        return action switch
        {
            // Every role reads, and whoever reads may take the reports away (docs/design.md); an account without a role may neither.
            MonevAction.ViewFigures or MonevAction.DownloadReports => user.Roles.Overlaps(Roles.All),
            MonevAction.EditFigures or MonevAction.SubmitFigures or MonevAction.ImportFigures or MonevAction.WriteNarrative =>
                admin || ReportsFor(user, owner),
            MonevAction.VerifyFigures =>
                user.IsInRole(Roles.Verifier) && user.Ministry is { } verifies && (owner == verifies || owner == Ministry.Bersama),
            MonevAction.LockQuarter or MonevAction.UnlockQuarter or MonevAction.ManageIndicators or MonevAction.ManageTargets
                or MonevAction.ManageUsers or MonevAction.ManageSettings or MonevAction.ChangeVerifiedFigures => admin,
            MonevAction.ManageReview => admin || user.IsInRole(Roles.Pimpinan),
            MonevAction.ViewAudit => admin || user.IsInRole(Roles.Pimpinan) || user.IsInRole(Roles.Verifier),
            _ => false,
        };
    }

    /// <summary>
    /// A download needs the permission to download reports and the permission to see what it carries: the audit
    /// log only for those who may read it, the import workbooks only for those who may import.
    /// </summary>
    public static bool MayDownload(UserAccess user, DownloadKind kind) =>
        May(user, MonevAction.DownloadReports) && kind switch
        {
            DownloadKind.AuditLog => May(user, MonevAction.ViewAudit),
            DownloadKind.ImportTemplate or DownloadKind.AnnotatedWorkbook => May(user, MonevAction.ImportFigures, Ministry.Bersama),
            _ => May(user, MonevAction.ViewFigures),
        };

    /// <summary>An operator reports for their own ministry, and either ministry's operators for joint indicators.</summary>
    private static bool ReportsFor(UserAccess user, Ministry? owner) => owner switch
    {
        Ministry.Bersama => user.ReportingMinistries.Any(),
        { } ministry => user.ReportingMinistries.Contains(ministry),
        null => false,
    };
}
