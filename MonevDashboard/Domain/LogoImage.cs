using System.Buffers.Binary;

namespace MonevDashboard.Domain;

/// <summary>What a logo file is, read from its bytes: PNG or JPEG, and its size in pixels.</summary>
public sealed record LogoImageKind(bool IsPng, int Width, int Height)
{
    public string ContentType => IsPng ? "image/png" : "image/jpeg";
}

/// <summary>
/// The rule for the report letterhead's logo images: a PNG or JPEG recognised by its magic bytes (never by the file
/// name or the browser's claimed type), at most <see cref="MaxBytes"/>, with a readable size in pixels (the workbook
/// draws it at the letterhead's height, keeping its proportions).
/// </summary>
public static class LogoImage
{
    public const int MaxBytes = 512 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image's kind and size; null when the bytes are not a PNG or JPEG whose size can be read.</summary>
    public static LogoImageKind? Detect(ReadOnlySpan<byte> bytes)
    {
        // PNG: signature, then the IHDR chunk (length 13, "IHDR", width, height, big-endian).
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual(PngSignature) && bytes[12..16].SequenceEqual("IHDR"u8))
        {
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes[16..20]);
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes[20..24]);
            return width > 0 && height > 0 ? new LogoImageKind(true, width, height) : null;
        }
        // JPEG: SOI (FF D8 FF), then segments up to a start-of-frame (SOF0–SOF15 but DHT C4, JPG C8, DAC CC) holding the size.
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            var at = 2;
            while (at + 4 <= bytes.Length)
            {
                if (bytes[at] != 0xFF)
                {
                    return null;
                }
                var marker = bytes[at + 1];
                if (marker == 0xFF)
                {
                    at++;
                    continue;
                }
                var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    if (at + 9 > bytes.Length)
                    {
                        return null;
                    }
                    var height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]);
                    var width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..]);
                    return width > 0 && height > 0 ? new LogoImageKind(false, width, height) : null;
                }
                if (length < 2)
                {
                    return null;
                }
                at += 2 + length;
            }
        }
        return null;
    }
}
