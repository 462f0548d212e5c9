using MonevDashboard.Features.Auth;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>The cookie keys' folder is readable by the app's own user only.</summary>
public sealed class KeysFolderTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("monev-keys-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void ANewKeysFolderIsCreatedOwnerOnlyAndAnOpenOneIsTightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var fresh = Path.Combine(_parent, "keys");
        var open = Path.Combine(_parent, "old-keys");
        Directory.CreateDirectory(open, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        WebEdges.CreateKeysFolder(fresh);
        WebEdges.CreateKeysFolder(open);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(fresh));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(open));
    }
}
