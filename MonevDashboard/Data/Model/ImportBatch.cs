namespace MonevDashboard.Data.Model;

public enum ImportBatchStatus
{
    Committed = 1,
    RolledBack = 2,
}

/// <summary>One committed import of a workbook; it can be rolled back as a whole.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTime ImportedAt { get; set; }
    public int RowsRead { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    public int TargetsWritten { get; set; }
    public ImportBatchStatus Status { get; set; } = ImportBatchStatus.Committed;
    public DateTime? RolledBackAt { get; set; }
    public string? RolledBackBy { get; set; }
    /// <summary>Why the batch changes figures already submitted or verified (required then; one per batch). Also on
    /// every audit entry the batch writes.</summary>
    public string? Reason { get; set; }
    public List<ImportBatchChange> Changes { get; set; } = [];
}

/// <summary>What a batch did to one observation, with the values it replaced, so a rollback can restore them.</summary>
public sealed class ImportBatchChange
{
    public long Id { get; set; }
    public long ImportBatchId { get; set; }
    public long ObservationId { get; set; }
    public bool WasInserted { get; set; }
    public double? OldValue { get; set; }
    public double? OldNumerator { get; set; }
    public double? OldDenominator { get; set; }
    public string? OldSource { get; set; }
    public string? OldNote { get; set; }
    public int? OldStatus { get; set; }
    /// <summary>The observation's version right after the import.</summary>
    public int VersionAfter { get; set; }
    /// <summary>The figure as the batch wrote it: a rollback is refused if it was changed since — not if only its
    /// state moved on (submitted, verified). Null for batches written before these were kept (then the version decides).</summary>
    public double? NewValue { get; set; }
    public double? NewNumerator { get; set; }
    public double? NewDenominator { get; set; }
    public string? NewSource { get; set; }
    public string? NewNote { get; set; }
}
