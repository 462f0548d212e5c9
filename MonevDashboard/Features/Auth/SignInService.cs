using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Operations;

namespace MonevDashboard.Features.Auth;

public enum SignInOutcome
{
    Succeeded = 1,
    MustChangePassword,
    Failed,
    LockedOut,
    Disabled,
}

/// <summary>Signs a user in with the cookie and records every attempt in the audit log (never the password).</summary>
public sealed class SignInService(
    SignInManager<MonevUser> signInManager, IDbContextFactory<MonevDbContext> contextFactory, TimeProvider clock,
    ILogger<SignInService> logger)
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(email.Trim());
        SignInOutcome outcome;
        if (user is null)
        {
            outcome = SignInOutcome.Failed;
        }
        else if (user.IsDisabled)
        {
            outcome = SignInOutcome.Disabled;
        }
        else
        {
            var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            outcome = result.Succeeded ? (user.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.Succeeded)
                : result.IsLockedOut ? SignInOutcome.LockedOut
                : SignInOutcome.Failed;
        }
        await RecordAsync(email.Trim(), outcome, cancellationToken);
        if (outcome == SignInOutcome.LockedOut)
        {
            MonevLog.LockedOut(logger, MonevLog.Shorten(email.Trim()));
        }
        else if (outcome is SignInOutcome.Failed or SignInOutcome.Disabled)
        {
            MonevLog.SignInRefused(logger, MonevLog.Shorten(email.Trim()), outcome.ToString());
        }
        return outcome;
    }

    private async Task RecordAsync(string email, SignInOutcome outcome, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = email,
            Action = outcome switch
            {
                SignInOutcome.Succeeded or SignInOutcome.MustChangePassword => "SignIn",
                SignInOutcome.LockedOut => "LockedOut",
                SignInOutcome.Disabled => "SignInDisabled",
                _ => "SignInFailed",
            },
            EntityType = "User",
            EntityKey = email,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
