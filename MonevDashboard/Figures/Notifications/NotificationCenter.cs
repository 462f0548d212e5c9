using MonevDashboard.Figures;

namespace MonevDashboard.Figures.Notifications;

/// <summary>
/// The notifications of one circuit (scoped), shared by the bell in the top bar and the dashboard's panel so both
/// show the same list and a mark read in one clears the other. Computed when the app opens and on each navigation
/// (the bell asks), and again when the app's one change signal says figures, reports or follow-ups moved
/// (<see cref="FigureChangeFeed"/>: one reader per app instance, so no circuit polls the database).
/// </summary>
public sealed class NotificationCenter : IDisposable
{
    private readonly NotificationService _service;
    private readonly FigureChangeFeed _feed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _subscribed;

    public NotificationCenter(NotificationService service, FigureChangeFeed feed)
    {
        _service = service;
        _feed = feed;
    }

    /// <summary>The last computed list; null until the first load.</summary>
    public NotificationList? Current { get; private set; }

    /// <summary>Raised (on any thread) after the list was recomputed or marked read.</summary>
    public event Action? Changed;

    /// <summary>Recomputes the list, and from then on follows the change signal.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (!_subscribed)
        {
            _subscribed = true;
            _feed.Changed += OnDataChanged;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Current = await _service.GetAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke();
    }

    /// <summary>The list, computing it first if this circuit has none yet.</summary>
    public async Task<NotificationList> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (Current is null)
        {
            await RefreshAsync(cancellationToken);
        }
        return Current!;
    }

    public async Task MarkReadAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        if (notification.IsRead)
        {
            return;
        }
        await _service.MarkReadAsync(notification.Key, cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    public async Task MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        await _service.MarkAllReadAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    private void OnDataChanged(IReadOnlySet<int> years) => _ = RefreshQuietlyAsync();

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A circuit going away or a restarting database: the next navigation computes the list again.
        }
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            _feed.Changed -= OnDataChanged;
        }
        _gate.Dispose();
    }
}
