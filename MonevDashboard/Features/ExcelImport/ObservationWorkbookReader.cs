using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>One data row of a sheet: its Excel row number and its cells by <see cref="SheetField"/>.</summary>
public sealed record SheetRow(int Number, RawCell[] Cells)
{
    public RawCell this[SheetField field] => Cells[(int)field];
}

/// <summary>A sheet as read: where its header row is, which column holds which field, and its non-blank rows.</summary>
public sealed record SheetContent(string Name, int HeaderRow, IReadOnlyDictionary<SheetField, int> Columns, IReadOnlyList<SheetRow> Rows)
{
    public bool Has(SheetField field) => Columns.ContainsKey(field);

    /// <summary>The 1-based column of a field, 0 when the sheet has no such column.</summary>
    public int ColumnOf(SheetField field) => Columns.TryGetValue(field, out var column) ? column : 0;
}

/// <summary>What a workbook holds for the import, and what was wrong with its structure.</summary>
public sealed record WorkbookContent(SheetContent? Data, SheetContent? Targets, IReadOnlyList<ImportIssue> Issues)
{
    /// <summary>Whether the file opened as a workbook (its sheets may still be wrong).</summary>
    public bool IsWorkbook { get; init; }
}

/// <summary>
/// Reads the <c>Data</c> and <c>Target</c> sheets of an uploaded workbook into plain rows. It first checks the
/// package (<see cref="WorkbookPackageInspector"/>), then streams the sheet XML straight from the zip with an
/// <see cref="XmlReader"/>: one pass, no document object, memory in proportion to the rows kept — which is what lets
/// a 100,000-row file import quickly and a hostile one fail without exhausting memory. Formatting is irrelevant to
/// the import, so styles are never loaded. Works on Excel, LibreOffice and strict OOXML files alike (elements are
/// matched by local name). Never throws on bad input: every problem becomes an <see cref="ImportIssue"/>.
/// </summary>
public sealed class ObservationWorkbookReader(IStringLocalizer<SharedResource> localizer, IOptions<ImportOptions> options)
{
    private const int ProgressEveryRows = 2000;

    /// <summary>The cells an official fills in on a laid-out row of the pre-filled template; the others it writes itself.</summary>
    private static readonly SheetField[] s_figureFields = [SheetField.Value, SheetField.Numerator, SheetField.Denominator, SheetField.Source, SheetField.Note];

    public ImportOptions Limits => options.Value;

    /// <summary>Reads a workbook from a stream; the stream is read at most up to the size limit.</summary>
    public WorkbookContent Read(Stream stream, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var bytes = UploadBuffer.ReadLimited(stream, Limits.MaxBytes);
        return bytes is null ? Refused(PackageProblem.TooLarge) : Read(bytes, fileName, progress, cancellationToken);
    }

