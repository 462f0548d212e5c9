namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// Reads an upload into memory while counting, so an oversized file is refused as soon as it passes the limit —
/// whatever size the client claimed — instead of after it has been stored.
/// </summary>
public static class UploadBuffer
{
    private const int ChunkSize = 81920;

    /// <summary>The bytes of the stream, or null as soon as it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(
        Stream source, long maxBytes, IProgress<ImportProgress>? progress = null, long expectedLength = 0, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
            progress?.Report(new ImportProgress(ImportStage.Upload, buffer.Length, Math.Max(expectedLength, buffer.Length)));
        }
        return buffer.ToArray();
    }

    /// <summary>The synchronous form, for streams already in memory or on disk.</summary>
    public static byte[]? ReadLimited(Stream source, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
