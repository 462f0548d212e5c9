using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MonevDashboard.Tests.Support;

/// <summary>Real image files built in code: a solid-colour PNG of any size, a minimal JPEG header.</summary>
public static class TestImages
{
    /// <summary>A valid RGB PNG of <paramref name="width"/> × <paramref name="height"/> in one colour, with a darker border.</summary>
    public static byte[] Png(int width, int height, byte red = 0x1F, byte green = 0x4E, byte blue = 0x79)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(output, "IHDR", header);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                for (var x = 0; x < width; x++)
                {
                    var border = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
                    zlib.Write(border ? [0, 0, 0] : [red, green, blue]);
                }
            }
        }
        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>The start of a baseline JPEG (SOI, APP0, SOF0 with the size): enough for a reader of its kind and size.</summary>
    public static byte[] JpegHeader(int width, int height)
    {
        byte[] app0 = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        var sof = new byte[] { 0xFF, 0xC0, 0x00, 0x11, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(7), (ushort)width);
        return [0xFF, 0xD8, .. app0, .. sof, 0xFF, 0xD9];
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32([.. typeBytes, .. data]));
        output.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
