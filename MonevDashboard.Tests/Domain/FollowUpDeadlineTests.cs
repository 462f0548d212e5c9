namespace MonevDashboard.Tests.Domain;

public sealed class FollowUpDeadlineTests
{
    private static readonly DateOnly s_due = new(2026, 9, 30);
    private static readonly DateOnly s_today = new(2026, 11, 28);

    [Fact]
    public void AFollowUpDoneAfterItsDueDateIsLateByTheDaysPastIt()
    {
        Assert.Equal(5, FollowUpDeadline.DaysLate(s_due, ActionItemStatus.Done, new DateOnly(2026, 10, 5), s_today));
        Assert.False(FollowUpDeadline.IsOverdue(s_due, ActionItemStatus.Done, s_today));
        Assert.False(FollowUpDeadline.IsDoneOnTime(s_due, ActionItemStatus.Done, new DateOnly(2026, 10, 5)));
    }

    [Fact]
    public void AFollowUpDoneByItsDueDateIsOnTime()
    {
        Assert.Null(FollowUpDeadline.DaysLate(s_due, ActionItemStatus.Done, s_due, s_today));
        Assert.True(FollowUpDeadline.IsDoneOnTime(s_due, ActionItemStatus.Done, s_due));
    }

    [Fact]
    public void AnOpenFollowUpPastItsDueDateIsOverdueUntilToday()
    {
        Assert.True(FollowUpDeadline.IsOverdue(s_due, ActionItemStatus.InProgress, s_today));
        Assert.Equal(59, FollowUpDeadline.DaysLate(s_due, ActionItemStatus.InProgress, null, s_today));
        Assert.Null(FollowUpDeadline.DaysLate(s_today.AddDays(1), ActionItemStatus.Open, null, s_today));
        Assert.False(FollowUpDeadline.IsOverdue(s_today, ActionItemStatus.Open, s_today));
    }
}
