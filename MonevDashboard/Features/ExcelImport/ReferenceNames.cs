using System.Globalization;
using System.Text;
using MonevDashboard.Data.Reference;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// Turns what officials type in the province and country columns into codes: the code itself (any case), or a
/// name or common alias ("Jawa Timur", "Jatim", "Provinsi Jawa Timur"; "Arab Saudi", "Saudi Arabia", "Taiwan").
/// Names come from the reference lists (<see cref="ProvinceList"/>, <see cref="CountryList"/>, with their aliases)
/// and from the reference tables, so a name an admin corrects there is understood too. Pure and thread-safe.
/// </summary>
public sealed class ReferenceNames
{
    private static readonly string[] s_provincePrefixes = ["provinsi ", "prov. ", "prov "];

    private readonly Dictionary<string, string> _provinces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _countries = new(StringComparer.Ordinal);

    public ReferenceNames(IEnumerable<Province> provinces, IEnumerable<Country> countries)
    {
        foreach (var p in ProvinceList.All)
        {
            Add(_provinces, p.Code, p.Name);
            foreach (var alias in p.Aliases)
            {
                Add(_provinces, p.Code, alias);
            }
        }
        foreach (var p in provinces)
        {
            Add(_provinces, p.Code, p.Name);
        }
        foreach (var c in CountryList.All)
        {
            Add(_countries, c.Code, c.NameId);
            Add(_countries, c.Code, c.NameEn);
            foreach (var alias in c.Aliases)
            {
                Add(_countries, c.Code, alias);
            }
        }
        foreach (var c in countries)
        {
            Add(_countries, c.Code, c.NameId);
            Add(_countries, c.Code, c.NameEn);
        }
        // Codes last, so a code always means itself.
        foreach (var code in ProvinceList.All.Select(p => p.Code).Concat(provinces.Select(p => p.Code)))
        {
            _provinces[Key(code)] = code;
        }
        foreach (var code in CountryList.All.Select(c => c.Code).Concat(countries.Select(c => c.Code)))
        {
            _countries[Key(code)] = code;
        }
    }

    /// <summary>The province code for a code or name; the text as given when it is neither (the rules refuse it).</summary>
    public string Province(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }
        if (_provinces.TryGetValue(Key(text), out var code))
        {
            return code;
        }
        var lower = text.ToLowerInvariant();
        foreach (var prefix in s_provincePrefixes)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal) && _provinces.TryGetValue(Key(text[prefix.Length..]), out code))
            {
                return code;
            }
        }
        return text;
    }

    /// <summary>The ISO alpha-2 code for a code or name; the text as given when it is neither.</summary>
    public string Country(string text) =>
        text.Length == 0 ? "" : _countries.TryGetValue(Key(text), out var code) ? code : text;

    private static void Add(Dictionary<string, string> names, string code, string name) => names.TryAdd(Key(name), code);

    /// <summary>Case, accents, punctuation spacing and repeated spaces do not matter ("Türkiye" = "turkiye").</summary>
    private static string Key(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
