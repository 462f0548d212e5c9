using MonevDashboard.Data.Model;

namespace MonevDashboard.Domain.Access;

/// <summary>A refused action: the message is for the user (Indonesian or English, per the UI language).</summary>
public sealed class AccessDeniedException(string message) : UserMessageException(message);

/// <summary>Services ask it before every write, so a crafted request or a stale circuit cannot bypass the UI.</summary>
public sealed class AccessGuard(ICurrentUser currentUser, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
{
    public UserAccess User => currentUser.Access;

    public bool May(MonevAction action, Ministry? owner = null) => AccessPolicy.May(User, action, owner);

    /// <exception cref="AccessDeniedException">when the current user may not do <paramref name="action"/>.</exception>
    public void Demand(MonevAction action, Ministry? owner = null, string? subject = null)
    {
        if (!May(action, owner))
        {
            var what = localizer["Action." + action];
            throw new AccessDeniedException(subject is null
                ? localizer["Access.Denied", what]
                : localizer["Access.DeniedOn", what, subject]);
        }
    }
}
