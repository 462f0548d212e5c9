using Microsoft.Extensions.Localization;
using MonevDashboard.Figures.Notifications;

namespace MonevDashboard.Components.Notifications;

/// <summary>A notification's two lines in the UI language; dates in id-ID through <see cref="FigureFormatter"/>.</summary>
public static class NotificationText
{
    public static (string Title, string Detail) For(Notification n, IStringLocalizer<SharedResource> L)
    {
        var ministry = n.Ministry is { } m ? L["Owner." + m].Value : "";
        var (roman, year) = n.Period is { } p ? (p.Roman, p.Year) : ("", 0);
        return n.Kind switch
        {
            NotificationKind.ReportToVerify => (L["Notify.Verify", ministry, roman, year],
                L["Notify.VerifyDetail", FigureFormatter.DateTimeWib(n.At), n.Person ?? ""]),
            NotificationKind.ReportReturned => (L["Notify.Returned", ministry, roman, year],
                L["Notify.ReturnedDetail", FigureFormatter.DateTimeWib(n.At), n.Person ?? "", n.Detail ?? ""]),
            NotificationKind.DeadlineSoon => (L["Notify.Deadline", ministry, roman, year, n.Date is { } d ? FigureFormatter.Date(d) : ""],
                n.Days is > 0 ? L["Notify.DaysLeft", n.Days] : L["Notify.DueToday"]),
            NotificationKind.FollowUpOverdue => (L["Notify.FollowUp", n.Days ?? 0],
                L["Notify.FollowUpDetail", n.Detail ?? "", n.Unit ?? "", n.Date is { } due ? FigureFormatter.Date(due) : ""]),
            NotificationKind.ImportRolledBack => (L["Notify.Rollback", n.Detail ?? ""],
                L["Notify.RollbackDetail", FigureFormatter.DateTimeWib(n.At), n.Person ?? ""]),
            _ => ("", ""),
        };
    }

    /// <summary>The icon of a kind, so the list can be scanned.</summary>
    public static string Icon(NotificationKind kind) => kind switch
    {
        NotificationKind.ReportToVerify => MudBlazor.Icons.Material.Filled.FactCheck,
        NotificationKind.ReportReturned => MudBlazor.Icons.Material.Filled.AssignmentReturn,
        NotificationKind.DeadlineSoon => MudBlazor.Icons.Material.Filled.Schedule,
        NotificationKind.FollowUpOverdue => MudBlazor.Icons.Material.Filled.PendingActions,
        NotificationKind.ImportRolledBack => MudBlazor.Icons.Material.Filled.SettingsBackupRestore,
        _ => MudBlazor.Icons.Material.Filled.Notifications,
    };
}
