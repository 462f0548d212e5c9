using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Indicators;

/// <summary>An indicator as the admin list shows it.</summary>
public sealed record IndicatorAdminRow(
    int Id, string Code, string PillarCode, string NameId, string NameEn, string DefinitionId, string DefinitionEn,
    string Unit, string UnitEn, TimeAggregation Aggregation, Direction Direction, Ministry Owner, string DataSource,
    bool IsActive, int? BaselineYear, double? BaselineValue, Disaggregation Disaggregations, int Version)
{
    public string Name(bool english) => english ? NameEn : NameId;

    public IndicatorEdit ToEdit() => new()
    {
        Id = Id, NameId = NameId, NameEn = NameEn, DefinitionId = DefinitionId, DefinitionEn = DefinitionEn,
        Unit = Unit, UnitEn = UnitEn, Direction = Direction, Owner = Owner, DataSource = DataSource, IsActive = IsActive,
        BaselineYear = BaselineYear, BaselineValue = BaselineValue, Disaggregations = Disaggregations, Version = Version,
    };
}

/// <summary>The editable metadata of an indicator. Code, pillar and time aggregation are not editable: stored figures depend on them.</summary>
public sealed record IndicatorEdit
{
    public int Id { get; init; }
    public string NameId { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string DefinitionId { get; init; } = "";
    public string DefinitionEn { get; init; } = "";
    public string Unit { get; init; } = "";
    public string UnitEn { get; init; } = "";
    public Direction Direction { get; init; } = Direction.HigherIsBetter;
    public Ministry Owner { get; init; } = Ministry.Bersama;
    public string DataSource { get; init; } = "";
    public bool IsActive { get; init; } = true;
    public int? BaselineYear { get; init; }
    public double? BaselineValue { get; init; }
    public Disaggregation Disaggregations { get; init; }
    /// <summary>The version the form was loaded with: a save over someone else's newer change is refused.</summary>
    public int Version { get; init; }
}

/// <summary>The fields of <see cref="IndicatorEdit"/>, so a message can be shown under its input.</summary>
public enum IndicatorField
{
    NameId,
    NameEn,
    DefinitionId,
    DefinitionEn,
    Unit,
    UnitEn,
    Direction,
    Owner,
    DataSource,
    BaselineYear,
    BaselineValue,
    Disaggregations,
}

public sealed record IndicatorFieldError(IndicatorField Field, string Message);

/// <summary>Saved, or refused with the reasons per field (nothing written).</summary>
public sealed record IndicatorSaveResult(bool Saved, IReadOnlyList<IndicatorFieldError> Errors)
{
    public static IndicatorSaveResult Success { get; } = new(true, []);
}
