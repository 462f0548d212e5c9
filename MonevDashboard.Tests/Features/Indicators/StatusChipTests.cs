using Bunit;
using MonevDashboard.Components.Shared;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

public sealed class StatusChipTests : MonevTestContext
{
    [Theory]
    [InlineData(AchievementStatus.OnTrack, "status-ontrack", "Tercapai")]
    [InlineData(AchievementStatus.NeedsAttention, "status-attention", "Perlu perhatian")]
    [InlineData(AchievementStatus.Critical, "status-critical", "Kritis")]
    [InlineData(AchievementStatus.NoTarget, "status-notarget", "Tanpa target")]
    [InlineData(AchievementStatus.NoData, "status-nodata", "Belum ada data")]
    public void ChipShowsColourAndIndonesianLabelForEachStatus(AchievementStatus status, string cssClass, string label)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));

        var element = chip.Find(".status-chip");
        Assert.Contains(cssClass, element.ClassList);
        Assert.Equal(label, element.TextContent.Trim());
    }
}
