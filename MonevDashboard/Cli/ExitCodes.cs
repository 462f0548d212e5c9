namespace MonevDashboard.Cli;

/// <summary>
/// The exit codes of every verb (README, "Command line"): a script tells "fix the command or the file" from
/// "something broke" by the code alone.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done, nothing to do, or a clean dry run.</summary>
    public const int Success = 0;

    /// <summary>Any other failure: the database, the disk, a conflict with another writer, a benchmark over budget.</summary>
    public const int Failure = 1;

    /// <summary>A usage error or input the verb refuses (rejected file, weak password, no <c>--reason</c>…): nothing was written.</summary>
    public const int Refused = 2;
}
