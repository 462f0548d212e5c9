namespace MonevDashboard;

/// <summary>
/// An expected refusal (no permission, locked quarter, invalid step, bad input). Its message is written for the
/// user in the UI language; pages show it as it is, and nothing was written.
/// </summary>
public class UserMessageException(string message) : Exception(message);

/// <summary>
/// The short reference of an unexpected failure, e.g. "A1B2C3D4": the user reads it in place of the exception, and
/// the log holds the exception under it, so an operator finds the one from the other.
/// </summary>
public static class UnexpectedErrorReference
{
    public static string New() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
