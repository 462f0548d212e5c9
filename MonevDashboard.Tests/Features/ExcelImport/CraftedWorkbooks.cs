using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// Workbooks written by hand the way other programs write them, without a spreadsheet library, so the annotated copy
/// is tested on the XML shapes it meets in the field: shared or inline strings, a styles part or none, relative or
/// absolute relationship targets (openpyxl writes "/xl/worksheets/sheet1.xml"), a namespace prefix on every element
/// (some libraries write "x:"), rows and cells without <c>r</c> attributes, absent cells, an existing Kesalahan
/// sheet, existing comments and a selected tab.
/// </summary>
internal static class CraftedWorkbooks
{
    public sealed record Flavor(
        string Name,
        bool SharedStrings = true,
        bool Styles = true,
        bool AbsoluteTargets = false,
        string Prefix = "",
        bool References = true,
        bool Dimension = true,
        bool TabSelected = false,
        bool KesalahanSheet = false,
        bool Comments = false,
        bool TruncatedNotes = false,
        bool SharedFormulas = false)
    {
        public override string ToString() => Name;
    }

    public static Flavor Excel { get; } = new("Excel", TabSelected: true, KesalahanSheet: true, Comments: true);

    /// <summary>Excel's shape with a notes drawing cut short: the import never reads it, the annotated copy cannot be written.</summary>
    public static Flavor ExcelWithBrokenNotes { get; } = new("Excel, notes drawing cut short", Comments: true, TruncatedNotes: true);

    public static Flavor LibreOffice { get; } = new("LibreOffice", TabSelected: true);

    public static Flavor GoogleSheets { get; } = new("Google Sheets", Dimension: false);

    public static Flavor Openpyxl { get; } = new("openpyxl/pandas", AbsoluteTargets: true);

    public static Flavor InlineNoStyles { get; } = new("inline strings, no styles part", SharedStrings: false, Styles: false, Dimension: false);

    public static Flavor Prefixed { get; } = new("x: prefixes", Prefix: "x");

    public static Flavor NoReferences { get; } = new("no r attributes", SharedStrings: false, References: false, Dimension: false);

    /// <summary>The Year column as one shared formula with its cached values (Excel and openpyxl write filled-down
    /// formulas this way: the first cell holds the text, the others only its <c>si</c>); no docProps, no styles.</summary>
    public static Flavor SharedFormulas { get; } = new("shared formulas", Styles: false, SharedFormulas: true);

    private static Flavor[] Flavors => [Excel, LibreOffice, GoogleSheets, Openpyxl, InlineNoStyles, Prefixed, NoReferences, SharedFormulas];

    public static TheoryData<string> All => new([.. Flavors.Select(f => f.Name)]);

    public static Flavor Named(string name) => Flavors.Single(f => f.Name == name);

    /// <summary>
    /// The Data sheet: a title row, the header in row 2, then one good row and rows whose faults are a negative
    /// value, an invalid quarter and unknown province, an absent value (last cell missing) and an absent quarter (a
    /// cell missing between two others). Null is a cell absent from the XML.
    /// </summary>
    public static readonly object?[][] DataRows =
    [
        ["Realisasi TW III 2026"],
        ["Kode Indikator", "Tahun", "Triwulan", "Kode Provinsi", "Kode Negara", "Jenis Kelamin", "Nilai", "Keterangan"],
        ["P1-PMI-TRAINED", 2026, 3, "35", null, "L", 12, "  baik  "],
        ["P1-PMI-TRAINED", 2026, 3, "35", null, "P", -5],
        ["P1-PMI-TRAINED", 2026, "TW 7", "Atlantis", null, "L", 3],
        ["P1-PMI-TRAINED", 2026, 3, "35", null, "L"],
        ["P1-PMI-TRAINED", 2026, null, "35", null, "P", 4, "=SUM(1)"],
    ];

