using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>The parts of an OOXML package, found through its relationships rather than fixed paths.</summary>
internal sealed class WorkbookPackage(ZipArchive zip)
{
    private readonly Dictionary<string, ZipArchiveEntry> _entries =
        zip.Entries.GroupBy(e => e.FullName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    public ZipArchiveEntry? Find(string path) => _entries.GetValueOrDefault(Uri.UnescapeDataString(path.TrimStart('/')));

    /// <summary>(Id, Type, resolved part path) of a part's relationships.</summary>
    public List<(string Id, string Type, string Target)> Relationships(string partPath)
    {
        var slash = partPath.LastIndexOf('/');
        var (directory, file) = slash < 0 ? ("", partPath) : (partPath[..(slash + 1)], partPath[(slash + 1)..]);
        var result = new List<(string, string, string)>();
        if (Find(directory + "_rels/" + file + ".rels") is not { } entry)
        {
            return result;
        }
        using var reader = ObservationWorkbookReader.CreateReader(entry.Open());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") != "External")
            {
                result.Add((reader.GetAttribute("Id") ?? "", reader.GetAttribute("Type") ?? "", Resolve(directory, reader.GetAttribute("Target") ?? "")));
            }
        }
        return result;
    }

    private static string Resolve(string directory, string target)
    {
        if (target.StartsWith('/'))
        {
            return target.TrimStart('/');
        }
        var parts = new List<string>(directory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }
        return string.Join('/', parts);
    }

    /// <summary>The main workbook part, found through the package's root relationships.</summary>
    public string WorkbookPath() =>
        Relationships("").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? "xl/workbook.xml";

    /// <summary>The folder of a part, with its trailing slash ("xl/" for "xl/workbook.xml").</summary>
    public static string DirectoryOf(string partPath) => partPath[..(partPath.LastIndexOf('/') + 1)];

    /// <summary>The sheets of the workbook part in their order: name and relationship id.</summary>
    public static List<(string Name, string RelationshipId)> ReadSheetList(ZipArchiveEntry workbook)
    {
        var sheets = new List<(string, string)>();
        using var reader = ObservationWorkbookReader.CreateReader(workbook.Open());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                sheets.Add((reader.GetAttribute("name") ?? "", RelationshipAttribute(reader)?.Id ?? ""));
            }
        }
        return sheets;
    }

    /// <summary>
    /// The element's relationship id (<c>r:id</c>, whatever its prefix — transitional and strict files differ) and
    /// that attribute's namespace; the reader stays on the element.
    /// </summary>
    public static (string Id, string Namespace)? RelationshipAttribute(XmlReader reader)
    {
        (string, string)? found = null;
        while (reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
            {
                found = (reader.Value, reader.NamespaceURI);
            }
        }
        reader.MoveToElement();
        return found;
    }

    /// <summary>A row's number: its <c>r</c> attribute, or the row after the previous one when it has none (allowed by the spec).</summary>
    public static int ParseRowNumber(string? reference, int previous) =>
        int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0 ? row : previous + 1;

    /// <summary>The column of a cell reference ("AB12" → 28); the next column when the reference is absent.</summary>
    public static int ParseColumn(string? reference, int previous)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return previous + 1;
        }
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = column * 26 + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
            {
                column = column * 26 + (c - 'a' + 1);
            }
            else
            {
                break;
            }
            if (column > 16384)
            {
                return previous + 1;
            }
        }
        return column == 0 ? previous + 1 : column;
    }
}
