using MonevDashboard.Features.Indicators;

namespace MonevDashboard.Features.Targets;

/// <summary>One indicator's targets for a year: index 0 is the annual target, 1–4 the quarters; null = no target.</summary>
public sealed record TargetGridRow(
    int IndicatorId, string Code, string PillarCode, string NameId, string NameEn, string Unit, string UnitEn,
    TimeAggregation Aggregation, IReadOnlyList<double?> Values)
{
    public string Name(bool english) => english ? NameEn : NameId;
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;
}

/// <summary>The targets of every active indicator for one year, as the admin grid shows them.</summary>
public sealed record TargetGrid(int Year, IReadOnlyList<TargetGridRow> Rows);

/// <summary>
/// One changed cell: the new value (null removes the target) and the value the grid was loaded with, so a change
/// made by someone else in the meantime is detected instead of overwritten.
/// </summary>
public sealed record TargetEdit(int IndicatorId, int Quarter, double? Value, double? LoadedValue);

public sealed record TargetCellError(int IndicatorId, int Quarter, string Message);

/// <summary>Saved (with counts), or refused with messages per cell and nothing written.</summary>
public sealed record TargetSaveResult(bool Saved, int Inserted, int Updated, int Removed, IReadOnlyList<TargetCellError> Errors)
{
    public static TargetSaveResult Refused(IReadOnlyList<TargetCellError> errors) => new(false, 0, 0, 0, errors);
}
