namespace MonevDashboard.Domain;

/// <summary>Which ministry owns (reports) an indicator. <see cref="Bersama"/> is joint: either may edit.</summary>
public enum Ministry
{
    Kemendag = 1,
    Kp2mi = 2,
    Bersama = 3,
}

/// <summary>How quarterly figures combine over time (docs/design.md "Indicator fields").</summary>
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

/// <summary>Where one reported figure stands in the reporting workflow.</summary>
public enum ObservationStatus
{
    Draft = 1,
    Submitted = 2,
    Verified = 3,
    Returned = 4,
}

/// <summary>Where one ministry's quarterly report stands (Draft → Submitted → Verified / Returned).</summary>
public enum SubmissionStatus
{
    Draft = 1,
    Submitted = 2,
    Verified = 3,
    Returned = 4,
}

/// <summary>Where a review follow-up (tindak lanjut) stands.</summary>
public enum ActionItemStatus
{
    Open = 1,
    InProgress = 2,
    Done = 3,
}

/// <summary>
/// What the rules for figures and targets need to know of an indicator. The entity implements it, so the rules stay
/// free of the data layer while every caller keeps passing the indicator it has.
/// </summary>
public interface IIndicatorTraits
{
    string Code { get; }
    bool IsActive { get; }
    TimeAggregation Aggregation { get; }
    Disaggregation Disaggregations { get; }
    /// <summary>Unit as officials write it (orang, UMKM, USD, %); decides whether figures are whole numbers
    /// (<see cref="ObservationRules.TakesWholeNumbers"/>).</summary>
    string Unit { get; }
    /// <summary>For ratio indicators whose numerator is a subset of the denominator (a share).</summary>
    bool NumeratorNotAboveDenominator { get; }
}

/// <summary>
/// The words of the programme's vocabulary that are fixed Indonesian (or Indonesian/English) names rather than
/// screen text: the sexes as figures store them, the ministries and the statuses as the official report writes them.
/// Screen labels of the same things are resource keys ("Sex.L", "Owner.Kp2mi", "Status.OnTrack").
/// </summary>
public static class Vocabulary
{
    /// <summary>Laki-laki, as a figure stores it.</summary>
    public const string Male = "L";
    /// <summary>Perempuan, as a figure stores it.</summary>
    public const string Female = "P";

    /// <summary>The sex codes a figure may carry ("" = not broken down by sex).</summary>
    public static IReadOnlySet<string> Sexes { get; } = new HashSet<string>(StringComparer.Ordinal) { Male, Female };

    /// <summary>A stored sex code by name, in Indonesian or English; the code itself for anything else.</summary>
    public static string SexName(string code, bool english = false) => code switch
    {
        Male => english ? "Male" : "Laki-laki",
        Female => english ? "Female" : "Perempuan",
        _ => code,
    };

    /// <summary>"Laki-laki (L)": the name with the code officials type, for column heads and grids.</summary>
    public static string SexLabel(string code, bool english = false) => Sexes.Contains(code) ? $"{SexName(code, english)} ({code})" : code;

    /// <summary>"L" or "P" for the ways officials write the sexes; otherwise the text as given, for the rule to refuse.</summary>
    public static string ParseSex(string text)
    {
        var s = text.Trim().ToUpperInvariant();
        return s switch
        {
            "" => "",
            "L" or "LK" or "LAKI-LAKI" or "LAKI LAKI" or "LAKILAKI" or "LAKI" or "PRIA" or "M" or "MALE" => Male,
            "P" or "PR" or "PEREMPUAN" or "WANITA" or "F" or "FEMALE" => Female,
            _ => s,
        };
    }

    public static bool IsRatioLike(this TimeAggregation aggregation) => aggregation is TimeAggregation.Ratio or TimeAggregation.Derived;

    /// <summary>Whether <paramref name="allowed"/> includes every dimension of <paramref name="dimension"/>.</summary>
    public static bool Allows(this Disaggregation allowed, Disaggregation dimension) => (allowed & dimension) == dimension;

    /// <summary>A ministry as the official documents name it.</summary>
    public static string MinistryName(Ministry ministry) => ministry switch
    {
        Ministry.Kemendag => "Kemendag",
        Ministry.Kp2mi => "KP2MI",
        _ => "Bersama",
    };

    /// <summary>An achievement status in Indonesian (equal to the "Status.*" resources; a test keeps them in step).</summary>
    public static string StatusName(AchievementStatus status) => status switch
    {
        AchievementStatus.OnTrack => "Tercapai",
        AchievementStatus.NeedsAttention => "Perlu perhatian",
        AchievementStatus.Critical => "Kritis",
        AchievementStatus.NoTarget => "Tanpa target",
        _ => "Belum ada data",
    };

    /// <summary>A figure's verification status in Indonesian (equal to the "ObservationStatus.*" resources; a test keeps them in step).</summary>
    public static string ObservationStatusName(ObservationStatus status) => status switch
    {
        ObservationStatus.Submitted => "Disampaikan",
        ObservationStatus.Verified => "Terverifikasi",
        ObservationStatus.Returned => "Dikembalikan",
        _ => "Draf",
    };

    /// <summary>A ministry's full name, as a letterhead writes it.</summary>
    public static string MinistryFullName(Ministry ministry) => ministry switch
    {
        Ministry.Kemendag => "Kementerian Perdagangan Republik Indonesia",
        Ministry.Kp2mi => "Kementerian Pelindungan Pekerja Migran Indonesia",
        _ => MinistryName(ministry),
    };

    /// <summary>A follow-up's status in Indonesian.</summary>
    public static string ActionStatusName(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Done => "Selesai",
        ActionItemStatus.InProgress => "Dalam proses",
        _ => "Belum dimulai",
    };
}
