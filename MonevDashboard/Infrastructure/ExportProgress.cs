namespace MonevDashboard.Infrastructure;

public enum ExportStage
{
    Preparing = 0,
    WritingRows = 1,
    Finishing = 2,
    Done = 3,
}

/// <summary>How far an export is; <see cref="TotalRows"/> is 0 when unknown.</summary>
public sealed record ExportProgress(ExportStage Stage, long RowsWritten, long TotalRows)
{
    /// <summary>0–100 for a progress bar: preparing is the first 5 %, rows up to 95 %, finishing the rest.</summary>
    public double Percent => Stage switch
    {
        ExportStage.Preparing => 2,
        ExportStage.WritingRows => TotalRows > 0 ? 5 + 90.0 * Math.Min(RowsWritten, TotalRows) / TotalRows : 50,
        ExportStage.Finishing => 97,
        _ => 100,
    };
}
