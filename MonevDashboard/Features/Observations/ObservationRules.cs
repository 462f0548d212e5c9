using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;

namespace MonevDashboard.Features.Observations;

/// <summary>One figure as a user or a workbook gives it, before it is stored.</summary>
public sealed record ObservationCell(
    string IndicatorCode,
    int Year,
    int Quarter,
    string ProvinceCode,
    string CountryCode,
    string Sex,
    double? Value,
    double? Numerator,
    double? Denominator,
    string Source = "",
    string Note = "")
{
    public ObservationKey Key(int indicatorId) => new(indicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex);
}

/// <summary>The natural key of an observation.</summary>
public readonly record struct ObservationKey(int IndicatorId, int Year, int Quarter, string ProvinceCode, string CountryCode, string Sex)
{
    public static ObservationKey Of(Observation o) => new(o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex);
}

public enum CellField
{
    Indicator,
    Year,
    Quarter,
    Province,
    Country,
    Sex,
    Value,
    Numerator,
    Denominator,
    Source,
    Note,
}

/// <summary>A broken rule; warnings (e.g. a tenfold jump) need confirming but do not block.</summary>
public sealed record RuleViolation(CellField Field, string Message, bool IsWarning = false)
{
    /// <summary>Which rule: its resource key, e.g. "Rule.Negative" — for callers that react to a rule, and for tests.</summary>
    public string Rule { get; init; } = "";
}

/// <summary>The codes a figure may use: the provinces and countries in the reference tables.</summary>
public sealed record ReferenceCodes(IReadOnlySet<string> Provinces, IReadOnlySet<string> Countries);

/// <summary>
/// The content rules of a figure, shared by data entry and import so both refuse the same things with the same
/// words: known indicator that people report (not computed), a quarter of the programme's years, codes that exist
/// and that the indicator is broken down by, no negative counts, ratio parts that make sense.
/// </summary>
public sealed class ObservationRules(IStringLocalizer<SharedResource> localizer)
{
    public const double JumpFactor = 10;
    public const int MaxSourceLength = 300;
    public const int MaxNoteLength = 2000;

    public IReadOnlyList<RuleViolation> Validate(Indicator? indicator, ObservationCell cell, ReferenceCodes codes)
    {
        var errors = new List<RuleViolation>();
        void Error(CellField field, string key, params object[] args) => errors.Add(new RuleViolation(field, localizer[key, args]) { Rule = key });

        if (indicator is null)
        {
            Error(CellField.Indicator, "Rule.UnknownIndicator", cell.IndicatorCode);
            return errors;
        }
        if (indicator.Aggregation == TimeAggregation.Derived)
        {
            // Nothing else about the figure matters: it may not be given at all.
            Error(CellField.Indicator, "Rule.DerivedIndicator", indicator.Code);
            return errors;
        }
        if (!indicator.IsActive)
        {
            Error(CellField.Indicator, "Rule.InactiveIndicator", indicator.Code);
        }
        if (cell.Year < DatabaseInitializer.FirstYear || cell.Year > DatabaseInitializer.LastYear)
        {
            Error(CellField.Year, "Rule.YearOutOfRange", cell.Year, DatabaseInitializer.FirstYear, DatabaseInitializer.LastYear);
        }
        if (cell.Quarter is < 1 or > 4)
        {
            Error(CellField.Quarter, "Rule.QuarterOutOfRange", cell.Quarter);
        }
        CheckDimension(errors, indicator, Disaggregation.Province, cell.ProvinceCode, codes.Provinces, CellField.Province, "Rule.UnknownProvince", "Rule.ProvinceNotAllowed");
        CheckDimension(errors, indicator, Disaggregation.Country, cell.CountryCode, codes.Countries, CellField.Country, "Rule.UnknownCountry", "Rule.CountryNotAllowed");
        CheckDimension(errors, indicator, Disaggregation.Sex, cell.Sex, s_sexes, CellField.Sex, "Rule.UnknownSex", "Rule.SexNotAllowed");

        if (indicator.IsRatioLike)
        {
            if (cell.Numerator is not { } numerator)
            {
                Error(CellField.Numerator, "Rule.NumeratorRequired", indicator.Code);
            }
            else if (numerator < 0 || !double.IsFinite(numerator))
            {
                Error(CellField.Numerator, "Rule.Negative", Format(numerator));
            }
            if (cell.Denominator is not { } denominator)
            {
                Error(CellField.Denominator, "Rule.DenominatorRequired", indicator.Code);
            }
            else if (denominator <= 0 || !double.IsFinite(denominator))
            {
                Error(CellField.Denominator, "Rule.DenominatorPositive", Format(denominator));
            }
            if (indicator.NumeratorNotAboveDenominator && cell.Numerator > cell.Denominator && cell.Denominator > 0)
            {
                Error(CellField.Numerator, "Rule.NumeratorAboveDenominator", Format(cell.Numerator!.Value), Format(cell.Denominator!.Value));
            }
        }
        else if (cell.Value is not { } value)
        {
            Error(CellField.Value, "Rule.ValueRequired");
        }
        else if (value < 0 || !double.IsFinite(value))
        {
            Error(CellField.Value, "Rule.Negative", Format(value));
        }
        if (cell.Source.Length > MaxSourceLength)
        {
            Error(CellField.Source, "Rule.TextTooLong", MaxSourceLength, cell.Source.Length);
        }
        if (cell.Note.Length > MaxNoteLength)
        {
            Error(CellField.Note, "Rule.TextTooLong", MaxNoteLength, cell.Note.Length);
        }
        return errors;
    }

