using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// Gives officials their own file back with what to fix: each faulty cell filled red (warnings yellow) with a
/// comment holding its message, and a <c>Kesalahan</c> sheet listing every error and warning with its cell — so
/// they correct the file they know rather than a report about it.
/// <para>
/// The package is rewritten part by part, never loaded into a workbook model: parts it does not change are copied
/// as streams, and the sheets holding faulty cells are streamed through an <see cref="XmlReader"/> into an
/// <see cref="XmlWriter"/> that only adds a style to those cells (inserting the cells that are absent). Sheets and
/// cells are found exactly as <see cref="ObservationWorkbookReader"/> finds them (<see cref="WorkbookPackage"/>), so
/// the marks land where the import read the values, whatever library wrote the file.
/// </para>
/// </summary>
public static class AnnotatedWorkbookWriter
{
    public const string CommentAuthor = "MonevDashboard";
    private const string ErrorFill = "FFFFC7CE";
    private const string WarningFill = "FFFFEB9C";
    private const string HeaderFill = "FFDDEBF7";
    private const string ErrorFont = "FF9C0006";
    private const string TabColour = "FFC00000";

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string ContentTypesPart = "[Content_Types].xml";
    private const string SheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string StylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    private const string CommentsContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
    private const string VmlContentType = "application/vnd.openxmlformats-officedocument.vmlDrawing";

    /// <summary>Sheet elements that come after <c>legacyDrawing</c> in the schema's order.</summary>
    private static readonly HashSet<string> s_afterLegacyDrawing =
        ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst", "AlternateContent"];

    /// <summary>Stylesheet collections this writer adds to, in the schema's order among all stylesheet children.</summary>
    private static readonly string[] s_stylesheetOrder =
        ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

    /// <summary>
    /// The annotated workbook, or null when the file cannot be opened (it is then not a workbook at all).
    /// <paramref name="omitted"/> issues beyond the listed ones are named as a count at the end of the Kesalahan sheet.
    /// Any other failure throws.
    /// </summary>
    public static byte[]? Write(byte[] original, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted = 0)
    {
        using var output = new MemoryStream();
        return Write(original, output, fileName, issues, localizer, omitted) ? output.ToArray() : null;
    }

