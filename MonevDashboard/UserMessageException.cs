namespace MonevDashboard;

/// <summary>
/// An expected refusal (no permission, locked quarter, invalid step, bad input). Its message is written for the
/// user in the UI language; pages show it as it is, and nothing was written.
/// </summary>
public class UserMessageException(string message) : Exception(message);
