using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace MonevDashboard.Components.Figures;

/// <summary>
/// Static markup that nothing can interact with, built as one HTML string: a circuit keeps one render-tree frame
/// for it instead of one per element, attribute and text (see docs/decisions/cheap-circuits.md). Every text and
/// attribute value goes through <see cref="Encode"/>.
/// </summary>
public static class PlainMarkup
{
    public static string Encode(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    /// <summary>One markup frame holding <paramref name="html"/>, which must already be encoded.</summary>
    public static RenderFragment Fragment(string html) => builder => builder.AddMarkupContent(0, html);
}
