using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

/// <summary>
/// One user having read one in-app notification. Notifications themselves are never stored — they are computed from
/// the data (<see cref="Figures.Notifications.NotificationService"/>); only the read marks are, keyed by the
/// notification's stable key, which carries the version or time of its fact, so a new fact (a report returned again)
/// has a new key and is unread again.
/// </summary>
public sealed class NotificationRead
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string Key { get; set; } = "";
    public DateTime ReadAt { get; set; }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> builder)
    {
        builder.ToTable("NotificationReads");
        builder.Property(r => r.UserName).HasMaxLength(256);
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.HasIndex(r => new { r.UserName, r.Key }).IsUnique();
    }
}
