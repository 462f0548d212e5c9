using System.Diagnostics;
using System.Runtime;

namespace MonevDashboard.Bench;

/// <summary>
/// The highest working set of the process while one part of the benchmark runs. On Linux the kernel's own high-water
/// mark (VmHWM, <see cref="Process.PeakWorkingSet64"/>) is reset at the start of the part by writing 5 to
/// /proc/self/clear_refs, so the peak is exact; a sampler every 5 ms backs it up where that reset is not allowed.
/// Garbage left by the previous part is collected first, so one part's peak does not carry the last one's heap.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Thread _sampler;
    private readonly bool _kernelReset;
    private volatile bool _stopped;
    private long _sampled;

    private PeakMemory()
    {
        _kernelReset = TryResetHighWaterMark();
        _sampled = Environment.WorkingSet;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "bench memory sampler", Priority = ThreadPriority.AboveNormal };
        _sampler.Start();
    }

    public static PeakMemory Start()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new PeakMemory();
    }

    /// <summary>The peak so far, in bytes.</summary>
    public long PeakBytes
    {
        get
        {
            var sampled = Interlocked.Read(ref _sampled);
            if (!_kernelReset)
            {
                return sampled;
            }
            using var process = Process.GetCurrentProcess();
            return Math.Max(sampled, process.PeakWorkingSet64);
        }
    }

    public static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    private void Sample()
    {
        while (!_stopped)
        {
            var now = Environment.WorkingSet;
            if (now > Interlocked.Read(ref _sampled))
            {
                Interlocked.Exchange(ref _sampled, now);
            }
            Thread.Sleep(5);
        }
    }

    private static bool TryResetHighWaterMark()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _sampler.Join();
    }
}
