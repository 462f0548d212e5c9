namespace MonevDashboard.Data.Reference;

/// <summary>A province with its two-digit Kemendagri code (see <see cref="ProvinceList"/>).</summary>
public sealed class Province
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>An ISO 3166-1 alpha-2 country with its Indonesian and English names.</summary>
public sealed class Country
{
    public required string Code { get; set; }
    public required string NameId { get; set; }
    public required string NameEn { get; set; }
}
