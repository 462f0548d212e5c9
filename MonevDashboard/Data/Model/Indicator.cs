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

public sealed class Indicator : IIndicatorTraits
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

    public bool Allows(Disaggregation dimension) => Disaggregations.Allows(dimension);
    public bool IsRatioLike => Aggregation.IsRatioLike();
}
