using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Targets;

/// <summary>
/// One indicator's targets for a year: index 0 is the annual target, 1–4 the quarters; null = no target. Versions
/// are the stored concurrency versions in the same order (0 = no target).
/// </summary>
public sealed record TargetGridRow(
    int IndicatorId, string Code, string PillarCode, string NameId, string NameEn, string Unit, string UnitEn,
    TimeAggregation Aggregation, IReadOnlyList<double?> Values, IReadOnlyList<int> Versions)
{
    public string Name(bool english) => english ? NameEn : NameId;
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;
}

/// <summary>
/// The targets of every active indicator for one year, as the admin grid shows them. <paramref name="LockedColumns"/>
/// holds, per column (0 annual, 1–4 quarters) that a quarter lock freezes, why it cannot be changed.
/// </summary>
public sealed record TargetGrid(int Year, IReadOnlyList<TargetGridRow> Rows, IReadOnlyDictionary<int, string> LockedColumns);

/// <summary>
/// One changed cell: the new value (null removes the target) and the value and version the grid was loaded with
/// (version 0: there was no target), so a change made by someone else in the meantime is refused, not overwritten.
/// </summary>
public sealed record TargetEdit(int IndicatorId, int Quarter, double? Value, double? LoadedValue, int LoadedVersion);

/// <summary>Why a cell was refused; <paramref name="IsConflict"/> when someone else saved it first (the page offers a reload).</summary>
public sealed record TargetCellError(int IndicatorId, int Quarter, string Message, bool IsConflict = false);

/// <summary>Saved (with counts), or refused with messages per cell and nothing written.</summary>
public sealed record TargetSaveResult(bool Saved, int Inserted, int Updated, int Removed, IReadOnlyList<TargetCellError> Errors)
{
    public static TargetSaveResult Refused(IReadOnlyList<TargetCellError> errors) => new(false, 0, 0, 0, errors);
}
