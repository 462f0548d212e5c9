using Microsoft.AspNetCore.Diagnostics;

namespace MonevDashboard.Infrastructure;

/// <summary>
/// The reference number a user reads on the error page and an operator finds in the log: the request's
/// TraceIdentifier (also the <c>RequestId</c> of every log line of that request).
/// </summary>
public static class ErrorReference
{
    public static string For(HttpContext context) => context.TraceIdentifier;
}

/// <summary>
/// Logs an unhandled exception once with its reference and lets the exception handler middleware re-execute the
/// error page, which shows the reference and never the exception.
/// </summary>
public sealed class ReferencedExceptionLogger(ILogger<ReferencedExceptionLogger> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The request's own user scope has ended by the time the exception reaches this handler.
        using (logger.BeginScope(new Dictionary<string, object?> { ["User"] = httpContext.User.Identity?.Name ?? "-" }))
        {
            MonevLog.UnhandledError(logger, exception, ErrorReference.For(httpContext), httpContext.Request.Method, httpContext.Request.Path);
        }
        return ValueTask.FromResult(false);
    }
}
