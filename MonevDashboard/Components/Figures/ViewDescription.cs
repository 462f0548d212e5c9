using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Figures;

namespace MonevDashboard.Components.Figures;

/// <summary>A view's filters in words, under the page title: "Realisasi TW III 2026 · Jawa Timur".</summary>
public static class ViewDescription
{
    public static string Describe(DashboardQuery query, FilterOptions? options, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(localizer);
        var english = CultureSetup.IsEnglish;
        var filter = query.Filter;
        var parts = new List<string>
        {
            filter.YearToDate
                ? localizer["View.YearToDate", filter.Period.Name(CultureSetup.IsEnglish)]
                : localizer["View.Quarter", filter.Period.Name(CultureSetup.IsEnglish)],
        };
        static string? NameOf(string? code, IReadOnlyList<NamedOption>? known, bool english) =>
            code is null ? null : known?.FirstOrDefault(o => o.Code == code)?.Name(english) ?? code;
        if (filter.PillarCode is { } pillar)
        {
            parts.Add($"{pillar} {NameOf(pillar, options?.Pillars, english)}");
        }
        if (filter.Owner is { } owner)
        {
            parts.Add(localizer["Owner." + owner]);
        }
        if (NameOf(filter.ProvinceCode, options?.Provinces, english) is { } province)
        {
            parts.Add(province);
        }
        if (NameOf(filter.CountryCode, options?.Countries, english) is { } country)
        {
            parts.Add(country);
        }
        if (filter.Sex is { } sex)
        {
            parts.Add(Vocabulary.SexName(sex, english));
        }
        return string.Join(" · ", parts);
    }
}
