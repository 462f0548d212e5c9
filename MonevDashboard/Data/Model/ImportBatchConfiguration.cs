using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.HasIndex(b => b.Sha256);
        builder.HasIndex(b => b.ImportedAt);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.HasMany(b => b.Changes).WithOne().HasForeignKey(c => c.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
