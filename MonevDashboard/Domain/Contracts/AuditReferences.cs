namespace MonevDashboard.Domain.Contracts;

/// <summary>The names audit keys and values refer to by code: indicator ids, provinces, countries.</summary>
public sealed record AuditReferenceNames(
    IReadOnlyDictionary<int, string> IndicatorCodes,
    IReadOnlyDictionary<string, string> Provinces,
    IReadOnlyDictionary<string, (string NameId, string NameEn)> Countries)
{
    public static AuditReferenceNames Empty { get; } = new(new Dictionary<int, string>(), new Dictionary<string, string>(), new Dictionary<string, (string, string)>());
}

/// <summary>
/// What the audit log needs to know of the records it describes, without knowing them: the reference names (read
/// per call, a few hundred rows, so they are never stale), an indicator's id by its code, and the accounts.
/// </summary>
public interface IAuditReferences
{
    Task<AuditReferenceNames> NamesAsync(CancellationToken cancellationToken = default);

    /// <summary>The id of the indicator with this code; null when there is none.</summary>
    Task<int?> IndicatorIdAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The user names of every account.</summary>
    Task<IReadOnlyList<string>> AccountNamesAsync(CancellationToken cancellationToken = default);
}
