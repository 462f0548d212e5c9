using System.Collections.Concurrent;

namespace MonevDashboard.Data;

/// <summary>A long write that holds (or is about to hold) the database's write lock: an import being committed.</summary>
public sealed record LongWrite(string Description, string UserName, DateTime StartedAtUtc);

/// <summary>
/// The long writes running in this process, so an interactive save can say at once that an import is running
/// instead of waiting for SQLite's write lock. Writes from another process (the <c>import</c> verb) are not known
/// here; the interactive save's short busy timeout covers them.
/// </summary>
public sealed class LongWrites(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, LongWrite> _running = new();

    /// <summary>Registers a long write until the returned handle is disposed.</summary>
    public IDisposable Begin(string description, string userName)
    {
        var id = Guid.NewGuid();
        _running[id] = new LongWrite(description, userName, clock.GetUtcNow().UtcDateTime);
        return new Registration(() => _running.TryRemove(id, out _));
    }

    /// <summary>The oldest long write still running, or null.</summary>
    public LongWrite? Current => _running.Values.OrderBy(w => w.StartedAtUtc).FirstOrDefault();

    private sealed class Registration(Action end) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                end();
            }
        }
    }
}