    public WorkbookContent Read(byte[] bytes, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problem = WorkbookPackageInspector.Inspect(bytes, fileName, Limits);
        if (problem != PackageProblem.None)
        {
            return Refused(problem);
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            return new WorkbookParser(new WorkbookPackage(zip), localizer, Limits, progress, cancellationToken).Parse();
        }
        catch (WorkbookLimitException ex)
        {
            // Refused as a whole: not even annotated, so a hostile file is never loaded into a workbook model.
            return new WorkbookContent(null, null, [ImportIssue.File(ex.Key, localizer[ex.Key, ex.Arguments])]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A package that passed the checks but whose XML is broken: refused like any other bad file.
            return new WorkbookContent(null, null, [ImportIssue.File("Import.Unreadable", localizer["Import.Unreadable"])]);
        }
    }

    /// <summary>The message for a refused package, e.g. for a file that never reached the reader.</summary>
    public WorkbookContent Refused(PackageProblem problem)
    {
        var key = problem switch
        {
            PackageProblem.TooManyEntries or PackageProblem.TooLargeUncompressed or PackageProblem.CompressionRatio => "Import.ZipBomb",
            _ => "Import." + problem,
        };
        var detail = problem switch
        {
            PackageProblem.TooLarge => FormatMegabytes(Limits.MaxBytes),
            PackageProblem.TooManyEntries => localizer["Import.ZipBomb.Entries", Limits.MaxEntries].Value,
            PackageProblem.TooLargeUncompressed => localizer["Import.ZipBomb.Size", FormatMegabytes(Limits.MaxUncompressedBytes)].Value,
            PackageProblem.CompressionRatio => localizer["Import.ZipBomb.Ratio", Limits.MaxCompressionRatio].Value,
            _ => "",
        };
        return new WorkbookContent(null, null, [ImportIssue.File(key, localizer[key, detail])]);
    }

    public static string FormatMegabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", CellValueParser.Indonesian) + " MB";

    internal static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    private sealed class WorkbookParser(
        WorkbookPackage package, IStringLocalizer<SharedResource> localizer, ImportOptions limits,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        private readonly List<ImportIssue> _issues = [];
        private List<string> _sharedStrings = [];
        // One cell's text is read into this buffer in chunks, so a cell longer than the cap is refused before it is held.
        private readonly char[] _chars = new char[Math.Max(1, limits.MaxCellChars) + 1];
        private long _textChars;
        private string _part = "";

        public WorkbookContent Parse()
        {
            var workbookPath = package.WorkbookPath();
            if (package.Find(workbookPath) is not { } workbookEntry)
            {
                return Fail("Import.NotWorkbook", "");
            }
            var relationships = package.Relationships(workbookPath);
            var sheets = WorkbookPackage.ReadSheetList(workbookEntry)
                .Select(s => (s.Name, Path: relationships.FirstOrDefault(r => r.Id == s.RelationshipId && r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).Target))
                .ToList();
            if (relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } stringsPath
                && package.Find(stringsPath) is { } stringsEntry)
            {
                _sharedStrings = ReadSharedStrings(stringsEntry);
            }

            var data = sheets.FirstOrDefault(s => IsSheet(s.Name, DataSheetColumns.DataSheet));
            if (data.Name is null || data.Path is null || package.Find(data.Path) is not { } dataEntry)
            {
                var names = string.Join(", ", sheets.Select(s => s.Name));
                return Fail("Import.NoDataSheet", names.Length == 0 ? "–" : names) with { IsWorkbook = true };
            }
            var target = sheets.FirstOrDefault(s => IsSheet(s.Name, DataSheetColumns.TargetSheet));
            var targetEntry = target.Path is null ? null : package.Find(target.Path);
            var total = dataEntry.Length + (targetEntry?.Length ?? 0);

            var dataContent = ReadSheet(dataEntry, data.Name, DataSheetColumns.Data, RequiredData, 0, total, required: true);
            var targetContent = targetEntry is null
                ? null
                : ReadSheet(targetEntry, target.Name!, DataSheetColumns.Target, RequiredTarget, dataEntry.Length, total, required: false);
            if (dataContent is { Rows.Count: 0 } && targetContent is not { Rows.Count: > 0 } && !_issues.Any(i => !i.IsWarning))
            {
                _issues.Add(new ImportIssue(dataContent.Name, dataContent.HeaderRow, 0, "", "", "Import.NoRows", localizer["Import.NoRows", dataContent.Name]));
            }
            return new WorkbookContent(dataContent, targetContent, _issues) { IsWorkbook = true };
        }

        private static bool IsSheet(string name, string wanted) => name.Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase);

        private WorkbookContent Fail(string key, string argument)
        {
            _issues.Add(ImportIssue.File(key, localizer[key, argument]));
            return new WorkbookContent(null, null, _issues);
        }

        /// <summary>Required columns: Nilai may be left out when the sheet gives Pembilang and Penyebut (ratios only).</summary>
        private static IEnumerable<SheetField> RequiredData(IReadOnlyDictionary<SheetField, int> mapped) =>
            DataSheetColumns.Data.Where(c => c.Required)
                .Select(c => c.Field)
                .Where(f => f != SheetField.Value || !(mapped.ContainsKey(SheetField.Numerator) && mapped.ContainsKey(SheetField.Denominator)));

        private static IEnumerable<SheetField> RequiredTarget(IReadOnlyDictionary<SheetField, int> mapped) =>
            DataSheetColumns.Target.Where(c => c.Required).Select(c => c.Field);

