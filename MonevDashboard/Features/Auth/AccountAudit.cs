using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
namespace MonevDashboard.Features.Auth;

/// <summary>
/// The audit actions of account events that are not plain row changes: they are written as one entry each
/// (entity "User", key the e-mail), like the sign-in events of <see cref="SignInService"/>.
/// </summary>
public static class AccountAudit
{
    /// <summary>Records that <paramref name="userName"/> signed out (the session is theirs, so they are also the actor).</summary>
    public static async Task RecordSignOutAsync(IDbContextFactory<MonevDbContext> contextFactory, TimeProvider clock, string userName,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = userName,
            Action = MonevUserAudit.SignOut,
            EntityType = MonevUserAudit.Name,
            EntityKey = userName,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
