using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>
/// Every role × every action × (Kemendag-owned, KP2MI-owned, joint indicator) against the one policy. The table is
/// docs/design.md's "Users and what they do" written out; a change to the policy must change this table too.
/// </summary>
public sealed class AccessPolicyMatrixTests
{
    // Columns: Kemendag-owned, KP2MI-owned, joint. "Y" allowed, "-" refused.
    private static readonly Dictionary<(string Role, MonevAction Action), string> s_expected = Build(new()
    {
        [Roles.Admin] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "YYY", [MonevAction.SubmitFigures] = "YYY",
            [MonevAction.VerifyFigures] = "---", [MonevAction.ImportFigures] = "YYY", [MonevAction.LockQuarter] = "YYY",
            [MonevAction.UnlockQuarter] = "YYY", [MonevAction.ManageIndicators] = "YYY", [MonevAction.ManageTargets] = "YYY",
            [MonevAction.ManageUsers] = "YYY", [MonevAction.ManageSettings] = "YYY", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "YYY", [MonevAction.ManageReview] = "YYY", [MonevAction.ChangeVerifiedFigures] = "YYY", [MonevAction.ViewAudit] = "YYY",
        },
        [Roles.OperatorKemendag] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "Y-Y", [MonevAction.SubmitFigures] = "Y-Y",
            [MonevAction.VerifyFigures] = "---", [MonevAction.ImportFigures] = "Y-Y", [MonevAction.LockQuarter] = "---",
            [MonevAction.UnlockQuarter] = "---", [MonevAction.ManageIndicators] = "---", [MonevAction.ManageTargets] = "---",
            [MonevAction.ManageUsers] = "---", [MonevAction.ManageSettings] = "---", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "Y-Y", [MonevAction.ManageReview] = "---", [MonevAction.ChangeVerifiedFigures] = "---", [MonevAction.ViewAudit] = "---",
        },
        [Roles.OperatorKp2mi] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "-YY", [MonevAction.SubmitFigures] = "-YY",
            [MonevAction.VerifyFigures] = "---", [MonevAction.ImportFigures] = "-YY", [MonevAction.LockQuarter] = "---",
            [MonevAction.UnlockQuarter] = "---", [MonevAction.ManageIndicators] = "---", [MonevAction.ManageTargets] = "---",
            [MonevAction.ManageUsers] = "---", [MonevAction.ManageSettings] = "---", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "-YY", [MonevAction.ManageReview] = "---", [MonevAction.ChangeVerifiedFigures] = "---", [MonevAction.ViewAudit] = "---",
        },
        ["Verifier:Kemendag"] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "---", [MonevAction.SubmitFigures] = "---",
            [MonevAction.VerifyFigures] = "Y-Y", [MonevAction.ImportFigures] = "---", [MonevAction.LockQuarter] = "---",
            [MonevAction.UnlockQuarter] = "---", [MonevAction.ManageIndicators] = "---", [MonevAction.ManageTargets] = "---",
            [MonevAction.ManageUsers] = "---", [MonevAction.ManageSettings] = "---", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "---", [MonevAction.ManageReview] = "---", [MonevAction.ChangeVerifiedFigures] = "---", [MonevAction.ViewAudit] = "YYY",
        },
        ["Verifier:Kp2mi"] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "---", [MonevAction.SubmitFigures] = "---",
            [MonevAction.VerifyFigures] = "-YY", [MonevAction.ImportFigures] = "---", [MonevAction.LockQuarter] = "---",
            [MonevAction.UnlockQuarter] = "---", [MonevAction.ManageIndicators] = "---", [MonevAction.ManageTargets] = "---",
            [MonevAction.ManageUsers] = "---", [MonevAction.ManageSettings] = "---", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "---", [MonevAction.ManageReview] = "---", [MonevAction.ChangeVerifiedFigures] = "---", [MonevAction.ViewAudit] = "YYY",
        },
        [Roles.Pimpinan] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "---", [MonevAction.SubmitFigures] = "---",
            [MonevAction.VerifyFigures] = "---", [MonevAction.ImportFigures] = "---", [MonevAction.LockQuarter] = "---",
            [MonevAction.UnlockQuarter] = "---", [MonevAction.ManageIndicators] = "---", [MonevAction.ManageTargets] = "---",
            [MonevAction.ManageUsers] = "---", [MonevAction.ManageSettings] = "---", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "---", [MonevAction.ManageReview] = "YYY", [MonevAction.ChangeVerifiedFigures] = "---", [MonevAction.ViewAudit] = "YYY",
        },
        [Roles.Viewer] = new()
        {
            [MonevAction.ViewFigures] = "YYY", [MonevAction.EditFigures] = "---", [MonevAction.SubmitFigures] = "---",
            [MonevAction.VerifyFigures] = "---", [MonevAction.ImportFigures] = "---", [MonevAction.LockQuarter] = "---",
            [MonevAction.UnlockQuarter] = "---", [MonevAction.ManageIndicators] = "---", [MonevAction.ManageTargets] = "---",
            [MonevAction.ManageUsers] = "---", [MonevAction.ManageSettings] = "---", [MonevAction.DownloadReports] = "YYY",
            [MonevAction.WriteNarrative] = "---", [MonevAction.ManageReview] = "---", [MonevAction.ChangeVerifiedFigures] = "---", [MonevAction.ViewAudit] = "---",
        },
    });

    private static readonly Ministry[] s_owners = [Ministry.Kemendag, Ministry.Kp2mi, Ministry.Bersama];

    public static TheoryData<string, MonevAction, Ministry, bool> Matrix()
    {
        var data = new TheoryData<string, MonevAction, Ministry, bool>();
        foreach (var ((role, action), cells) in s_expected)
        {
            for (var i = 0; i < s_owners.Length; i++)
            {
                data.Add(role, action, s_owners[i], cells[i] == 'Y');
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void PolicyAllowsExactlyWhatTheRoleTableSays(string role, MonevAction action, Ministry owner, bool allowed)
    {
        Assert.Equal(allowed, AccessPolicy.May(User(role), action, owner));
    }

    [Fact]
    public void TheTableCoversEveryRoleAndEveryAction()
    {
        foreach (var role in Roles.All.Where(r => r != Roles.Verifier).Concat(["Verifier:Kemendag", "Verifier:Kp2mi"]))
        {
            foreach (var action in Enum.GetValues<MonevAction>())
            {
                Assert.True(s_expected.ContainsKey((role, action)), $"{role} × {action} has no expectation");
            }
        }
    }

    [Fact]
    public void AnonymousMayDoNothing()
    {
        foreach (var action in Enum.GetValues<MonevAction>())
        {
            Assert.False(AccessPolicy.May(UserAccess.Anonymous, action, Ministry.Bersama));
        }
    }

    [Fact]
    public void VerifierWithoutMinistryVerifiesNothing()
    {
        var user = TestUser.As("v@x", Roles.Verifier);
        Assert.All(s_owners, owner => Assert.False(AccessPolicy.May(user, MonevAction.VerifyFigures, owner)));
    }

    internal static UserAccess User(string role) => role switch
    {
        "Verifier:Kemendag" => TestUser.As("verifier@x", Roles.Verifier, Ministry.Kemendag),
        "Verifier:Kp2mi" => TestUser.As("verifier@x", Roles.Verifier, Ministry.Kp2mi),
        _ => TestUser.As(role.ToLowerInvariant() + "@x", role),
    };

    private static Dictionary<(string, MonevAction), string> Build(Dictionary<string, Dictionary<MonevAction, string>> table) =>
        table.SelectMany(r => r.Value.Select(a => (Key: (r.Key, a.Key), a.Value))).ToDictionary(x => x.Key, x => x.Value);
}
