using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Observations;

namespace MonevDashboard.Features.Targets;

/// <summary>
/// The content rules of a target, shared by whatever writes targets (the Excel import now, the admin screen
/// later): a known active indicator, a year of the programme, an annual target (quarter 0) or a quarter 1–4,
/// and a value that is a number and not negative.
/// </summary>
public sealed class TargetRules(IStringLocalizer<SharedResource> localizer)
{
    public IReadOnlyList<RuleViolation> Validate(Indicator? indicator, string indicatorCode, int year, int quarter, double? value)
    {
        var errors = new List<RuleViolation>();
        void Error(CellField field, string key, params object[] args) => errors.Add(new RuleViolation(field, localizer[key, args]) { Rule = key });

        if (indicator is null)
        {
            Error(CellField.Indicator, "Rule.UnknownIndicator", indicatorCode);
            return errors;
        }
        if (!indicator.IsActive)
        {
            Error(CellField.Indicator, "Rule.InactiveIndicator", indicator.Code);
        }
        if (year < DatabaseInitializer.FirstYear || year > DatabaseInitializer.LastYear)
        {
            Error(CellField.Year, "Rule.YearOutOfRange", year, DatabaseInitializer.FirstYear, DatabaseInitializer.LastYear);
        }
        if (quarter is < Target.Annual or > 4)
        {
            Error(CellField.Quarter, "Rule.QuarterOutOfRange", quarter);
        }
        if (value is not { } v)
        {
            Error(CellField.Value, "Rule.TargetRequired");
        }
        else if (v < 0 || !double.IsFinite(v))
        {
            Error(CellField.Value, "Rule.Negative", Localization.FigureFormatter.Number(v));
        }
        return errors;
    }
}
