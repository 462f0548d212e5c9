using Microsoft.EntityFrameworkCore;

namespace MonevDashboard.Data;

/// <summary>How a person is named to other people: the account's display name, or the account itself when it has none.</summary>
public static class AccountNames
{
    /// <summary>The display names of <paramref name="accounts"/> (user names) in one query; an account without one is not in the result.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(MonevDbContext db, IEnumerable<string> accounts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = accounts.Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        return await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.UserName!) && u.DisplayName != "")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
    }

    /// <summary>The name shown for <paramref name="account"/> given the names <see cref="DisplayNamesAsync"/> found.</summary>
    public static string Shown(IReadOnlyDictionary<string, string> names, string account) => names.GetValueOrDefault(account) ?? account;
}
