using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using MonevDashboard.Features.ExcelImport;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// The test corpus, built in code: workbooks shaped the way officials send them (with ClosedXML, as Excel would
/// save them) and raw byte/zip fixtures for the files that are not workbooks at all.
/// </summary>
internal static class ImportWorkbooks
{
    public static readonly string[] DataHeader = [.. DataSheetColumns.Data.Select(c => c.Header)];
    public static readonly string[] TargetHeader = [.. DataSheetColumns.Target.Select(c => c.Header)];

    /// <summary>A data row in the contract's column order: code, year, quarter, province, country, sex, value,
    /// numerator, denominator, source, note.</summary>
    public static object?[] Row(string code, object? year, object? quarter, object? province = null, object? country = null, object? sex = null,
        object? value = null, object? numerator = null, object? denominator = null, object? source = null, object? note = null) =>
        [code, year, quarter, province, country, sex, value, numerator, denominator, source, note];

    /// <summary>A workbook with a Data sheet: the contract's header on row 1 and the given rows below.</summary>
    public static byte[] DataWorkbook(params object?[][] rows) => Build(wb => Sheet(wb, "Data", DataHeader, rows));

    public static byte[] Build(Action<XLWorkbook> build)
    {
        using var workbook = new XLWorkbook();
        build(workbook);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>Adds a sheet with a header at <paramref name="headerRow"/> (rows above it hold a title) and rows below.</summary>
    public static IXLWorksheet Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> header, IEnumerable<object?[]> rows, int headerRow = 1)
    {
        var sheet = workbook.AddWorksheet(name);
        if (headerRow > 1)
        {
            sheet.Cell(1, 1).SetValue("Laporan Realisasi Program PKS Kemendag – KP2MI");
        }
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(headerRow, c + 1).SetValue(header[c]);
        }
        var r = headerRow;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < row.Length; c++)
            {
                Set(sheet.Cell(r, c + 1), row[c]);
            }
        }
        return sheet;
    }

    /// <summary>Strings are stored as text (as a cell formatted Text in Excel), numbers as numbers.</summary>
    public static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                cell.SetValue(s);
                break;
            case int i:
                cell.SetValue(i);
                break;
            case double d:
                cell.SetValue(d);
                break;
            default:
                throw new ArgumentException($"Unsupported cell value {value.GetType()}");
        }
    }

    // ---- Files that are not workbooks ----------------------------------------------------------------------------

    public static byte[] Empty => [];

    public static byte[] PlainText => Encoding.UTF8.GetBytes("Kode Indikator;Tahun;Triwulan;Nilai\nP1-PMI-TRAINED;2026;3;120\n");

    /// <summary>What Excel writes for a password-protected workbook: an OLE compound file holding the encrypted package.</summary>
    public static byte[] Encrypted => Ole(Encoding.Unicode.GetBytes("EncryptionInfo"), Encoding.Unicode.GetBytes("EncryptedPackage"));

    /// <summary>An Excel 97–2003 .xls: an OLE compound file with a Workbook stream.</summary>
    public static byte[] LegacyXls => Ole(Encoding.Unicode.GetBytes("Workbook"));

    private static byte[] Ole(params byte[][] names)
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        var at = 1024;
        foreach (var name in names)
        {
            name.CopyTo(bytes, at);
            at += 128;
        }
        return bytes;
    }

    /// <summary>A Word document (as if a .docx were renamed .xlsx).</summary>
    public static byte[] WordDocument => Zip(
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            </Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            </Relationships>
            """),
        ("word/document.xml", """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"""));

    /// <summary>A zip of CSV files: a zip, but no workbook.</summary>
    public static byte[] PlainZip => Zip(("data.csv", "Kode Indikator;Tahun\n"));

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return output.ToArray();
    }

    /// <summary>A valid workbook with a VBA project part added, as an .xlsm renamed .xlsx carries.</summary>
    public static byte[] WithVbaProject(byte[] workbook) => Modify(workbook, zip =>
    {
        using var stream = zip.CreateEntry("xl/vbaProject.bin").Open();
        stream.Write(new byte[] { 0xCC, 0x61, 0x00, 0x00 });
    });

    /// <summary>A valid workbook whose main part declares the macro-enabled content type.</summary>
    public static byte[] WithMacroContentType(byte[] workbook) => Modify(workbook, zip =>
    {
        var entry = zip.GetEntry("[Content_Types].xml")!;
        string xml;
        using (var reader = new StreamReader(entry.Open()))
        {
            xml = reader.ReadToEnd();
        }
        entry.Delete();
        xml = xml.Replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal);
        using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
        writer.Write(xml);
    });

    /// <summary>A workbook plus one part of <paramref name="megabytes"/> MB of zeros: a ratio near 1000:1.</summary>
    public static byte[] WithHighlyCompressedPart(byte[] workbook, int megabytes) => Modify(workbook, zip =>
    {
        using var stream = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
        var zeros = new byte[1024 * 1024];
        for (var i = 0; i < megabytes; i++)
        {
            stream.Write(zeros);
        }
    });

    /// <summary>A workbook plus a part of <paramref name="megabytes"/> MB of text that compresses like a sheet does (about 20:1).</summary>
    public static byte[] WithTextPart(byte[] workbook, int megabytes) => Modify(workbook, zip =>
    {
        string[] words = ["realisasi ", "target ", "provinsi ", "negara "];
        var random = new Random(11);
        using var writer = new StreamWriter(zip.CreateEntry("xl/embeddings/notes.txt").Open());
        for (long written = 0; written < megabytes * 1024L * 1024; written += 9)
        {
            writer.Write(words[random.Next(words.Length)]);
        }
    });

    /// <summary>A workbook plus a stored (uncompressed) part of random bytes, making the file <paramref name="kilobytes"/> KB larger.</summary>
    public static byte[] WithRandomPart(byte[] workbook, int kilobytes) => Modify(workbook, zip =>
    {
        var bytes = new byte[kilobytes * 1024];
        new Random(5).NextBytes(bytes);
        using var stream = zip.CreateEntry("xl/media/image1.bin", CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    });

    /// <summary>A workbook with thousands of tiny extra parts.</summary>
    public static byte[] WithManyParts(byte[] workbook, int parts) => Modify(workbook, zip =>
    {
        for (var i = 0; i < parts; i++)
        {
            using var stream = zip.CreateEntry($"customXml/item{i}.xml").Open();
            stream.WriteByte((byte)'x');
        }
    });

    private static byte[] Modify(byte[] workbook, Action<ZipArchive> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(zip);
        }
        return buffer.ToArray();
    }
}

internal static class ZipSurgery
{
    /// <summary>
    /// Rewrites the declared uncompressed size of one part (in its local header and the central directory) to a
    /// small number, as a hostile file would to slip past size checks.
    /// </summary>
    public static byte[] UnderstateSize(byte[] zip, string partName, uint declared)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(partName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (Signature(bytes, i, 0x04034b50) && Matches(bytes, i + 30, name, BitConverter.ToUInt16(bytes, i + 26)))
            {
                BitConverter.GetBytes(declared).CopyTo(bytes, i + 22);
            }
            else if (Signature(bytes, i, 0x02014b50) && Matches(bytes, i + 46, name, BitConverter.ToUInt16(bytes, i + 28)))
            {
                BitConverter.GetBytes(declared).CopyTo(bytes, i + 24);
            }
        }
        return bytes;
    }

    private static bool Signature(byte[] bytes, int at, uint signature) => BitConverter.ToUInt32(bytes, at) == signature;

    private static bool Matches(byte[] bytes, int at, byte[] name, int length) =>
        length == name.Length && at + length <= bytes.Length && bytes.AsSpan(at, length).SequenceEqual(name);
}
