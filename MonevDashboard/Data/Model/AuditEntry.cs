namespace MonevDashboard.Data.Model;

/// <summary>One recorded change: who, when, what, key, old → new (JSON), and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>Create, Update, Delete, StatusChange, Lock, Unlock, Import, Rollback, SignIn, SignInFailed, LockedOut …</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public int? IndicatorId { get; set; }
    public int? Year { get; set; }
    public int? Quarter { get; set; }
    public string? OldValues { get; set; }
    public string? NewValues { get; set; }
    public string? Reason { get; set; }
    public long? ImportBatchId { get; set; }
}
