using EtlStudio.Web.Scheduling;


namespace EtlStudio.Web.Tests;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * * *")]
    [InlineData("0 2 * * * * *")]
    [InlineData("0 25 * * *")]
    [InlineData("")]
    public void Rejects_invalid_expressions_with_a_reason(string text)
    {
        Assert.False(CronSchedule.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/5 * * * * *")]
    [InlineData("@weekly")]
    public void Accepts_five_and_six_field_expressions_and_macros(string text) =>
        Assert.True(CronSchedule.TryParse(text, out _, out _));

    [Fact]
    public void Interval_expressions_fire_in_both_halves_of_the_autumn_overlap_in_Amsterdam()
    {
        CronSchedule.TryParse("*/30 2 * * *", out var cron, out _);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var times = CronSchedule.NextOccurrences(cron, zone, new DateTimeOffset(2027, 10, 30, 22, 0, 0, TimeSpan.Zero), 5)
            .Select(t => CronSchedule.Format(t, withSeconds: false, zone));
        Assert.Equal(["2027-10-31 02:00 Europe/Amsterdam (UTC+02:00)", "2027-10-31 02:30 Europe/Amsterdam (UTC+02:00)", "2027-10-31 02:00 Europe/Amsterdam (UTC+01:00)", "2027-10-31 02:30 Europe/Amsterdam (UTC+01:00)", "2027-11-01 02:00 Europe/Amsterdam (UTC+01:00)"], times);
    }

    [Fact]
    public void Fire_times_in_UTC_name_the_zone_once_without_an_offset()
    {
        CronSchedule.TryParse("0 2 * * *", out var cron, out _);
        var next = CronSchedule.NextOccurrences(cron, TimeZoneInfo.Utc, new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero), 1).Single();

        Assert.Equal("2027-01-16 02:00 UTC", CronSchedule.Format(next, withSeconds: false, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Fire_times_west_of_Greenwich_show_a_negative_offset_and_seconds_when_the_expression_has_them()
    {
        CronSchedule.TryParse("15 0 2 * * *", out var cron, out _);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var next = CronSchedule.NextOccurrences(cron, zone, new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero), 1).Single();

        Assert.Equal("2027-01-16 02:00:15 America/New_York (UTC-05:00)", CronSchedule.Format(next, withSeconds: true, zone));
    }
}