    /// <summary>The cell of the Data sheet the Excel flavour carries a comment on, and the one on a faulty cell.</summary>
    public const string KeptComment = "A3";
    public const string ReplacedComment = "G4";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static byte[] Write(Flavor flavor)
    {
        var strings = new List<string>();
        int StringIndex(string text)
        {
            var index = strings.IndexOf(text);
            if (index < 0)
            {
                strings.Add(text);
                index = strings.Count - 1;
            }
            return index;
        }
        var p = flavor.Prefix.Length > 0 ? flavor.Prefix + ":" : "";
        var ns = flavor.Prefix.Length > 0 ? $"xmlns:{flavor.Prefix}=\"{Main}\"" : $"xmlns=\"{Main}\"";
        string Target(string relative) => flavor.AbsoluteTargets ? "/xl/" + relative : relative;

        var sheet = new StringBuilder();
        sheet.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><{p}worksheet {ns} xmlns:r=\"{Rel}\">");
        if (flavor.Dimension)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<{p}dimension ref=\"A1:H{DataRows.Length}\"/>");
        }
        sheet.Append(CultureInfo.InvariantCulture, $"<{p}sheetViews><{p}sheetView {(flavor.TabSelected ? "tabSelected=\"1\" " : "")}workbookViewId=\"0\"/></{p}sheetViews>");
        sheet.Append(CultureInfo.InvariantCulture, $"<{p}sheetData>");
        for (var r = 0; r < DataRows.Length; r++)
        {
            var row = r + 1;
            sheet.Append(flavor.References ? string.Create(CultureInfo.InvariantCulture, $"<{p}row r=\"{row}\" spans=\"1:8\">") : $"<{p}row>");
            for (var c = 0; c < DataRows[r].Length; c++)
            {
                var value = DataRows[r][c];
                var reference = flavor.References ? $" r=\"{ImportIssueColumn(c + 1)}{row}\"" : "";
                if (value is null)
                {
                    // Without references an absent cell cannot be skipped: it is an empty element holding its place.
                    if (!flavor.References)
                    {
                        sheet.Append(CultureInfo.InvariantCulture, $"<{p}c/>");
                    }
                    continue;
                }
                var style = flavor.Styles && c == 6 ? " s=\"1\"" : "";
                if (flavor.SharedFormulas && c == 1 && r >= 2 && value is int year)
                {
                    var formula = r == 2
                        ? string.Create(CultureInfo.InvariantCulture, $"<{p}f t=\"shared\" ref=\"B3:B{DataRows.Length}\" si=\"0\">2026</{p}f>")
                        : $"<{p}f t=\"shared\" si=\"0\"/>";
                    sheet.Append(CultureInfo.InvariantCulture, $"<{p}c{reference}>{formula}<{p}v>{year}</{p}v></{p}c>");
                    continue;
                }
                switch (value)
                {
                    case string text when flavor.SharedStrings:
                        sheet.Append(CultureInfo.InvariantCulture, $"<{p}c{reference}{style} t=\"s\"><{p}v>{StringIndex(text)}</{p}v></{p}c>");
                        break;
                    case string text:
                        sheet.Append(CultureInfo.InvariantCulture, $"<{p}c{reference}{style} t=\"inlineStr\"><{p}is><{p}t xml:space=\"preserve\">{SecurityElement.Escape(text)}</{p}t></{p}is></{p}c>");
                        break;
                    default:
                        sheet.Append(CultureInfo.InvariantCulture, $"<{p}c{reference}{style}><{p}v>{Convert.ToString(value, CultureInfo.InvariantCulture)}</{p}v></{p}c>");
                        break;
                }
            }
            sheet.Append(CultureInfo.InvariantCulture, $"</{p}row>");
        }
        sheet.Append(CultureInfo.InvariantCulture, $"</{p}sheetData>");
        if (flavor.Comments)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<{p}legacyDrawing r:id=\"rId9\"/>");
        }
        sheet.Append(CultureInfo.InvariantCulture, $"</{p}worksheet>");

        var sheetNames = new List<string> { "Data", "Catatan" };
        if (flavor.KesalahanSheet)
        {
            sheetNames.Add("Kesalahan");
        }
        var parts = new List<(string Name, string Content)>
        {
            ("xl/worksheets/sheet1.xml", sheet.ToString()),
        };
        for (var i = 1; i < sheetNames.Count; i++)
        {
            parts.Add(($"xl/worksheets/sheet{i + 1}.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{p}worksheet {ns}><{p}sheetData><{p}row r=\"1\"><{p}c r=\"A1\" t=\"inlineStr\"><{p}is><{p}t>{sheetNames[i]} lama</{p}t></{p}is></{p}c></{p}row></{p}sheetData></{p}worksheet>"));
        }
        var workbook = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><{p}workbook {ns} xmlns:r=\"{Rel}\"><{p}bookViews><{p}workbookView activeTab=\"0\"/></{p}bookViews><{p}sheets>");
        var relationships = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        var types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        for (var i = 0; i < sheetNames.Count; i++)
        {
            workbook.Append(CultureInfo.InvariantCulture, $"<{p}sheet name=\"{sheetNames[i]}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>");
            relationships.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i + 1}\" Type=\"{Rel}/worksheet\" Target=\"{Target($"worksheets/sheet{i + 1}.xml")}\"/>");
            types.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        workbook.Append(CultureInfo.InvariantCulture, $"</{p}sheets></{p}workbook>");
        if (flavor.SharedStrings)
        {
            var sst = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{p}sst {ns} count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">");
            foreach (var text in strings)
            {
                sst.Append(CultureInfo.InvariantCulture, $"<{p}si><{p}t xml:space=\"preserve\">{SecurityElement.Escape(text)}</{p}t></{p}si>");
            }
            parts.Add(("xl/sharedStrings.xml", sst.Append(CultureInfo.InvariantCulture, $"</{p}sst>").ToString()));
            relationships.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId20\" Type=\"{Rel}/sharedStrings\" Target=\"{Target("sharedStrings.xml")}\"/>");
            types.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        }
        if (flavor.Styles)
        {
            // Format 1 is a thousands-separated number: a marked value must keep it.
            parts.Add(("xl/styles.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{p}styleSheet {ns}>" +
                $"<{p}fonts count=\"1\"><{p}font><{p}sz val=\"11\"/><{p}name val=\"Arial\"/></{p}font></{p}fonts>" +
                $"<{p}fills count=\"2\"><{p}fill><{p}patternFill patternType=\"none\"/></{p}fill><{p}fill><{p}patternFill patternType=\"gray125\"/></{p}fill></{p}fills>" +
                $"<{p}borders count=\"1\"><{p}border><{p}left/><{p}right/><{p}top/><{p}bottom/><{p}diagonal/></{p}border></{p}borders>" +
                $"<{p}cellStyleXfs count=\"1\"><{p}xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></{p}cellStyleXfs>" +
                $"<{p}cellXfs count=\"2\"><{p}xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
                $"<{p}xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></{p}cellXfs>" +
                $"<{p}cellStyles count=\"1\"><{p}cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></{p}cellStyles></{p}styleSheet>"));
            relationships.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId21\" Type=\"{Rel}/styles\" Target=\"{Target("styles.xml")}\"/>");
            types.Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        }
        if (flavor.Comments)
        {
            parts.Add(("xl/worksheets/_rels/sheet1.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId8\" Type=\"{Rel}/comments\" Target=\"../comments1.xml\"/>" +
                $"<Relationship Id=\"rId9\" Type=\"{Rel}/vmlDrawing\" Target=\"../drawings/vmlDrawing1.vml\"/></Relationships>"));
            parts.Add(("xl/comments1.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{p}comments {ns}><{p}authors><{p}author>Budi</{p}author></{p}authors><{p}commentList>" +
                $"<{p}comment ref=\"{KeptComment}\" authorId=\"0\"><{p}text><{p}r><{p}t>Diperiksa Budi</{p}t></{p}r></{p}text></{p}comment>" +
                $"<{p}comment ref=\"{ReplacedComment}\" authorId=\"0\"><{p}text><{p}r><{p}t>Angka lama</{p}t></{p}r></{p}text></{p}comment>" +
                $"</{p}commentList></{p}comments>"));
            // Excel's own VML, edited by the writer as text.
            parts.Add(("xl/drawings/vmlDrawing1.vml",
                "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">" +
                "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>" +
                "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>" +
                Shape(1025, 2, 0) + Shape(1026, 3, 6) + (flavor.TruncatedNotes ? "" : "</xml>")));
            types.Append("<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>" +
                "<Override PartName=\"/xl/comments1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>");
        }
        parts.Add(("xl/workbook.xml", workbook.ToString()));
        parts.Add(("xl/_rels/workbook.xml.rels", relationships.Append("</Relationships>").ToString()));
        parts.Insert(0, ("[Content_Types].xml", types.Append("</Types>").ToString()));
        parts.Insert(1, ("_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            $"<Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"{(flavor.AbsoluteTargets ? "/xl/workbook.xml" : "xl/workbook.xml")}\"/></Relationships>"));

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return output.ToArray();
    }

    private static string Shape(int id, int row, int column) =>
        $"<v:shape id=\"_x0000_s{id}\" type=\"#_x0000_t202\" style=\"position:absolute;visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">" +
        "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"><br/></div></v:textbox>" +
        $"<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:Row>{row}</x:Row><x:Column>{column}</x:Column></x:ClientData></v:shape>";

    private static string ImportIssueColumn(int column) => MonevDashboard.Features.ExcelImport.ImportIssue.ColumnLetters(column);
}
