using System.Globalization;
using System.Text.RegularExpressions;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Components.Figures;

/// <summary>A URL query parameter the dashboard could not use, reported to the user and then ignored.</summary>
public sealed record InvalidParameter(string Name, string Value);

/// <summary>
/// The dashboard's view as it travels in the URL (<c>?tahun=2026&amp;tw=3&amp;provinsi=35</c>), so a view can be
/// bookmarked and shared. Pure: parsing never throws — a value it cannot use is reported and ignored, and the
/// view falls back to the current reporting quarter.
/// </summary>
public sealed partial record DashboardQuery(FigureFilter Filter, string? Indicator = null)
{
    public const string YearKey = YearQuarter.YearParameter;
    public const string QuarterKey = YearQuarter.QuarterParameter;
    public const string YearToDateKey = "kumulatif";
    public const string PillarKey = "pilar";
    public const string OwnerKey = "pemilik";
    public const string ProvinceKey = "provinsi";
    public const string CountryKey = "negara";
    /// <summary>Jenis kelamin: <c>L</c> or <c>P</c>, as figures store the sexes.</summary>
    public const string SexKey = "jk";
    public const string IndicatorKey = "indikator";
    /// <summary>For a reviewed quarter: <c>rapat</c> (the figures as frozen at the review) or <c>terkini</c> (current).</summary>
    public const string VersionKey = "versi";

    public static readonly string[] Keys = [YearKey, QuarterKey, YearToDateKey, PillarKey, OwnerKey, ProvinceKey, CountryKey, SexKey, IndicatorKey, VersionKey];

    public IReadOnlyList<InvalidParameter> Problems { get; init; } = [];

    /// <summary>Which figures of a reviewed quarter are shown; null: the page's default (current on the dashboard).</summary>
    public ShownFigures? Version { get; init; }

    /// <summary>The view of the current reporting quarter with no other filter.</summary>
    public static DashboardQuery Default(YearQuarter current) => new(new FigureFilter(current.Year, current.Quarter));

    /// <summary>
    /// Reads the parameters (<paramref name="value"/> gives null for a missing one). A missing year is the current
    /// reporting year; a missing quarter is the current one in that year, the last of an earlier year.
    /// </summary>
    public static DashboardQuery Parse(Func<string, string?> value, YearQuarter current)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problems = new List<InvalidParameter>();
        // The parsed value when the parameter is present and valid; a present but invalid one is reported.
        T? Read<T>(string key, Func<string, T?> parse) where T : struct
        {
            var text = value(key)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            var parsed = parse(text);
            if (parsed is null)
            {
                problems.Add(new InvalidParameter(key, text));
            }
            return parsed;
        }
        string? ReadCode(string key, Regex pattern)
        {
            var text = value(key)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            if (!pattern.IsMatch(text))
            {
                problems.Add(new InvalidParameter(key, text));
                return null;
            }
            return text.ToUpperInvariant();
        }

        var year = Read(YearKey, YearQuarter.ParseYear)
            ?? current.Year;
        var quarter = Read(QuarterKey, YearQuarter.ParseQuarter)
            ?? (year == current.Year ? current.Quarter : year < current.Year ? 4 : 1);
        var yearToDate = Read(YearToDateKey, t => t.ToLowerInvariant() switch
        {
            "1" or "ya" or "true" => true,
            "0" or "tidak" or "false" => (bool?)false,
            _ => null,
        }) ?? false;
        var owner = Read(OwnerKey, ParseOwner);
        var sex = ReadCode(SexKey, SexPattern());
        var filter = new FigureFilter(year, quarter, yearToDate,
            ReadCode(PillarKey, CodePattern()), owner, ReadCode(ProvinceKey, ProvincePattern()), ReadCode(CountryKey, CountryPattern()), sex);
        var version = Read(VersionKey, ParseVersion);
        return new DashboardQuery(filter, ReadCode(IndicatorKey, CodePattern())) { Problems = problems, Version = version };
    }

    /// <summary>
    /// Drops a pillar, province or country the catalogue does not know (a mistyped or stale link), reporting it,
    /// so the view says so instead of silently showing nothing.
    /// </summary>
    public DashboardQuery WithKnownCodes(FilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems.ToList();
        string? Known(string key, string? code, IReadOnlyList<NamedOption> known)
        {
            if (code is null || known.Any(o => o.Code == code))
            {
                return code;
            }
            problems.Add(new InvalidParameter(key, code));
            return null;
        }
        var filter = Filter with
        {
            PillarCode = Known(PillarKey, Filter.PillarCode, options.Pillars),
            ProvinceCode = Known(ProvinceKey, Filter.ProvinceCode, options.Provinces),
            CountryCode = Known(CountryKey, Filter.CountryCode, options.Countries),
        };
        return this with { Filter = filter, Problems = problems };
    }

    /// <summary>The parameters of this view; every one is written (null removes it) so a link never inherits stale ones.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        [YearKey] = Filter.Year.ToString(CultureInfo.InvariantCulture),
        [QuarterKey] = Filter.Quarter.ToString(CultureInfo.InvariantCulture),
        [YearToDateKey] = Filter.YearToDate ? "1" : null,
        [PillarKey] = Filter.PillarCode,
        [OwnerKey] = Filter.Owner is { } owner ? OwnerValue(owner) : null,
        [ProvinceKey] = Filter.ProvinceCode,
        [CountryKey] = Filter.CountryCode,
        [SexKey] = Filter.Sex,
        [IndicatorKey] = Indicator,
        [VersionKey] = Version is { } version ? VersionValue(version) : null,
    };

    /// <summary>"?tahun=2026&amp;tw=3…", always with the period, so a shared link shows the same quarter next year too.</summary>
    public string ToQueryString() =>
        "?" + string.Join("&", ToParameters()
            .Where(p => p.Value is string { Length: > 0 })
            .Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}"));

    /// <summary>The dashboard showing this view.</summary>
    public string DashboardHref => "/" + ToQueryString();

    /// <summary>An indicator's page with this view's filters (and the way back to it).</summary>
    public string IndicatorHref(string code) => $"/indikator/{Uri.EscapeDataString(code)}{ToQueryString()}";

    /// <summary>
    /// This view narrowed to one group of a breakdown (the province, country or sex a chart's bar or slice stands for),
    /// keeping every other filter: what a drill-down opens.
    /// </summary>
    public DashboardQuery Narrowed(BreakdownDimension dimension, string group) => this with
    {
        Filter = dimension switch
        {
            BreakdownDimension.Province => Filter with { ProvinceCode = group },
            BreakdownDimension.Country => Filter with { CountryCode = group },
            _ => Filter with { Sex = group },
        },
        Problems = [],
    };

    /// <summary>The <see cref="VersionKey"/> value of a version, as the dashboard, the indicator page, the slides and the pack write it.</summary>
    public static string VersionValue(ShownFigures version) => version == ShownFigures.AsReviewed ? "rapat" : "terkini";

    /// <summary>A <see cref="VersionKey"/> value; null when it is none of them.</summary>
    public static ShownFigures? ParseVersion(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "rapat" => ShownFigures.AsReviewed,
        "terkini" => ShownFigures.Current,
        _ => null,
    };

    public static string OwnerValue(Ministry owner) => owner.ToString().ToLowerInvariant();

    private static Ministry? ParseOwner(string text) =>
        Enum.GetValues<Ministry>().Cast<Ministry?>().FirstOrDefault(m => string.Equals(OwnerValue(m!.Value), text, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex ProvincePattern();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[LPlp]$")]
    private static partial Regex SexPattern();
}