    /// <summary>Writes the annotated workbook to <paramref name="output"/>; false when the file is not a workbook.</summary>
    public static bool Write(byte[] original, Stream output, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted = 0)
    {
        ZipArchive source;
        try
        {
            source = new ZipArchive(new MemoryStream(original, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return false;
        }
        using (source)
        {
            var plan = Plan.Make(new WorkbookPackage(source), source, issues);
            if (plan is null)
            {
                return false;
            }
            using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            new Annotation(plan, target, fileName, issues, localizer, omitted).Write();
            return true;
        }
    }

    /// <summary>The marks of one cell: whether any of its issues is an error, and the comment text.</summary>
    private sealed record Mark(bool IsError, string Comment);

    private sealed class SheetPlan(string name, string path, ZipArchiveEntry entry)
    {
        public string Name { get; } = name;
        public string Path { get; } = path;
        public ZipArchiveEntry Entry { get; } = entry;
        public SortedDictionary<int, SortedDictionary<int, Mark>> Marks { get; } = [];
        public bool DropTabSelected { get; set; }
        public bool HasComments => Marks.Count > 0;
        public bool Rewrite => HasComments || DropTabSelected;

        public string RelsPath => WorkbookPackage.DirectoryOf(Path) + "_rels/" + Path[WorkbookPackage.DirectoryOf(Path).Length..] + ".rels";

        /// <summary>The sheet's own legacy drawing (VML) relationship id and part, when it already has one.</summary>
        public string? VmlId { get; set; }
        public string? VmlPath { get; set; }
        public string? CommentsPath { get; set; }
        public bool NewVml { get; set; }
        public bool NewComments { get; set; }
        public List<(string Id, string Type, string Target)> AddedRelationships { get; } = [];
    }

    /// <summary>Everything decided before a byte is written: which parts change, and the names of the new ones.</summary>
    private sealed class Plan
    {
        public required ZipArchive Source { get; init; }
        public required WorkbookPackage Package { get; init; }
        public required string WorkbookPath { get; init; }
        public required string WorkbookRelsPath { get; init; }
        public required List<SheetPlan> Sheets { get; init; }
        public string? StylesPath { get; set; }
        public bool NewStyles { get; set; }
        public required string ErrorsSheetName { get; init; }
        public required string ErrorsSheetPath { get; init; }
        public required string ErrorsSheetRelId { get; init; }
        public string? StylesRelId { get; set; }
        public required HashSet<string> UsedParts { get; init; }

        /// <summary>All sheets of the workbook, chart sheets too: the position the Kesalahan sheet takes.</summary>
        public required int SheetCount { get; init; }

        public static Plan? Make(WorkbookPackage package, ZipArchive source, IReadOnlyList<ImportIssue> issues)
        {
            var workbookPath = package.WorkbookPath();
            if (package.Find(workbookPath) is not { } workbookEntry)
            {
                return null;
            }
            workbookPath = workbookEntry.FullName;
            var relationships = package.Relationships(workbookPath);
            var sheets = new List<SheetPlan>();
            var listed = WorkbookPackage.ReadSheetList(workbookEntry);
            foreach (var (name, id) in listed)
            {
                var rel = relationships.FirstOrDefault(r => r.Id == id && r.Type.EndsWith("/worksheet", StringComparison.Ordinal));
                if (rel.Target is not null && package.Find(rel.Target) is { } entry)
                {
                    sheets.Add(new SheetPlan(name, entry.FullName, entry));
                }
            }
            var used = new HashSet<string>(source.Entries.Select(e => e.FullName), StringComparer.OrdinalIgnoreCase);
            var workbookDirectory = WorkbookPackage.DirectoryOf(workbookPath);
            var workbookRelIds = RelationshipIds(package, RelsPathOf(workbookPath));
            var plan = new Plan
            {
                Source = source,
                Package = package,
                WorkbookPath = workbookPath,
                WorkbookRelsPath = package.Find(RelsPathOf(workbookPath))?.FullName ?? RelsPathOf(workbookPath),
                Sheets = sheets,
                ErrorsSheetName = UniqueSheetName(sheets.Select(s => s.Name)),
                ErrorsSheetPath = UniquePart(used, workbookDirectory + "worksheets/sheet", ".xml"),
                ErrorsSheetRelId = UniqueId(workbookRelIds, "rIdMonevKesalahan"),
                UsedParts = used,
                SheetCount = listed.Count,
            };
            var styles = relationships.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal));
            if (styles.Target is not null && package.Find(styles.Target) is { } stylesEntry)
            {
                plan.StylesPath = stylesEntry.FullName;
            }
            else
            {
                plan.NewStyles = true;
                plan.StylesPath = UniquePart(used, workbookDirectory + "styles", ".xml");
                plan.StylesRelId = UniqueId(workbookRelIds, "rIdMonevStyles");
            }
            foreach (var cell in issues.Where(i => i.Row > 0 && i.Sheet.Length > 0)
                         .GroupBy(i => (i.Sheet, i.Row, Column: Math.Max(1, i.Column))))
            {
                // The importer names a sheet as the workbook spells it; the trimmed, case-blind match is its own rule.
                var sheet = sheets.FirstOrDefault(s => s.Name == cell.Key.Sheet)
                    ?? sheets.FirstOrDefault(s => s.Name.Trim().Equals(cell.Key.Sheet.Trim(), StringComparison.OrdinalIgnoreCase));
                if (sheet is null || cell.Key.Column > 16384)
                {
                    continue;
                }
                if (!sheet.Marks.TryGetValue(cell.Key.Row, out var row))
                {
                    sheet.Marks[cell.Key.Row] = row = [];
                }
                // One comment per cell, holding all of its messages (errors first).
                var comment = string.Join("\n", cell.OrderBy(i => i.IsWarning)
                    .Select(i => (i.Column == 0 && i.ColumnName.Length > 0 ? i.ColumnName + ": " : "") + i.Message));
                row[cell.Key.Column] = new Mark(cell.Any(i => !i.IsWarning), comment);
            }
            foreach (var sheet in sheets)
            {
                // The Kesalahan sheet is opened first; a sheet left selected too would make Excel group both tabs.
                sheet.DropTabSelected = IsTabSelected(sheet.Entry);
                if (sheet.HasComments)
                {
                    plan.PlanComments(sheet);
                }
            }
            return plan;
        }

        private void PlanComments(SheetPlan sheet)
        {
            var rels = Package.Relationships(sheet.Path);
            var ids = RelationshipIds(Package, sheet.RelsPath);
            var directory = WorkbookPackage.DirectoryOf(WorkbookPath);
            if (rels.FirstOrDefault(r => r.Type.EndsWith("/comments", StringComparison.Ordinal)).Target is { } comments && Package.Find(comments) is { } commentsEntry)
            {
                sheet.CommentsPath = commentsEntry.FullName;
            }
            else
            {
                sheet.CommentsPath = UniquePart(UsedParts, directory + "comments", ".xml");
                sheet.NewComments = true;
                var id = UniqueId(ids, "rIdMonevComments");
                ids.Add(id);
                sheet.AddedRelationships.Add((id, RelationshipType + "comments", "/" + sheet.CommentsPath));
            }
            sheet.VmlId = LegacyDrawingId(sheet.Entry);
            var vml = sheet.VmlId is null ? default : rels.FirstOrDefault(r => r.Id == sheet.VmlId);
            if (vml.Target is not null && Package.Find(vml.Target) is { } vmlEntry)
            {
                sheet.VmlPath = vmlEntry.FullName;
            }
            else
            {
                sheet.VmlPath = UniquePart(UsedParts, directory + "drawings/vmlDrawing", ".vml");
                sheet.NewVml = true;
                sheet.VmlId = UniqueId(ids, "rIdMonevNotes");
                sheet.AddedRelationships.Add((sheet.VmlId, RelationshipType + "vmlDrawing", "/" + sheet.VmlPath));
            }
        }

        /// <summary>Whether the sheet's view is selected: only its head (before <c>sheetData</c>) is read.</summary>
        private static bool IsTabSelected(ZipArchiveEntry sheet)
        {
            using var reader = ObservationWorkbookReader.CreateReader(sheet.Open());
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.LocalName == "sheetData")
                {
                    return false;
                }
                if (reader.LocalName == "sheetView" && reader.GetAttribute("tabSelected") is "1" or "true")
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The relationship id of the sheet's <c>legacyDrawing</c>, read past its cells.</summary>
        private static string? LegacyDrawingId(ZipArchiveEntry sheet)
        {
            using var reader = ObservationWorkbookReader.CreateReader(sheet.Open());
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheetData")
                {
                    reader.Skip();
                }
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "legacyDrawing")
                {
                    return WorkbookPackage.RelationshipAttribute(reader)?.Id;
                }
            }
            return null;
        }

        private static HashSet<string> RelationshipIds(WorkbookPackage package, string relsPath)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (package.Find(relsPath) is { } entry)
            {
                using var reader = ObservationWorkbookReader.CreateReader(entry.Open());
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute("Id") is { } id)
                    {
                        ids.Add(id);
                    }
                }
            }
            return ids;
        }

        private static string UniqueId(HashSet<string> ids, string wanted)
        {
            var id = wanted;
            for (var n = 2; ids.Contains(id); n++)
            {
                id = wanted + n.ToString(CultureInfo.InvariantCulture);
            }
            ids.Add(id);
            return id;
        }

        private static string UniquePart(HashSet<string> used, string stem, string extension)
        {
            for (var n = 1; ; n++)
            {
                var path = stem + n.ToString(CultureInfo.InvariantCulture) + extension;
                if (used.Add(path))
                {
                    return path;
                }
            }
        }

        /// <summary>"Kesalahan", or "Kesalahan (2)"… when the workbook already has a sheet of that name (Excel compares names case-blind).</summary>
        private static string UniqueSheetName(IEnumerable<string> existing)
        {
            var names = new HashSet<string>(existing, StringComparer.OrdinalIgnoreCase);
            var name = DataSheetColumns.ErrorsSheet;
            for (var n = 2; names.Contains(name); n++)
            {
                name = $"{DataSheetColumns.ErrorsSheet} ({n.ToString(CultureInfo.InvariantCulture)})";
            }
            return name;
        }
    }

    private static string RelsPathOf(string partPath)
    {
        var directory = WorkbookPackage.DirectoryOf(partPath);
        return directory + "_rels/" + partPath[directory.Length..] + ".rels";
    }

    /// <summary>One run of the writer: the styles it adds are numbered as the sheets ask for them.</summary>
    private sealed class Annotation(Plan plan, ZipArchive target, string fileName, IReadOnlyList<ImportIssue> issues, IStringLocalizer localizer, int omitted)
    {
        private StyleCounts _styles;
        // (base cell format, is error) → index of the derived format, numbered after the Kesalahan sheet's four.
        private readonly Dictionary<(int Base, bool Error), int> _derived = [];

        private int TitleXf => _styles.CellXfs;
        private int HeaderXf => _styles.CellXfs + 1;
        private int ErrorKindXf => _styles.CellXfs + 2;
        private int WrapXf => _styles.CellXfs + 3;
        private int ErrorFillId => _styles.Fills;
        private int WarningFillId => _styles.Fills + 1;

        public void Write()
        {
            _styles = plan.NewStyles ? StyleCounts.Minimal : CountStyles(plan.Package.Find(plan.StylesPath!)!);
            var sheetsByPath = plan.Sheets.Where(s => s.Rewrite).ToDictionary(s => s.Path, StringComparer.OrdinalIgnoreCase);
            var commentsByPath = plan.Sheets.Where(s => s.HasComments && !s.NewComments).ToDictionary(s => s.CommentsPath!, StringComparer.OrdinalIgnoreCase);
            var vmlByPath = plan.Sheets.Where(s => s.HasComments && !s.NewVml).ToDictionary(s => s.VmlPath!, StringComparer.OrdinalIgnoreCase);
            var relsByPath = plan.Sheets.Where(s => s.AddedRelationships.Count > 0).ToDictionary(s => s.RelsPath, StringComparer.OrdinalIgnoreCase);
            var writtenRels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in plan.Source.Entries)
            {
                var path = entry.FullName;
                if (path.Equals(plan.StylesPath, StringComparison.OrdinalIgnoreCase))
                {
                    continue; // written last: the sheets decide which formats it gains
                }
                if (sheetsByPath.TryGetValue(path, out var sheet))
                {
                    Part(path, xml => RewriteSheet(sheet, entry, xml));
                }
                else if (commentsByPath.TryGetValue(path, out var commented))
                {
                    Part(path, xml => MergeComments(commented, entry, xml));
                }
                else if (vmlByPath.TryGetValue(path, out var drawn))
                {
                    Text(path, AddNoteShapes(drawn, ReadText(entry)));
                }
                else if (relsByPath.TryGetValue(path, out var related))
                {
                    Part(path, xml => AddRelationships(entry, xml, related.AddedRelationships));
                    writtenRels.Add(path);
                }
                else if (path.Equals(plan.WorkbookPath, StringComparison.OrdinalIgnoreCase))
                {
                    Part(path, xml => RewriteWorkbook(entry, xml));
                }
                else if (path.Equals(plan.WorkbookRelsPath, StringComparison.OrdinalIgnoreCase))
                {
                    Part(path, xml => AddRelationships(entry, xml, WorkbookRelationships()));
                    writtenRels.Add(path);
                }
                else if (path.Equals(ContentTypesPart, StringComparison.OrdinalIgnoreCase))
                {
                    Part(path, xml => RewriteContentTypes(entry, xml));
                }
                else
                {
                    Copy(entry);
                }
            }
            foreach (var sheet in plan.Sheets.Where(s => s.HasComments))
            {
                if (sheet.NewComments)
                {
                    Part(sheet.CommentsPath!, xml => MergeComments(sheet, null, xml));
                }
                if (sheet.NewVml)
                {
                    Text(sheet.VmlPath!, AddNoteShapes(sheet, null));
                }
                if (sheet.AddedRelationships.Count > 0 && !writtenRels.Contains(sheet.RelsPath))
                {
                    Part(sheet.RelsPath, xml => AddRelationships(null, xml, sheet.AddedRelationships));
                }
            }
            if (!writtenRels.Contains(plan.WorkbookRelsPath))
            {
                Part(plan.WorkbookRelsPath, xml => AddRelationships(null, xml, WorkbookRelationships()));
            }
            Part(plan.ErrorsSheetPath, WriteErrorsSheet);
            // Last, once every sheet has asked for the formats of its marked cells.
            Part(plan.StylesPath!, RewriteStyles);
        }

        private List<(string Id, string Type, string Target)> WorkbookRelationships()
        {
            List<(string, string, string)> added = [(plan.ErrorsSheetRelId, RelationshipType + "worksheet", "/" + plan.ErrorsSheetPath)];
            if (plan.NewStyles)
            {
                added.Add((plan.StylesRelId!, RelationshipType + "styles", "/" + plan.StylesPath));
            }
            return added;
        }

        private void Copy(ZipArchiveEntry entry)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = entry.LastWriteTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }

        private void Part(string path, Action<XmlWriter> write)
        {
            using var stream = target.CreateEntry(path, CompressionLevel.Optimal).Open();
            using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
            xml.WriteStartDocument(standalone: true);
            write(xml);
            xml.WriteEndDocument();
        }

        private void Text(string path, string text)
        {
            using var stream = target.CreateEntry(path, CompressionLevel.Optimal).Open();
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(text);
        }

        // ---- sheets ----

        private int DerivedXf(int baseXf, bool error)
        {
            if (!_derived.TryGetValue((baseXf, error), out var index))
            {
                _derived[(baseXf, error)] = index = _styles.CellXfs + 4 + _derived.Count;
            }
            return index;
        }

        private void RewriteSheet(SheetPlan sheet, ZipArchiveEntry entry, XmlWriter xml)
        {
            using var reader = ObservationWorkbookReader.CreateReader(entry.Open());
            var legacyDrawingWritten = !sheet.HasComments || !sheet.NewVml;
            var pastSheetData = false;
            string prefix = "", ns = MainNs;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                {
                    (prefix, ns) = (reader.Prefix, reader.NamespaceURI);
                    CopyStart(reader, xml);
                    if (reader.IsEmptyElement)
                    {
                        xml.WriteEndElement();
                    }
                    reader.Read();
                    continue;
                }
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0)
                {
                    if (!legacyDrawingWritten)
                    {
                        WriteLegacyDrawing(xml, prefix, ns, sheet.VmlId!);
                        legacyDrawingWritten = true;
                    }
                    xml.WriteEndElement();
                    reader.Read();
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    CopyNode(reader, xml);
                    continue;
                }
                if (reader.Depth == 1 && pastSheetData && !legacyDrawingWritten && s_afterLegacyDrawing.Contains(reader.LocalName))
                {
                    WriteLegacyDrawing(xml, prefix, ns, sheet.VmlId!);
                    legacyDrawingWritten = true;
                }
                switch (reader.LocalName)
                {
                    case "sheetViews" when sheet.DropTabSelected && reader.Depth == 1:
                        CopyChildren(reader, xml, view =>
                        {
                            if (view.LocalName != "sheetView")
                            {
                                return false;
                            }
                            CopyElement(view, xml, skip: "tabSelected");
                            return true;
                        }, null);
                        break;
                    case "dimension" when sheet.HasComments && reader.Depth == 1:
                        WriteDimension(reader, xml, sheet);
                        break;
                    case "sheetData" when reader.Depth == 1:
                        RewriteSheetData(reader, xml, sheet, prefix, ns);
                        pastSheetData = true;
                        break;
                    default:
                        CopyNode(reader, xml);
                        break;
                }
            }
        }

        private static void WriteLegacyDrawing(XmlWriter xml, string prefix, string ns, string id)
        {
            xml.WriteStartElement(prefix, "legacyDrawing", ns);
            xml.WriteAttributeString("r", "id", RelationshipsNs, id);
            xml.WriteEndElement();
        }

        /// <summary>The used range grown to take in the marked cells (a marked cell may be one that was absent).</summary>
        private static void WriteDimension(XmlReader reader, XmlWriter xml, SheetPlan sheet)
        {
            var reference = reader.GetAttribute("ref") ?? "";
            var parts = reference.Split(':');
            var (firstRow, firstColumn) = ParseReference(parts[0]);
            var (lastRow, lastColumn) = parts.Length > 1 ? ParseReference(parts[1]) : (firstRow, firstColumn);
            if (firstRow > 0 && firstColumn > 0)
            {
                firstRow = Math.Min(firstRow, sheet.Marks.Keys.First());
                lastRow = Math.Max(lastRow, sheet.Marks.Keys.Last());
                firstColumn = Math.Min(firstColumn, sheet.Marks.Values.Min(r => r.Keys.First()));
                lastColumn = Math.Max(lastColumn, sheet.Marks.Values.Max(r => r.Keys.Last()));
                reference = Address(firstRow, firstColumn) + ":" + Address(lastRow, lastColumn);
            }
            CopyElement(reader, xml, skip: "ref", add: ("ref", reference));
        }

        private static (int Row, int Column) ParseReference(string reference)
        {
            var column = WorkbookPackage.ParseColumn(reference, 0);
            var letters = 0;
            while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
            {
                letters++;
            }
            var digits = reference[letters..];
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && column > 0 ? (row, column) : (0, 0);
        }

        private static string Address(int row, int column) => ImportIssue.ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Copies the rows, numbering rows and cells as the importer does (an absent <c>r</c> is the one after the
        /// previous) and writing that number out, so every reader agrees on where each cell is; marked cells get
        /// their derived format, and marked cells or rows that are absent are inserted in order.
        /// </summary>
        private void RewriteSheetData(XmlReader reader, XmlWriter xml, SheetPlan sheet, string prefix, string ns)
        {
            var pending = new Queue<KeyValuePair<int, SortedDictionary<int, Mark>>>(sheet.Marks);
            var lastRow = 0;
            void InsertRowsBefore(int row)
            {
                while (pending.Count > 0 && pending.Peek().Key < row)
                {
                    var (absent, marks) = pending.Dequeue();
                    WriteNewRow(xml, prefix, ns, absent, marks);
                }
            }
            CopyChildren(reader, xml, row =>
            {
                if (row.LocalName != "row")
                {
                    return false;
                }
                var rowNumber = WorkbookPackage.ParseRowNumber(row.GetAttribute("r"), lastRow);
                lastRow = rowNumber;
                InsertRowsBefore(rowNumber);
                RewriteRow(row, xml, rowNumber, pending.Count > 0 && pending.Peek().Key == rowNumber ? pending.Dequeue().Value : null, prefix, ns);
                return true;
            }, () => InsertRowsBefore(int.MaxValue));
        }

        private void WriteNewRow(XmlWriter xml, string prefix, string ns, int row, SortedDictionary<int, Mark> marks)
        {
            xml.WriteStartElement(prefix, "row", ns);
            xml.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
            foreach (var (column, mark) in marks)
            {
                WriteMarkedEmptyCell(xml, prefix, ns, row, column, DerivedXf(0, mark.IsError));
            }
            xml.WriteEndElement();
        }

        private static void WriteMarkedEmptyCell(XmlWriter xml, string prefix, string ns, int row, int column, int style)
        {
            xml.WriteStartElement(prefix, "c", ns);
            xml.WriteAttributeString("r", Address(row, column));
            xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }

        private void RewriteRow(XmlReader reader, XmlWriter xml, int rowNumber, SortedDictionary<int, Mark>? marks, string prefix, string ns)
        {
            // A row's own format applies to its absent cells only when it says so (customFormat).
            var rowStyle = reader.GetAttribute("customFormat") is "1" or "true" && int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var pending = marks is null ? null : new Queue<KeyValuePair<int, Mark>>(marks);
            var column = 0;
            void InsertCellsBefore(int before)
            {
                while (pending is { Count: > 0 } && pending.Peek().Key < before)
                {
                    var (absent, mark) = pending.Dequeue();
                    WriteMarkedEmptyCell(xml, prefix, ns, rowNumber, absent, DerivedXf(rowStyle, mark.IsError));
                }
            }
            // "spans" is only a hint, and an inserted cell may fall outside it.
            CopyChildren(reader, xml, cell =>
            {
                if (cell.LocalName != "c")
                {
                    return false;
                }
                var reference = cell.GetAttribute("r");
                column = WorkbookPackage.ParseColumn(reference, column);
                InsertCellsBefore(column);
                var address = Address(rowNumber, column);
                if (pending is { Count: > 0 } && pending.Peek().Key == column)
                {
                    var mark = pending.Dequeue().Value;
                    var style = int.TryParse(cell.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var own) ? own : rowStyle;
                    CopyElement(cell, xml, skip: "r s", add: ("r", address), add2: ("s", DerivedXf(style, mark.IsError).ToString(CultureInfo.InvariantCulture)));
                }
                else if (reference == address)
                {
                    xml.WriteNode(cell, true);
                }
                else
                {
                    CopyElement(cell, xml, skip: "r", add: ("r", address));
                }
                return true;
            }, () => InsertCellsBefore(int.MaxValue), skip: marks is null ? "r" : "r spans", add: ("r", rowNumber.ToString(CultureInfo.InvariantCulture)));
        }

        // ---- comments and their note shapes ----

        /// <summary>The sheet's comments: its own ones kept (but those on cells marked now), ours added under our author.</summary>
        private static void MergeComments(SheetPlan sheet, ZipArchiveEntry? existing, XmlWriter xml)
        {
            if (existing is null)
            {
                xml.WriteStartElement("", "comments", MainNs);
                xml.WriteStartElement("", "authors", MainNs);
                xml.WriteElementString("", "author", MainNs, CommentAuthor);
                xml.WriteEndElement();
                xml.WriteStartElement("", "commentList", MainNs);
                WriteComments(xml, sheet, "", MainNs, 0);
                xml.WriteEndElement();
                xml.WriteEndElement();
                return;
            }
            var marked = new HashSet<string>(sheet.Marks.SelectMany(r => r.Value.Keys.Select(c => Address(r.Key, c))), StringComparer.OrdinalIgnoreCase);
            var authors = 0;
            using var reader = ObservationWorkbookReader.CreateReader(existing.Open());
            reader.MoveToContent();
            var (prefix, ns) = (reader.Prefix, reader.NamespaceURI);
            CopyChildren(reader, xml, part =>
            {
                switch (part.LocalName)
                {
                    case "authors":
                        CopyChildren(part, xml, _ =>
                        {
                            authors++;
                            return false;
                        }, () => xml.WriteElementString(prefix, "author", ns, CommentAuthor));
                        return true;
                    case "commentList":
                        CopyChildren(part, xml, comment =>
                        {
                            if (!marked.Contains(comment.GetAttribute("ref") ?? ""))
                            {
                                return false;
                            }
                            comment.Skip();
                            return true;
                        }, () => WriteComments(xml, sheet, prefix, ns, authors));
                        return true;
                    default:
                        return false;
                }
            }, null);
        }

        private static void WriteComments(XmlWriter xml, SheetPlan sheet, string prefix, string ns, int authorId)
        {
            foreach (var (row, cells) in sheet.Marks)
            {
                foreach (var (column, mark) in cells)
                {
                    xml.WriteStartElement(prefix, "comment", ns);
                    xml.WriteAttributeString("ref", Address(row, column));
                    xml.WriteAttributeString("authorId", authorId.ToString(CultureInfo.InvariantCulture));
                    xml.WriteStartElement(prefix, "text", ns);
                    // As a run, as Excel writes it: some readers take a comment's text from its runs only.
                    xml.WriteStartElement(prefix, "r", ns);
                    xml.WriteStartElement(prefix, "rPr", ns);
                    foreach (var (name, value) in new[] { ("sz", "9"), ("rFont", "Tahoma"), ("family", "2") })
                    {
                        xml.WriteStartElement(prefix, name, ns);
                        xml.WriteAttributeString("val", value);
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                    WriteText(xml, prefix, ns, mark.Comment);
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }
            }
        }

        private static string ReadText(ZipArchiveEntry entry)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }

        /// <summary>
        /// The VML drawing that shows the notes in Excel. Legacy VML is often not well-formed XML (Excel writes
        /// <c>&lt;br&gt;</c>), so an existing drawing is edited as text: note shapes on re-marked cells removed, ours
        /// added before its end; controls and other shapes are kept.
        /// </summary>
        private static string AddNoteShapes(SheetPlan sheet, string? existing)
        {
            var vml = existing ?? "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" " +
                "xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout></xml>";
            var marked = sheet.Marks.SelectMany(r => r.Value.Keys.Select(c => (Row: r.Key - 1, Column: c - 1))).ToHashSet();
            vml = Regex.Replace(vml, "<v:shape\\b.*?</v:shape>", shape =>
            {
                // A match holding two shapes started at a self-closed one: left alone rather than cut wrongly.
                var note = Regex.IsMatch(shape.Value, "ObjectType=\"Note\"") && Regex.Count(shape.Value, "<v:shape\\b") == 1;
                var row = Regex.Match(shape.Value, "<x:Row>\\s*(\\d+)\\s*</x:Row>");
                var column = Regex.Match(shape.Value, "<x:Column>\\s*(\\d+)\\s*</x:Column>");
                return note && row.Success && column.Success
                    && marked.Contains((int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(column.Groups[1].Value, CultureInfo.InvariantCulture)))
                    ? ""
                    : shape.Value;
            }, RegexOptions.Singleline, TimeSpan.FromSeconds(10));
            var shapes = new StringBuilder();
            if (!vml.Contains("_x0000_t202", StringComparison.Ordinal))
            {
                shapes.Append("<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">")
                    .Append("<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>");
            }
            var next = Regex.Matches(vml, "_x0000_s(\\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(1024).Max() + 1;
            foreach (var (row, cells) in sheet.Marks)
            {
                foreach (var column in cells.Keys)
                {
                    var anchor = string.Join(", ", column, 15, Math.Max(0, row - 2), 2, column + 2, 15, row + 3, 16);
                    shapes.Append(CultureInfo.InvariantCulture, $"<v:shape id=\"_x0000_s{next++}\" type=\"#_x0000_t202\" ")
                        .Append("style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:80pt;z-index:1;visibility:hidden\" ")
                        .Append("fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>")
                        .Append("<v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>")
                        .Append("<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>")
                        .Append(CultureInfo.InvariantCulture, $"<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>")
                        .Append(CultureInfo.InvariantCulture, $"<x:Row>{row - 1}</x:Row><x:Column>{column - 1}</x:Column></x:ClientData></v:shape>");
                }
            }
            var end = vml.LastIndexOf("</xml>", StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                throw new InvalidDataException("The sheet's VML drawing has no </xml> end.");
            }
            return vml[..end] + shapes + vml[end..];
        }

        // ---- package parts ----

        private static void AddRelationships(ZipArchiveEntry? existing, XmlWriter xml, List<(string Id, string Type, string Target)> added)
        {
            void Append(string prefix, string ns)
            {
                foreach (var (id, type, path) in added)
                {
                    xml.WriteStartElement(prefix, "Relationship", ns);
                    xml.WriteAttributeString("Id", id);
                    xml.WriteAttributeString("Type", type);
                    xml.WriteAttributeString("Target", path);
                    xml.WriteEndElement();
                }
            }
            if (existing is null)
            {
                xml.WriteStartElement("", "Relationships", PackageRelationshipsNs);
                Append("", PackageRelationshipsNs);
                xml.WriteEndElement();
                return;
            }
            CopyAppending(existing, xml, 0, Append);
        }

        /// <summary>
        /// Copies a part, calling <paramref name="append"/> just before the end of each element at <paramref name="depth"/>
        /// (named <paramref name="appendTo"/>, when given); <paramref name="handle"/> may take over any element.
        /// </summary>
        private static void CopyAppending(
            ZipArchiveEntry entry, XmlWriter xml, int depth, Action<string, string> append, Func<XmlReader, bool>? handle = null, string? appendTo = null)
        {
            using var reader = ObservationWorkbookReader.CreateReader(entry.Open());
            var open = new Stack<(string Prefix, string Ns, bool Appending)>();
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && handle?.Invoke(reader) == true)
                {
                    continue;
                }
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth)
                {
                    var appending = appendTo is null || reader.LocalName == appendTo;
                    CopyStart(reader, xml);
                    if (reader.IsEmptyElement)
                    {
                        if (appending)
                        {
                            append(reader.Prefix, reader.NamespaceURI);
                        }
                        xml.WriteEndElement();
                    }
                    else
                    {
                        open.Push((reader.Prefix, reader.NamespaceURI, appending));
                    }
                    reader.Read();
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    var (prefix, ns, appending) = open.Pop();
                    if (appending)
                    {
                        append(prefix, ns);
                    }
                    xml.WriteEndElement();
                    reader.Read();
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.Depth < depth)
                {
                    CopyStart(reader, xml);
                    if (reader.IsEmptyElement)
                    {
                        xml.WriteEndElement();
                    }
                    reader.Read();
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    xml.WriteEndElement();
                    reader.Read();
                }
                else
                {
                    CopyNode(reader, xml);
                }
            }
        }

        private void RewriteContentTypes(ZipArchiveEntry entry, XmlWriter xml)
        {
            var hasVmlDefault = false;
            CopyAppending(entry, xml, 0, (prefix, ns) =>
            {
                void Override(string path, string type)
                {
                    xml.WriteStartElement(prefix, "Override", ns);
                    xml.WriteAttributeString("PartName", "/" + path);
                    xml.WriteAttributeString("ContentType", type);
                    xml.WriteEndElement();
                }
                if (!hasVmlDefault && plan.Sheets.Any(s => s.NewVml))
                {
                    xml.WriteStartElement(prefix, "Default", ns);
                    xml.WriteAttributeString("Extension", "vml");
                    xml.WriteAttributeString("ContentType", VmlContentType);
                    xml.WriteEndElement();
                }
                Override(plan.ErrorsSheetPath, SheetContentType);
                if (plan.NewStyles)
                {
                    Override(plan.StylesPath!, StylesContentType);
                }
                foreach (var sheet in plan.Sheets.Where(s => s.NewComments))
                {
                    Override(sheet.CommentsPath!, CommentsContentType);
                }
            }, reader =>
            {
                hasVmlDefault |= reader.LocalName == "Default" && string.Equals(reader.GetAttribute("Extension"), "vml", StringComparison.OrdinalIgnoreCase);
                return false;
            });
        }

        /// <summary>The workbook part with the Kesalahan sheet added last and opened first.</summary>
        private void RewriteWorkbook(ZipArchiveEntry entry, XmlWriter xml)
        {
            var relationshipsNs = RelationshipsNs;
            var sheetIds = new List<int>();
            CopyAppending(entry, xml, 1, (prefix, ns) => WriteSheet(xml, prefix, ns, relationshipsNs, sheetIds), reader =>
            {
                switch (reader.LocalName)
                {
                    case "sheet" when reader.Depth == 2:
                        if (int.TryParse(reader.GetAttribute("sheetId"), NumberStyles.None, CultureInfo.InvariantCulture, out var sheetId))
                        {
                            sheetIds.Add(sheetId);
                        }
                        relationshipsNs = WorkbookPackage.RelationshipAttribute(reader)?.Namespace ?? relationshipsNs;
                        xml.WriteNode(reader, true);
                        return true;
                    case "workbookView" when reader.Depth == 2:
                        CopyElement(reader, xml, skip: "activeTab firstSheet", add: ("activeTab", plan.SheetCount.ToString(CultureInfo.InvariantCulture)));
                        return true;
                    default:
                        return false;
                }
            }, appendTo: "sheets");
        }

        private void WriteSheet(XmlWriter xml, string prefix, string ns, string relationshipsNs, List<int> sheetIds)
        {
            xml.WriteStartElement(prefix, "sheet", ns);
            xml.WriteAttributeString("name", plan.ErrorsSheetName);
            xml.WriteAttributeString("sheetId", (sheetIds.DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("r", "id", relationshipsNs, plan.ErrorsSheetRelId);
            xml.WriteEndElement();
        }

        // ---- styles ----

        private readonly record struct StyleCounts(int Fonts, int Fills, int CellXfs)
        {
            public static StyleCounts Minimal { get; } = new(1, 2, 1);
        }

        private static StyleCounts CountStyles(ZipArchiveEntry entry)
        {
            int fonts = 0, fills = 0, xfs = 0;
            using var reader = ObservationWorkbookReader.CreateReader(entry.Open());
            string? collection = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.Depth == 1)
                {
                    collection = reader.LocalName;
                }
                else if (reader.Depth == 2)
                {
                    switch (collection, reader.LocalName)
                    {
                        case ("fonts", "font"):
                            fonts++;
                            break;
                        case ("fills", "fill"):
                            fills++;
                            break;
                        case ("cellXfs", "xf"):
                            xfs++;
                            break;
                    }
                }
            }
            return new StyleCounts(fonts, fills, xfs);
        }

        /// <summary>
        /// The stylesheet with our fonts, fills and cell formats appended: the Kesalahan sheet's four formats, then for
        /// each format a marked cell had, a copy of it with the error or warning fill — so a marked date stays a date.
        /// </summary>
        private void RewriteStyles(XmlWriter xml)
        {
            using var reader = plan.NewStyles
                ? ObservationWorkbookReader.CreateReader(new MemoryStream(Encoding.UTF8.GetBytes(MinimalStylesheet), writable: false))
                : ObservationWorkbookReader.CreateReader(plan.Package.Find(plan.StylesPath!)!.Open());
            var wanted = _derived.Keys.Select(k => k.Base).ToHashSet();
            var baseFormats = new Dictionary<int, XElement>();
            var added = new HashSet<string>();
            string prefix = "", ns = MainNs;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                {
                    (prefix, ns) = (reader.Prefix, reader.NamespaceURI);
                    CopyStart(reader, xml);
                    reader.Read();
                    continue;
                }
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0)
                {
                    AddMissingCollections(xml, prefix, ns, added, s_stylesheetOrder.Length, baseFormats);
                    xml.WriteEndElement();
                    reader.Read();
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                {
                    CopyNode(reader, xml);
                    continue;
                }
                var order = Array.IndexOf(s_stylesheetOrder, reader.LocalName);
                AddMissingCollections(xml, prefix, ns, added, order < 0 ? 0 : order, baseFormats);
                if (reader.LocalName is not ("fonts" or "fills" or "cellXfs") || added.Contains(reader.LocalName))
                {
                    CopyNode(reader, xml);
                    continue;
                }
                var name = reader.LocalName;
                added.Add(name);
                var count = name switch { "fonts" => _styles.Fonts + 3, "fills" => _styles.Fills + 3, _ => _styles.CellXfs + 4 + _derived.Count };
                var index = 0;
                CopyChildren(reader, xml, item =>
                {
                    if (name != "cellXfs" || !wanted.Contains(index++))
                    {
                        return false;
                    }
                    var format = (XElement)XNode.ReadFrom(item);
                    baseFormats[index - 1] = format;
                    format.WriteTo(xml);
                    return true;
                }, () => AppendTo(name, xml, prefix, ns, baseFormats), skip: "count", add: ("count", count.ToString(CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>A stylesheet lacking one of the collections we add to gets it, in its place in the schema's order.</summary>
        private void AddMissingCollections(XmlWriter xml, string prefix, string ns, HashSet<string> added, int before, Dictionary<int, XElement> baseFormats)
        {
            foreach (var name in s_stylesheetOrder.Take(before).Where(n => n is "fonts" or "fills" or "cellXfs" && !added.Contains(n)))
            {
                added.Add(name);
                xml.WriteStartElement(prefix, name, ns);
                AppendTo(name, xml, prefix, ns, baseFormats);
                xml.WriteEndElement();
            }
        }

        private void AppendTo(string collection, XmlWriter xml, string prefix, string ns, Dictionary<int, XElement> baseFormats)
        {
            void Element(string name, params (string Name, string Value)[] attributes)
            {
                xml.WriteStartElement(prefix, name, ns);
                foreach (var (attribute, value) in attributes)
                {
                    xml.WriteAttributeString(attribute, value);
                }
                xml.WriteEndElement();
            }
            void Font(bool bold, int size, string? colour)
            {
                xml.WriteStartElement(prefix, "font", ns);
                if (bold)
                {
                    Element("b");
                }
                Element("sz", ("val", size.ToString(CultureInfo.InvariantCulture)));
                if (colour is not null)
                {
                    Element("color", ("rgb", colour));
                }
                Element("name", ("val", "Calibri"));
                Element("family", ("val", "2"));
                xml.WriteEndElement();
            }
            void Fill(string colour)
            {
                xml.WriteStartElement(prefix, "fill", ns);
                xml.WriteStartElement(prefix, "patternFill", ns);
                xml.WriteAttributeString("patternType", "solid");
                Element("fgColor", ("rgb", colour));
                Element("bgColor", ("indexed", "64"));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            void Format(int font, int fill, bool wrap)
            {
                xml.WriteStartElement(prefix, "xf", ns);
                foreach (var (name, value) in new[] { ("numFmtId", "0"), ("fontId", font.ToString(CultureInfo.InvariantCulture)),
                    ("fillId", fill.ToString(CultureInfo.InvariantCulture)), ("borderId", "0"), ("xfId", "0") })
                {
                    xml.WriteAttributeString(name, value);
                }
                xml.WriteAttributeString("applyFont", "1");
                xml.WriteAttributeString("applyFill", "1");
                if (wrap)
                {
                    xml.WriteAttributeString("applyAlignment", "1");
                    Element("alignment", ("vertical", "top"), ("wrapText", "1"));
                }
                xml.WriteEndElement();
            }
            switch (collection)
            {
                case "fonts":
                    Font(bold: true, 13, null);
                    Font(bold: true, 11, null);
                    Font(bold: false, 11, ErrorFont);
                    break;
                case "fills":
                    Fill(ErrorFill);
                    Fill(WarningFill);
                    Fill(HeaderFill);
                    break;
                case "cellXfs":
                    Format(_styles.Fonts, 0, wrap: false);
                    Format(_styles.Fonts + 1, _styles.Fills + 2, wrap: false);
                    Format(_styles.Fonts + 2, 0, wrap: false);
                    Format(0, 0, wrap: true);
                    foreach (var ((baseXf, error), _) in _derived.OrderBy(d => d.Value))
                    {
                        var fill = (error ? ErrorFillId : WarningFillId).ToString(CultureInfo.InvariantCulture);
                        if (baseFormats.TryGetValue(baseXf, out var format))
                        {
                            var copy = new XElement(format);
                            copy.SetAttributeValue("fillId", fill);
                            copy.SetAttributeValue("applyFill", "1");
                            copy.WriteTo(xml);
                        }
                        else
                        {
                            Element("xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", fill), ("borderId", "0"), ("xfId", "0"), ("applyFill", "1"));
                        }
                    }
                    break;
            }
        }

        private const string MinimalStylesheet =
            "<styleSheet xmlns=\"" + MainNs + "\">" +
            "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>" +
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
            "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
            "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>" +
            "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" +
            "</styleSheet>";

        // ---- the Kesalahan sheet ----

        private void WriteErrorsSheet(XmlWriter xml)
        {
            string[] headers =
            [
                localizer["Annotated.Kind"], localizer["Annotated.Sheet"], localizer["Annotated.Cell"], localizer["Annotated.Row"],
                localizer["Annotated.Column"], localizer["Annotated.Value"], localizer["Annotated.Message"],
            ];
            double[] widths = [12, 12, 8, 8, 18, 24, 90];
            const int headerRow = 3;
            var listed = issues.OrderBy(i => i.IsWarning).ThenBy(i => i.Sheet, StringComparer.Ordinal).ThenBy(i => i.Row).ThenBy(i => i.Column).ToList();
            var lastRow = headerRow + listed.Count + (omitted > 0 ? 1 : 0);

            xml.WriteStartElement("", "worksheet", MainNs);
            xml.WriteAttributeString("xmlns", "r", null, RelationshipsNs);
            xml.WriteStartElement("sheetPr", MainNs);
            xml.WriteStartElement("tabColor", MainNs);
            xml.WriteAttributeString("rgb", TabColour);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("dimension", MainNs);
            xml.WriteAttributeString("ref", "A1:" + Address(lastRow, headers.Length));
            xml.WriteEndElement();
            xml.WriteStartElement("sheetViews", MainNs);
            xml.WriteStartElement("sheetView", MainNs);
            xml.WriteAttributeString("tabSelected", "1");
            xml.WriteAttributeString("workbookViewId", "0");
            xml.WriteStartElement("pane", MainNs);
            xml.WriteAttributeString("ySplit", headerRow.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("topLeftCell", Address(headerRow + 1, 1));
            xml.WriteAttributeString("activePane", "bottomLeft");
            xml.WriteAttributeString("state", "frozen");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("cols", MainNs);
            for (var c = 0; c < widths.Length; c++)
            {
                xml.WriteStartElement("col", MainNs);
                xml.WriteAttributeString("min", (c + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("max", (c + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("width", widths[c].ToString(CultureInfo.InvariantCulture));
                if (c == widths.Length - 1)
                {
                    xml.WriteAttributeString("style", WrapXf.ToString(CultureInfo.InvariantCulture));
                }
                xml.WriteAttributeString("customWidth", "1");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteStartElement("sheetData", MainNs);
            Row(xml, 1, [(1, localizer["Annotated.Title", fileName].Value, TitleXf)]);
            Row(xml, headerRow, [.. headers.Select((h, c) => (c + 1, h, HeaderXf))]);
            var row = headerRow;
            foreach (var issue in listed)
            {
                row++;
                // Every value is written as text: a message or a cell value starting with "=" must never become a formula.
                Row(xml, row, [
                    (1, issue.IsWarning ? localizer["Annotated.Warning"].Value : localizer["Annotated.Error"].Value, issue.IsWarning ? -1 : ErrorKindXf),
                    (2, issue.Sheet, -1), (3, issue.CellAddress, -1), (4, issue.Row > 0 ? issue.Row : null, -1),
                    (5, issue.ColumnName, -1), (6, issue.Value, -1), (7, issue.Message, WrapXf)]);
            }
            if (omitted > 0)
            {
                Row(xml, row + 1, [(1, localizer["Import.MoreIssues", omitted.ToString("N0", CellValueParser.Indonesian)].Value, -1)]);
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        private static void Row(XmlWriter xml, int row, (int Column, object? Value, int Style)[] cells)
        {
            xml.WriteStartElement("row", MainNs);
            xml.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
            foreach (var (column, value, style) in cells)
            {
                if (value is null or "")
                {
                    continue;
                }
                xml.WriteStartElement("c", MainNs);
                xml.WriteAttributeString("r", Address(row, column));
                if (style >= 0)
                {
                    xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
                }
                if (value is int number)
                {
                    xml.WriteElementString("v", MainNs, number.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    xml.WriteAttributeString("t", "inlineStr");
                    xml.WriteStartElement("is", MainNs);
                    WriteText(xml, "", MainNs, (string)value);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        /// <summary>A <c>t</c> element; leading or trailing spaces and line breaks are kept as written.</summary>
        private static void WriteText(XmlWriter xml, string prefix, string ns, string text)
        {
            xml.WriteStartElement(prefix, "t", ns);
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal)))
            {
                xml.WriteAttributeString("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
            }
            xml.WriteString(XmlText(text));
            xml.WriteEndElement();
        }

        /// <summary>Characters XML cannot hold (a control character in a cell value) are dropped rather than failing the file.</summary>
        private static string XmlText(string text) =>
            text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) ? new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))]) : text;
    }

    // ---- node copying ----

    /// <summary>Writes the start of the element the reader is on, with its attributes (namespace declarations too).</summary>
    private static void CopyStart(XmlReader reader, XmlWriter xml, string? skip = null, (string Name, string Value)? add = null, (string Name, string Value)? add2 = null)
    {
        xml.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        if (reader.MoveToFirstAttribute())
        {
            var skipped = skip?.Split(' ') ?? [];
            do
            {
                if (reader.NamespaceURI.Length == 0 && skipped.Contains(reader.LocalName))
                {
                    continue;
                }
                xml.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        if (add is { } first)
        {
            xml.WriteAttributeString(first.Name, first.Value);
        }
        if (add2 is { } second)
        {
            xml.WriteAttributeString(second.Name, second.Value);
        }
    }

    /// <summary>Copies the element the reader is on with changed attributes, its content unchanged; the reader ends past it.</summary>
    private static void CopyElement(XmlReader reader, XmlWriter xml, string? skip = null, (string Name, string Value)? add = null, (string Name, string Value)? add2 = null) =>
        CopyChildren(reader, xml, null, null, skip, add, add2);

    /// <summary>
    /// Copies the element the reader is on; <paramref name="handle"/> may take over a child element (true when it
    /// has moved past it), and <paramref name="append"/> writes more children before the end.
    /// </summary>
    private static void CopyChildren(
        XmlReader reader, XmlWriter xml, Func<XmlReader, bool>? handle, Action? append,
        string? skip = null, (string Name, string Value)? add = null, (string Name, string Value)? add2 = null)
    {
        var empty = reader.IsEmptyElement;
        var depth = reader.Depth;
        CopyStart(reader, xml, skip, add, add2);
        reader.Read();
        if (!empty)
        {
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && handle?.Invoke(reader) == true)
                {
                    continue;
                }
                xml.WriteNode(reader, true);
            }
            reader.Read();
        }
        append?.Invoke();
        xml.WriteEndElement();
    }

    /// <summary>Copies the node the reader is on (an element with all it holds) and moves past it.</summary>
    private static void CopyNode(XmlReader reader, XmlWriter xml)
    {
        if (reader.NodeType == XmlNodeType.XmlDeclaration)
        {
            reader.Read();
            return;
        }
        xml.WriteNode(reader, true);
    }
}
