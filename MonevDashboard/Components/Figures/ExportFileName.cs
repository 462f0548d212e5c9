using System.Globalization;
using System.Text;

namespace MonevDashboard.Components.Figures;

/// <summary>A downloaded chart's file name from what the chart says it shows: plain ASCII, words joined by hyphens, without an extension.</summary>
public static class ExportFileName
{
    private const int MaxLength = 96;

    public static string Of(params string?[] parts)
    {
        var name = new StringBuilder("grafik-");
        foreach (var part in parts.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            foreach (var c in part!.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }
                if (char.IsAsciiLetterOrDigit(c))
                {
                    name.Append(char.ToLowerInvariant(c));
                }
                else if (name[^1] != '-')
                {
                    name.Append('-');
                }
            }
            if (name[^1] != '-')
            {
                name.Append('-');
            }
        }
        var text = name.ToString().TrimEnd('-');
        return text.Length <= MaxLength ? text : text[..MaxLength].TrimEnd('-');
    }
}
