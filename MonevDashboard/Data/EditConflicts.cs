using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Components.Localization;
namespace MonevDashboard.Data;

/// <summary>
/// Someone else saved the same record after the user loaded it, so nothing was written. Carries what is stored now
/// (and who saved it, when, where known) so the page can show it next to the user's input, which it keeps.
/// </summary>
public sealed class EditConflictException(string message, string currentValue, string? changedBy, DateTime? changedAt)
    : UserMessageException(message)
{
    /// <summary>The stored value now, as the user reads it (the fields that differ from what the user tried to save).</summary>
    public string CurrentValue { get; } = currentValue;

    public string? ChangedBy { get; } = changedBy;

    public DateTime? ChangedAt { get; } = changedAt;
}

/// <summary>
/// The one place a lost update becomes a message. Services compare the version the user loaded with the stored one
/// (and let EF's concurrency token catch a save that slips in between); either way the user is told who changed the
/// record, when, and what it holds now. Records without their own who/when stamp take them from the audit log,
/// which has an entry for every save.
/// </summary>
public sealed class EditConflicts(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>
    /// A save that lost a race: the row changed under the concurrency token, or a row the user created was created
    /// by someone else first (a unique or primary key already taken).
    /// </summary>
    public static bool IsLostRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || DatabaseDialect.IsUniqueViolation(exception);

    /// <summary>Makes the update of <paramref name="entity"/> succeed only if its stored version is still <paramref name="loadedVersion"/>.</summary>
    public static void ExpectVersion<T>(MonevDbContext db, T entity, int loadedVersion) where T : class =>
        db.Entry(entity).Property("Version").OriginalValue = loadedVersion;

    /// <summary>The last save of a record in the audit log: who and when (null when it has none).</summary>
    public static async Task<(string? By, DateTime? At)> LastChangeAsync(
        MonevDbContext db, string entityType, string entityKey, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityKey == entityKey)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.UserName, a.At })
            .FirstOrDefaultAsync(cancellationToken);
        return (last?.UserName, last?.At);
    }

    /// <summary>"Label: value; Label: value" of the given fields.</summary>
    public static string Describe(IEnumerable<(string Label, string Value)> fields) =>
        string.Join("; ", fields.Select(f => $"{f.Label}: {f.Value}"));

    /// <summary>The stored fields that differ from what the user tried to save (the ones the user would overwrite).</summary>
    public static IReadOnlyList<(string Label, string Value)> Differences(IEnumerable<(string Label, string Stored, string Yours)> fields) =>
        [.. fields.Where(f => f.Stored != f.Yours).Select(f => (f.Label, f.Stored))];

    /// <summary>Text as shown in a conflict message: quoted, long text shortened, empty as a dash.</summary>
    public static string Quote(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return "–";
        }
        return trimmed.Length <= 160 ? $"“{trimmed}”" : $"“{trimmed[..157]}…”";
    }

    /// <summary>The refusal for <paramref name="what"/> (e.g. "Indikator P1-X"), with who/when from the audit log.</summary>
    public async Task<EditConflictException> ConflictAsync(MonevDbContext db, string what, string entityType, string entityKey,
        string currentValue, CancellationToken cancellationToken = default)
    {
        var (by, at) = await LastChangeAsync(db, entityType, entityKey, cancellationToken);
        return Conflict(what, currentValue, by, at);
    }

    /// <summary>The refusal for <paramref name="what"/> when the record carries its own who/when stamp.</summary>
    public EditConflictException Conflict(string what, string currentValue, string? by, DateTime? at)
    {
        var message = !string.IsNullOrEmpty(by) && at is { } when
            ? localizer["Conflict.ChangedBy", what, by, FigureFormatter.DateTimeWib(when), currentValue]
            : localizer["Conflict.Changed", what, currentValue];
        return new EditConflictException(message, currentValue, by, at);
    }
}
