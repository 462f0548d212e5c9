using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>Why a file is not accepted as a workbook, before any sheet is read.</summary>
public enum PackageProblem
{
    None = 0,
    Empty,
    TooLarge,
    NotZip,
    Encrypted,
    LegacyXls,
    NotWorkbook,
    WordDocument,
    PresentationDocument,
    Macros,
    TooManyEntries,
    TooLargeUncompressed,
    CompressionRatio,
}

/// <summary>
/// Looks at an upload's bytes, and at its zip directory only, to decide whether it may be opened as a workbook:
/// an OOXML spreadsheet package without macros, not encrypted, whose parts inflate to a sane size. Nothing is
/// inflated in full here: sizes come from the zip central directory (which the reader then enforces, since .NET's
/// zip streams stop at an entry's declared length), and only [Content_Types].xml — capped at 1 MB — is read.
/// </summary>
public static class WorkbookPackageInspector
{
    private const int ContentTypesCap = 1024 * 1024;
    private const long RatioCheckAbove = 1024 * 1024;
    private static readonly byte[] s_oleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly string[] s_macroExtensions = [".xlsm", ".xltm", ".xlam", ".xlsb"];

    public static PackageProblem Inspect(byte[] bytes, string fileName, ImportOptions limits)
    {
        if (bytes.Length == 0)
        {
            return PackageProblem.Empty;
        }
        if (bytes.Length > limits.MaxBytes)
        {
            return PackageProblem.TooLarge;
        }
        if (bytes.AsSpan().StartsWith(s_oleSignature))
        {
            // Excel wraps a password-protected .xlsx in an OLE compound file with these streams; otherwise it is
            // a legacy binary .xls (or another old Office file).
            return Contains(bytes, Encoding.Unicode.GetBytes("EncryptionInfo")) || Contains(bytes, Encoding.Unicode.GetBytes("EncryptedPackage"))
                ? PackageProblem.Encrypted
                : PackageProblem.LegacyXls;
        }
        if (bytes.Length < 22 || bytes[0] != 'P' || bytes[1] != 'K')
        {
            return PackageProblem.NotZip;
        }
        if (s_macroExtensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase))
        {
            return PackageProblem.Macros;
        }
        if (DeclaredEntryCount(bytes) is not { } declared)
        {
            return PackageProblem.NotZip;
        }
        if (declared > limits.MaxEntries)
        {
            return PackageProblem.TooManyEntries;
        }
        return InspectEntries(bytes, limits);
    }

    private static PackageProblem InspectEntries(byte[] bytes, ImportOptions limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var entries = zip.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                return PackageProblem.TooManyEntries;
            }
            long total = 0;
            foreach (var entry in entries)
            {
                total += entry.Length;
                if (entry.Length < 0 || total > limits.MaxUncompressedBytes)
                {
                    return PackageProblem.TooLargeUncompressed;
                }
                if (entry.Length > RatioCheckAbove && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    return PackageProblem.CompressionRatio;
                }
            }
            if (entries.Any(e => e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            {
                return PackageProblem.Macros;
            }
            var contentTypes = entries.FirstOrDefault(e => e.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase));
            if (contentTypes is null || contentTypes.Length > ContentTypesCap)
            {
                return PackageProblem.NotWorkbook;
            }
            var types = ReadContentTypes(contentTypes);
            if (types.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || t.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            {
                return PackageProblem.Macros;
            }
            if (types.Any(t => t.StartsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", StringComparison.OrdinalIgnoreCase)
                || t.StartsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml", StringComparison.OrdinalIgnoreCase)))
            {
                return PackageProblem.None;
            }
            if (types.Any(t => t.Contains("wordprocessingml", StringComparison.OrdinalIgnoreCase)))
            {
                return PackageProblem.WordDocument;
            }
            if (types.Any(t => t.Contains("presentationml", StringComparison.OrdinalIgnoreCase)))
            {
                return PackageProblem.PresentationDocument;
            }
            return PackageProblem.NotWorkbook;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return PackageProblem.NotZip;
        }
    }

    private static List<string> ReadContentTypes(ZipArchiveEntry entry)
    {
        var types = new List<string>();
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = ContentTypesCap });
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute("ContentType") is { } type)
            {
                types.Add(type);
            }
        }
        return types;
    }

    /// <summary>The entry count of the zip's end-of-central-directory record, read before anything is parsed.</summary>
    private static long? DeclaredEntryCount(ReadOnlySpan<byte> bytes)
    {
        // The record is 22 bytes plus a comment of up to 65,535 bytes at the very end.
        var lowest = Math.Max(0, bytes.Length - 22 - 65535);
        for (var i = bytes.Length - 22; i >= lowest; i--)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06)
            {
                var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i + 10)..]);
                // 0xFFFF means the real count is in the Zip64 record; the archive reader then counts them.
                return count;
            }
        }
        return null;
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;
}
