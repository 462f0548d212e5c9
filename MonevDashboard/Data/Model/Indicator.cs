namespace MonevDashboard.Data.Model;

/// <summary>One of the four PKS commitments; indicators hang under it.</summary>
public sealed class Pillar
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameId { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
    public List<Indicator> Indicators { get; set; } = [];
}

/// <summary>Which ministry owns (reports) an indicator. <see cref="Bersama"/> is joint: either may edit.</summary>
public enum Ministry
{
    Kemendag = 1,
    Kp2mi = 2,
    Bersama = 3,
}

/// <summary>How quarterly figures combine over time (DESIGN.md "Indicator fields").</summary>
public enum TimeAggregation
{
    /// <summary>Flows: quarters add up.</summary>
    Sum = 1,
    /// <summary>Stocks: the last reported quarter stands for the period.</summary>
    Latest = 2,
    /// <summary>Σnumerator ÷ Σdenominator, never a mean of ratios.</summary>
    Ratio = 3,
    /// <summary>Computed by the system from other records (action items, submissions) as a ratio.</summary>
    Derived = 4,
}

public enum Direction
{
    HigherIsBetter = 1,
    LowerIsBetter = 2,
}

/// <summary>Dimensions an indicator may be broken down by.</summary>
[Flags]
public enum Disaggregation
{
    None = 0,
    Sex = 1,
    Province = 2,
    Country = 4,
}

public sealed class Indicator
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameId { get; set; }
    public required string NameEn { get; set; }
    public string DefinitionId { get; set; } = "";
    public string DefinitionEn { get; set; } = "";
    public int PillarId { get; set; }
    public Pillar? Pillar { get; set; }
    /// <summary>Unit as officials write it (orang, UMKM, USD, %, kegiatan, lowongan).</summary>
    public required string Unit { get; set; }
    public string UnitEn { get; set; } = "";
    public TimeAggregation Aggregation { get; set; }
    public Direction Direction { get; set; } = Direction.HigherIsBetter;
    public Ministry Owner { get; set; }
    public int? BaselineYear { get; set; }
    public double? BaselineValue { get; set; }
    public Disaggregation Disaggregations { get; set; }
    public string DataSource { get; set; } = "";
    public bool IsActive { get; set; } = true;
    /// <summary>For ratio indicators whose numerator is a subset of the denominator (a share).</summary>
    public bool NumeratorNotAboveDenominator { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Concurrency token: bumped on every update by the audit interceptor, so a stale edit is refused.</summary>
    public int Version { get; set; }

    public bool Allows(Disaggregation dimension) => (Disaggregations & dimension) == dimension;
    public bool IsRatioLike => Aggregation is TimeAggregation.Ratio or TimeAggregation.Derived;
}
