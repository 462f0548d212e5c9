using System.Diagnostics;

namespace MonevDashboard.Bench;

/// <summary>The timed runs of one side of a comparison and its peak working set.</summary>
internal sealed record Timing(IReadOnlyList<double> Milliseconds, long PeakBytes)
{
    /// <summary>
    /// Untimed runs before the timed ones. The JIT needs a few runs to recompile the hot paths with their profile
    /// (tiered compilation); a long-running server only ever runs that code, so that is what the budgets are about.
    /// </summary>
    public const int WarmUps = 3;

    /// <summary>The median run: a neighbour's burst of load on one run does not move it.</summary>
    public double MedianMilliseconds
    {
        get
        {
            var sorted = Milliseconds.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public static async Task<double> MillisecondsAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
