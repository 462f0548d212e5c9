using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Features.Auth;

public enum SignInOutcome
{
    Succeeded = 1,
    MustChangePassword,
    Failed,
    LockedOut,
    Disabled,
    /// <summary>Too many attempts for this e-mail in the window: refused before the password is checked.</summary>
    Throttled,
}

/// <summary>
/// Signs a user in with the cookie and records every attempt in the audit log (never the password). Inputs over
/// the length caps are refused before anything is looked up, and attempts per e-mail are limited
/// (<see cref="SignInThrottle"/>); the outcome a page shows never tells whether an account exists.
/// </summary>
public sealed class SignInService(
    SignInManager<MonevUser> signInManager, IDbContextFactory<MonevDbContext> contextFactory, TimeProvider clock,
    SignInThrottle throttle, IOptions<SignInLimits> options, ILogger<SignInService> logger)
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        email = email.Trim();
        if (email.Length > limits.MaxEmailLength || password.Length > limits.MaxPasswordLength)
        {
            logger.LogWarning("Sign-in refused: input over the length cap (e-mail {EmailLength} characters, password {PasswordLength})",
                email.Length, password.Length);
            await RecordAsync(email, SignInOutcome.Failed, cancellationToken);
            return SignInOutcome.Failed;
        }
        if (!throttle.TryAcquire(email))
        {
            logger.LogWarning("Sign-in attempts for {Email} throttled", AuditedEmail(email));
            return SignInOutcome.Throttled;
        }
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(email);
        SignInOutcome outcome;
        if (user is null)
        {
            // Same work and the same answers as for an account: a hash check, and "locked" after as many failures.
            users.PasswordHasher.VerifyHashedPassword(s_nobody, s_nobodyHash, password);
            outcome = throttle.FailUnknown(email, users.Options.Lockout.MaxFailedAccessAttempts, users.Options.Lockout.DefaultLockoutTimeSpan)
                ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }
        else if (user.IsDisabled)
        {
            // "Disabled" only to whoever knows the password; anyone else learns nothing about the account.
            var check = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            outcome = check.Succeeded ? SignInOutcome.Disabled : check.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }
        else
        {
            var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            outcome = result.Succeeded ? (user.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.Succeeded)
                : result.IsLockedOut ? SignInOutcome.LockedOut
                : SignInOutcome.Failed;
        }
        await RecordAsync(email, outcome, cancellationToken);
        if (outcome == SignInOutcome.LockedOut)
        {
            MonevLog.LockedOut(logger, AuditedEmail(email));
        }
        else if (outcome is SignInOutcome.Failed or SignInOutcome.Disabled)
        {
            MonevLog.SignInRefused(logger, AuditedEmail(email), outcome.ToString());
        }
        return outcome;
    }

    private static readonly MonevUser s_nobody = new() { UserName = "nobody", Email = "nobody" };
    private static readonly string s_nobodyHash = new PasswordHasher<MonevUser>().HashPassword(s_nobody, Guid.NewGuid().ToString());

    /// <summary>At most <see cref="SignInLimits.AuditedEmailLength"/> characters of what was typed, cut with "…".</summary>
    public static string AuditedEmail(string email) =>
        email.Length <= SignInLimits.AuditedEmailLength ? email : email[..(SignInLimits.AuditedEmailLength - 1)] + "…";

    private async Task RecordAsync(string email, SignInOutcome outcome, CancellationToken cancellationToken)
    {
        email = AuditedEmail(email);
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
