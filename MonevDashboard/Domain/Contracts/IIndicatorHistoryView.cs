namespace MonevDashboard.Domain.Contracts;

/// <summary>
/// "Show this indicator's recorded changes": the indicator page's history tab, drawn by the audit log feature,
/// which alone knows the audit trail and who may read it. Implemented and registered by Features/AuditLog.
/// </summary>
public interface IIndicatorHistoryView
{
    /// <summary>A component with a string parameter <c>IndicatorCode</c>.</summary>
    Type Component { get; }
}
