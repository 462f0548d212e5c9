using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MonevDashboard.Features.Reports;

/// <summary>
/// Reads an async sequence on another thread, at most <c>chunks × chunkSize</c> items ahead of its consumer. The
/// quarterly report uses it so that reading the year's observations from SQLite overlaps with everything else —
/// computing the figures, building the small sheets, writing and compressing the rows — on a second core, while
/// memory stays bounded whatever the size of the year.
/// </summary>
/// <remarks>Dispose it (after reading, or instead of reading) to stop the reader and wait for it.</remarks>
public sealed class ReadAhead<T> : IAsyncDisposable
{
    private readonly Channel<T[]> _chunks;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;

    public ReadAhead(IAsyncEnumerable<T> source, int chunkSize = 1024, int chunks = 64, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _chunks = Channel.CreateBounded<T[]>(new BoundedChannelOptions(chunks) { SingleReader = true, SingleWriter = true });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reader = Task.Run(() => ReadAsync(source, chunkSize, _stop.Token), CancellationToken.None);
    }

    private async Task ReadAsync(IAsyncEnumerable<T> source, int chunkSize, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<T>(chunkSize);
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                chunk.Add(item);
                if (chunk.Count == chunkSize)
                {
                    await _chunks.Writer.WriteAsync([.. chunk], cancellationToken);
                    chunk.Clear();
                }
            }
            if (chunk.Count > 0)
            {
                await _chunks.Writer.WriteAsync([.. chunk], cancellationToken);
            }
            _chunks.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // The consumer sees the reader's failure (or cancellation) when it reaches the missing items.
            _chunks.Writer.TryComplete(ex);
        }
    }

    /// <summary>The items in their order; throws what the reader threw.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in _chunks.Reader.ReadAllAsync(cancellationToken))
        {
            foreach (var item in chunk)
            {
                yield return item;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
