namespace MonevDashboard.Domain.Access;

/// <summary>Who is acting: the signed-in user of the request or circuit, or "system" for start-up work.</summary>
public interface ICurrentUser
{
    UserAccess Access { get; }

    string UserName => Access.UserName;
}

/// <summary>The actor for work that no person started (migrations, seeding, the command line without --as).</summary>
public sealed class SystemUser : ICurrentUser
{
    public const string Name = "system";

    public UserAccess Access => UserAccess.System;
}
