using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Features.AuditLog;

internal sealed class IndicatorHistoryView : IIndicatorHistoryView
{
    public Type Component => typeof(AuditHistory);
}
