namespace MonevDashboard.Infrastructure;

/// <summary>
/// The events an operator looks for in the log, each with a stable EventId to filter or alert on
/// (1xxx sign-in, 2xxx import, 3xxx quarter locks, 4xxx errors, 5xxx operations).
/// </summary>
public static partial class MonevLog
{
    public const int SignInRefusedId = 1001;
    public const int LockedOutId = 1002;
    public const int ImportCommittedId = 2001;
    public const int QuarterLockedId = 3001;
    public const int QuarterUnlockedId = 3002;
    public const int UnhandledErrorId = 4001;

    [LoggerMessage(EventId = SignInRefusedId, EventName = "SignInRefused", Level = LogLevel.Warning,
        Message = "Sign-in refused for {Email}: {Outcome}")]
    public static partial void SignInRefused(ILogger logger, string email, string outcome);

    [LoggerMessage(EventId = LockedOutId, EventName = "LockedOut", Level = LogLevel.Warning,
        Message = "Account {Email} is locked out after repeated failed sign-ins")]
    public static partial void LockedOut(ILogger logger, string email);

    [LoggerMessage(EventId = ImportCommittedId, EventName = "ImportCommitted", Level = LogLevel.Information,
        Message = "Import batch {BatchId} committed by {User} from {FileName}: inserted={Inserted} updated={Updated} targets={Targets}")]
    public static partial void ImportCommitted(ILogger logger, long batchId, string user, string fileName, int inserted, int updated, int targets);

    [LoggerMessage(EventId = QuarterLockedId, EventName = "QuarterLocked", Level = LogLevel.Information,
        Message = "Quarter {Year} Q{Quarter} locked by {User}")]
    public static partial void QuarterLocked(ILogger logger, int year, int quarter, string user);

    [LoggerMessage(EventId = QuarterUnlockedId, EventName = "QuarterUnlocked", Level = LogLevel.Warning,
        Message = "Quarter {Year} Q{Quarter} unlocked by {User}: {Reason}")]
    public static partial void QuarterUnlocked(ILogger logger, int year, int quarter, string user, string reason);

    [LoggerMessage(EventId = UnhandledErrorId, EventName = "UnhandledError", Level = LogLevel.Error,
        Message = "Unhandled error, reference {Reference}, on {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string reference, string method, string path);

    [LoggerMessage(EventId = 5001, EventName = "DemoAccountsRefused", Level = LogLevel.Critical, Message = "{Message}")]
    public static partial void DemoAccountsRefused(ILogger logger, string message);

    [LoggerMessage(EventId = 5002, EventName = "FirstAdminNeeded", Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void FirstAdminNeeded(ILogger logger, string message);

    [LoggerMessage(EventId = 5003, EventName = "DatabaseNotReady", Level = LogLevel.Warning,
        Message = "Readiness check failed: the database is not reachable or not migrated")]
    public static partial void DatabaseNotReady(ILogger logger, Exception? exception);

    /// <summary>What an e-mail field may put in the log: a sign-in form can be sent anything.</summary>
    public static string Shorten(string value) => value.Length <= 100 ? value : string.Concat(value.AsSpan(0, 100), "…");
}