    /// <summary>The stored value: for ratio indicators the percentage numerator ÷ denominator × 100.</summary>
    public static double StoredValue(Indicator indicator, ObservationCell cell) =>
        indicator.IsRatioLike
            ? cell.Numerator is { } n && cell.Denominator is { } d && d > 0 ? n * 100 / d : 0
            : cell.Value ?? 0;

    /// <summary>Decimals a figure is shown with (<see cref="Localization.FigureFormatter.Number"/>): the precision of a change.</summary>
    public const int ShownDecimals = 2;

    /// <summary>
    /// The one comparison of a given figure with a stored one, for every write path (entry grid, import): a ratio
    /// is the same when its numerator and denominator are (its percentage is derived from them), any other figure
    /// when its value is. Numbers are the same when they are shown the same (<see cref="ShownDecimals"/>), or differ
    /// only by floating-point noise: a change nobody can see is no change, so it never moves a state or a version.
    /// </summary>
    public static bool SameFigure(Indicator indicator, double? value, double? numerator, double? denominator,
        double storedValue, double? storedNumerator, double? storedDenominator) =>
        indicator.IsRatioLike
            ? SameNumber(numerator, storedNumerator) && SameNumber(denominator, storedDenominator)
            : SameNumber(value, storedValue);

    /// <summary>Two numbers as <see cref="SameFigure"/> compares them; blank is only the same as blank.</summary>
    public static bool SameNumber(double? a, double? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return a is null && b is null;
        }
        if (x.Equals(y) || Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))))
        {
            return true;
        }
        return Math.Round(x, ShownDecimals, MidpointRounding.AwayFromZero).Equals(Math.Round(y, ShownDecimals, MidpointRounding.AwayFromZero));
    }

    /// <summary>A warning when a figure is more than tenfold (or under a tenth of) the previous quarter's.</summary>
    public RuleViolation? JumpWarning(double newValue, double? previousQuarterValue)
    {
        if (previousQuarterValue is not { } previous || previous <= 0 || newValue <= 0)
        {
            return null;
        }
        var factor = newValue / previous;
        return factor > JumpFactor || factor < 1 / JumpFactor
            ? new RuleViolation(CellField.Value, localizer["Rule.Jump", Format(newValue), Format(previous)], IsWarning: true) { Rule = "Rule.Jump" }
            : null;
    }

    private static readonly HashSet<string> s_sexes = ["L", "P"];

    private void CheckDimension(List<RuleViolation> errors, Indicator indicator, Disaggregation dimension, string code,
        IReadOnlySet<string> known, CellField field, string unknownKey, string notAllowedKey)
    {
        if (string.IsNullOrEmpty(code))
        {
            return;
        }
        if (!known.Contains(code))
        {
            errors.Add(new RuleViolation(field, localizer[unknownKey, code]) { Rule = unknownKey });
        }
        else if (!indicator.Allows(dimension))
        {
            errors.Add(new RuleViolation(field, localizer[notAllowedKey, indicator.Code]) { Rule = notAllowedKey });
        }
    }

    private static string Format(double value) => Localization.FigureFormatter.Number(value);
}
