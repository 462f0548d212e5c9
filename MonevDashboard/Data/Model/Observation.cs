using MonevDashboard.Domain.Contracts;
namespace MonevDashboard.Data.Model;


/// <summary>
/// One reported figure (realisasi). The natural key is (indicator, year, quarter, province, country, sex);
/// a dimension that is not given is stored as "" — not NULL — so the unique index also holds for totals
/// (SQLite treats NULLs as distinct). Within one indicator and quarter the rows are disjoint cells, so the
/// indicator's figure is their sum (or Σnumerator ÷ Σdenominator).
/// </summary>
public sealed class Observation : IUpdateStamped
{
    public long Id { get; set; }
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public string ProvinceCode { get; set; } = "";
    public string CountryCode { get; set; } = "";
    /// <summary>"L" (laki-laki), "P" (perempuan) or "" when not broken down by sex.</summary>
    public string Sex { get; set; } = "";
    /// <summary>The figure; for ratio indicators the percentage numerator ÷ denominator × 100.</summary>
    public double Value { get; set; }
    public double? Numerator { get; set; }
    public double? Denominator { get; set; }
    public string Source { get; set; } = "";
    public string Note { get; set; } = "";
    public ObservationStatus Status { get; set; } = ObservationStatus.Draft;
    public string? ReturnReason { get; set; }
    public long? ImportBatchId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token, bumped on every update.</summary>
    public int Version { get; set; }
}