        private List<string> ReadSharedStrings(ZipArchiveEntry entry)
        {
            var strings = new List<string>();
            _part = entry.Name;
            using var reader = CreateReader(entry.Open());
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                {
                    if (strings.Count >= limits.MaxSharedStrings)
                    {
                        throw new WorkbookLimitException("Import.LimitSharedStrings", Number(limits.MaxSharedStrings));
                    }
                    var text = ReadRichText(reader);
                    Hold(text.Length);
                    strings.Add(text);
                    continue;
                }
                reader.Read();
            }
            cancellationToken.ThrowIfCancellationRequested();
            return strings;
        }

        private static string Number(long value) => value.ToString("N0", CellValueParser.Indonesian);

        /// <summary>Counts text the workbook makes the server hold, against <see cref="ImportOptions.MaxTextChars"/>.</summary>
        private void Hold(int characters)
        {
            _textChars += characters;
            if (_textChars > limits.MaxTextChars)
            {
                throw new WorkbookLimitException("Import.LimitText", Number(limits.MaxTextChars));
            }
        }

        /// <summary>
        /// The text content of the element the reader is on (then past its end), read in chunks and refused beyond
        /// <see cref="ImportOptions.MaxCellChars"/> — never a whole oversized text node in memory.
        /// </summary>
        private string ReadText(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return "";
            }
            var depth = reader.Depth;
            var length = 0;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    int read;
                    while ((read = reader.ReadValueChunk(_chars, length, _chars.Length - length)) > 0)
                    {
                        length += read;
                        if (length >= _chars.Length)
                        {
                            throw new WorkbookLimitException("Import.LimitCell", _part, Number(limits.MaxCellChars));
                        }
                    }
                    reader.Read();
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }
            reader.Read();
            return length == 0 ? "" : new string(_chars, 0, length);
        }

        /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: its &lt;t&gt; runs, without phonetic guides.</summary>
        private string ReadRichText(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return "";
            }
            var depth = reader.Depth;
            var text = new System.Text.StringBuilder();
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
                {
                    reader.Skip();
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
                {
                    text.Append(ReadText(reader));
                    if (text.Length > limits.MaxCellChars)
                    {
                        throw new WorkbookLimitException("Import.LimitCell", _part, Number(limits.MaxCellChars));
                    }
                }
                else
                {
                    reader.Read();
                }
            }
            reader.Read();
            return text.ToString();
        }

        private SheetContent? ReadSheet(
            ZipArchiveEntry entry, string sheetName, IReadOnlyList<SheetColumn> columns,
            Func<IReadOnlyDictionary<SheetField, int>, IEnumerable<SheetField>> requiredFields,
            long progressOffset, long progressTotal, bool required)
        {
            _part = sheetName;
            var counting = new CountingStream(entry.Open());
            using var reader = CreateReader(counting);
            var header = new List<(int Row, List<(int Column, RawCell Cell)> Cells)>();
            SheetLayout? layout = null;
            var rows = new List<SheetRow>();
            var cells = new List<(int Column, RawCell Cell)>();
            var lastRow = 0;
            var tooMany = false;
            var blankLaidOutRows = 0;

            void Accept(int rowNumber, List<(int Column, RawCell Cell)> rowCells)
            {
                if (layout is null)
                {
                    return;
                }
                if (rowNumber <= layout.HeaderRow || rowCells.Count == 0)
                {
                    return;
                }
                var values = new RawCell[DataSheetColumns.FieldCount];
                var any = false;
                foreach (var (column, cell) in rowCells)
                {
                    if (layout.FieldOf(column) is { } field && !cell.IsEmpty)
                    {
                        values[(int)field] = cell;
                        any = true;
                    }
                }
                if (!any)
                {
                    return;
                }
                if (layout.IsPrefilled && s_figureFields.All(f => values[(int)f].IsEmpty))
                {
                    // A row the pre-filled template laid out (indicator, period, province, country, sex) and the official
                    // left without a figure: not reported, so not read — blank is not zero.
                    blankLaidOutRows++;
                    return;
                }
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = values[i].Text is null ? RawCell.Empty : values[i];
                }
                if (rows.Count >= limits.MaxRows)
                {
                    tooMany = true;
                    return;
                }
                rows.Add(new SheetRow(rowNumber, values));
            }

            void DecideLayout()
            {
                layout = FindHeader(sheetName, header, columns, requiredFields, required);
                if (layout is not null)
                {
                    foreach (var (row, rowCells) in header)
                    {
                        Accept(row, rowCells);
                    }
                }
                header.Clear();
            }

            var decided = false;
            reader.Read();
            while (!reader.EOF && !tooMany)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
                {
                    reader.Read();
                    continue;
                }
                var rowNumber = WorkbookPackage.ParseRowNumber(reader.GetAttribute("r"), lastRow);
                lastRow = rowNumber;
                cells.Clear();
                ReadRowCells(reader, cells);
                if (!decided && rowNumber > DataSheetColumns.HeaderSearchRows)
                {
                    DecideLayout();
                    decided = true;
                    if (layout is null)
                    {
                        break;
                    }
                }
                if (!decided)
                {
                    header.Add((rowNumber, [.. cells]));
                }
                else
                {
                    Accept(rowNumber, cells);
                }
                if (rowNumber % ProgressEveryRows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(ImportStage.Read, progressOffset + counting.BytesRead, progressTotal));
                }
            }
            if (!decided)
            {
                if (!required && header.All(r => r.Cells.All(c => c.Cell.IsEmpty)))
                {
                    return null;
                }
                DecideLayout();
            }
            if (tooMany)
            {
                _issues.Add(new ImportIssue(sheetName, 0, 0, "", "", "Import.TooManyRows", localizer["Import.TooManyRows", limits.MaxRows]));
            }
            if (blankLaidOutRows > 0)
            {
                _issues.Add(new ImportIssue(sheetName, 0, 0, "", "", "PrefilledTemplate.BlankRowsSkipped",
                    localizer["PrefilledTemplate.BlankRowsSkipped", Number(blankLaidOutRows), sheetName], IsWarning: true));
            }
            progress?.Report(new ImportProgress(ImportStage.Read, progressOffset + entry.Length, progressTotal));
            return layout is null ? null : new SheetContent(sheetName, layout.HeaderRow, layout.Columns, rows);
        }

        private void ReadRowCells(XmlReader reader, List<(int Column, RawCell Cell)> cells)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }
            var depth = reader.Depth;
            var column = 0;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
                {
                    column = WorkbookPackage.ParseColumn(reader.GetAttribute("r"), column);
                    cells.Add((column, ReadCell(reader)));
                }
                else
                {
                    reader.Read();
                }
            }
            reader.Read();
        }

        private RawCell ReadCell(XmlReader reader)
        {
            var type = reader.GetAttribute("t");
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return RawCell.Empty;
            }
            var depth = reader.Depth;
            string? value = null, formula = null, inline = null;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (reader.LocalName == "v")
                {
                    value = ReadText(reader);
                }
                else if (reader.LocalName == "f")
                {
                    formula = ReadText(reader);
                    Hold(formula.Length);
                }
                else if (reader.LocalName == "is")
                {
                    inline = ReadRichText(reader);
                    Hold(inline.Length);
                }
                else
                {
                    reader.Skip();
                }
            }
            reader.Read();
            // Numbers and shared-string indexes are short; any longer value is text the rows will hold.
            if (value is { Length: > 64 })
            {
                Hold(value.Length);
            }
            return type switch
            {
                "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count
                    ? new RawCell(_sharedStrings[index])
                    : RawCell.Empty,
                "inlineStr" => new RawCell(inline ?? value ?? ""),
                "str" or "d" => new RawCell(value ?? ""),
                "b" => new RawCell(value == "1" ? "TRUE" : "FALSE"),
                "e" => new RawCell(value ?? "#N/A", IsError: true),
                _ when value is null => formula is null ? RawCell.Empty : new RawCell("=" + formula, IsError: true),
                _ => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new RawCell(value, number)
                    : new RawCell(value),
            };
        }

        private SheetLayout? FindHeader(
            string sheetName, List<(int Row, List<(int Column, RawCell Cell)> Cells)> rows, IReadOnlyList<SheetColumn> columns,
            Func<IReadOnlyDictionary<SheetField, int>, IEnumerable<SheetField>> requiredFields, bool required)
        {
            var best = rows
                .Select(r => (r.Row, r.Cells, Matches: r.Cells
                    .Where(c => c.Cell.Number is null && !c.Cell.IsEmpty)
                    .Select(c => DataSheetColumns.Match(columns, c.Cell.Text)?.Field)
                    .OfType<SheetField>().Distinct().Count()))
                .OrderByDescending(r => r.Matches).ThenBy(r => r.Row)
                .FirstOrDefault();
            var requiredNames = string.Join(", ", columns.Where(c => c.Required).Select(c => c.Header));
            if (best.Cells is null || best.Matches < 2)
            {
                if (required || rows.Any(r => r.Cells.Any(c => !c.Cell.IsEmpty)))
                {
                    _issues.Add(new ImportIssue(sheetName, 0, 0, "", "", "Import.HeaderNotFound",
                        localizer["Import.HeaderNotFound", sheetName, DataSheetColumns.HeaderSearchRows, requiredNames]));
                }
                return null;
            }

            var mapped = new Dictionary<SheetField, int>();
            var references = 0;
            var ok = true;
            foreach (var (column, cell) in best.Cells.OrderBy(c => c.Column))
            {
                if (cell.IsEmpty)
                {
                    continue;
                }
                var text = cell.Display;
                var match = cell.Number is null ? DataSheetColumns.Match(columns, text) : null;
                if (match is null && cell.Number is null && DataSheetColumns.IsReferenceHeader(columns, text))
                {
                    // Last quarter's figure beside this one (the pre-filled template): shown, never imported, not an extra column.
                    references++;
                }
                else if (match is null)
                {
                    _issues.Add(new ImportIssue(sheetName, best.Row, column, text, text, "Import.UnknownColumn",
                        localizer["Import.UnknownColumn", text, sheetName], IsWarning: true));
                }
                else if (mapped.TryGetValue(match.Field, out var first))
                {
                    _issues.Add(new ImportIssue(sheetName, best.Row, column, match.Header, text, "Import.DuplicateColumn",
                        localizer["Import.DuplicateColumn", match.Header, sheetName, ImportIssue.ColumnLetters(first), ImportIssue.ColumnLetters(column)]));
                    ok = false;
                }
                else
                {
                    mapped[match.Field] = column;
                }
            }
            foreach (var missing in requiredFields(mapped).Where(f => !mapped.ContainsKey(f)))
            {
                var header = columns.First(c => c.Field == missing).Header;
                _issues.Add(new ImportIssue(sheetName, best.Row, 0, header, "", "Import.MissingColumn",
                    localizer["Import.MissingColumn", header, sheetName, best.Row]));
                ok = false;
            }
            return ok ? new SheetLayout(best.Row, mapped) { IsPrefilled = references > 0 } : null;
        }
    }

    private sealed class SheetLayout
    {
        private readonly SheetField?[] _fieldByColumn;

        public SheetLayout(int headerRow, Dictionary<SheetField, int> columns)
        {
            HeaderRow = headerRow;
            Columns = columns;
            _fieldByColumn = new SheetField?[columns.Values.DefaultIfEmpty(0).Max() + 1];
            foreach (var (field, column) in columns)
            {
                _fieldByColumn[column] = field;
            }
        }

        public int HeaderRow { get; }

        public IReadOnlyDictionary<SheetField, int> Columns { get; }

        /// <summary>Whether the sheet has the pre-filled template's reference columns: its laid-out rows may stay blank.</summary>
        public bool IsPrefilled { get; init; }

        public SheetField? FieldOf(int column) => column < _fieldByColumn.Length ? _fieldByColumn[column] : null;
    }

    /// <summary>Counts the inflated bytes read, for progress against the part's declared size.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>A workbook asks the server to hold more than <see cref="ImportOptions"/> allows: refused as a whole.</summary>
public sealed class WorkbookLimitException(string key, params object[] arguments) : Exception(key)
{
    public string Key { get; } = key;

    public object[] Arguments { get; } = arguments;
}
