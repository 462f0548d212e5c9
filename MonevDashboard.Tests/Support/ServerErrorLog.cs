using Microsoft.Extensions.Logging;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// The errors every test app instance logs, appended to one file so that a browser test failing on an error boundary
/// ("Bagian halaman ini tidak dapat ditampilkan") can be explained afterwards: <c>.ci/run</c> points
/// <see cref="PathVariable"/> into its results folder and prints the file when a pass fails. Without the variable the
/// file is in the temporary folder.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    public const string PathVariable = "MONEV_TEST_SERVER_LOG";

    private static readonly Lock Gate = new();

    public static string FilePath { get; } =
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "monev-test-server-errors.log");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var entry = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}{Environment.NewLine}";
            lock (Gate)
            {
                File.AppendAllText(FilePath, entry);
            }
        }
    }
}
