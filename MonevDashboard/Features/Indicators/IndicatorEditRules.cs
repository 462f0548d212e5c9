using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Indicators;

/// <summary>
/// What an indicator's metadata must satisfy before it is saved: required texts, lengths the database holds, a
/// baseline year in 2000–2100 given together with a non-negative value, and known enum values. Pure, so the page
/// can show the same messages before the service refuses.
/// </summary>
public sealed class IndicatorEditRules(IStringLocalizer<SharedResource> localizer)
{
    public const int FirstBaselineYear = 2000;
    public const int LastBaselineYear = 2100;

    public IReadOnlyList<IndicatorFieldError> Validate(IndicatorEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var errors = new List<IndicatorFieldError>();
        void Error(IndicatorField field, string key, params object[] args) => errors.Add(new(field, localizer[key, args]));
        void Text(IndicatorField field, string? value, bool required, int max)
        {
            var label = localizer["IndicatorAdmin.Field." + field].Value;
            if (required && string.IsNullOrWhiteSpace(value))
            {
                Error(field, "IndicatorAdmin.Required", label);
            }
            else if ((value?.Trim().Length ?? 0) > max)
            {
                Error(field, "IndicatorAdmin.TooLong", label, max);
            }
        }

        Text(IndicatorField.NameId, edit.NameId, required: true, 300);
        Text(IndicatorField.NameEn, edit.NameEn, required: true, 300);
        Text(IndicatorField.DefinitionId, edit.DefinitionId, required: true, 2000);
        Text(IndicatorField.DefinitionEn, edit.DefinitionEn, required: false, 2000);
        Text(IndicatorField.Unit, edit.Unit, required: true, 40);
        Text(IndicatorField.UnitEn, edit.UnitEn, required: false, 40);
        Text(IndicatorField.DataSource, edit.DataSource, required: true, 300);
        if (!Enum.IsDefined(edit.Direction))
        {
            Error(IndicatorField.Direction, "IndicatorAdmin.ChooseDirection");
        }
        if (!Enum.IsDefined(edit.Owner))
        {
            Error(IndicatorField.Owner, "IndicatorAdmin.ChooseOwner");
        }
        if ((edit.Disaggregations & ~(Disaggregation.Sex | Disaggregation.Province | Disaggregation.Country)) != 0)
        {
            Error(IndicatorField.Disaggregations, "IndicatorAdmin.UnknownDisaggregation");
        }
        if (edit.BaselineYear is { } year && year is < FirstBaselineYear or > LastBaselineYear)
        {
            Error(IndicatorField.BaselineYear, "IndicatorAdmin.BaselineYearRange", year, FirstBaselineYear, LastBaselineYear);
        }
        if (edit.BaselineValue is { } value && (!double.IsFinite(value) || value < 0))
        {
            Error(IndicatorField.BaselineValue, "IndicatorAdmin.BaselineNegative");
        }
        if (edit.BaselineYear is null && edit.BaselineValue is not null)
        {
            Error(IndicatorField.BaselineYear, "IndicatorAdmin.BaselineYearMissing");
        }
        if (edit.BaselineYear is not null && edit.BaselineValue is null)
        {
            Error(IndicatorField.BaselineValue, "IndicatorAdmin.BaselineValueMissing");
        }
        return errors;
    }
}
