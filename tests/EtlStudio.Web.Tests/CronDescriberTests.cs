using EtlStudio.Web.Scheduling;


namespace EtlStudio.Web.Tests;

public sealed class CronDescriberTests
{
    [Theory]
    [InlineData("30 2 * * *", "At 02:30, every day")]
    [InlineData("0 2 * * *", "At 02:00, every day")]
    [InlineData("*/15 * * * *", "Every 15 minutes")]
    [InlineData("0 6 * * 1-5", "At 06:00 on Monday through Friday")]
    [InlineData("0 6 * * MON-FRI", "At 06:00 on Monday through Friday")]
    [InlineData("* * * * *", "Every minute")]
    [InlineData("0 * * * *", "Every hour")]
    [InlineData("15 * * * *", "At 15 minutes past the hour")]
    [InlineData("0 */2 * * *", "Every 2 hours")]
    [InlineData("0 8-17 * * *", "Every hour, between 08:00 and 17:59")]
    [InlineData("*/5 8-17 * * 1-5", "Every 5 minutes, between 08:00 and 17:59 on Monday through Friday")]
    [InlineData("0 8,12,17 * * *", "At 08:00, 12:00 and 17:00, every day")]
    [InlineData("0,30 9 * * *", "At 09:00 and 09:30, every day")]
    [InlineData("0 0 1 * *", "At 00:00 on day 1 of the month")]
    [InlineData("0 0 L * *", "At 00:00 on the last day of the month")]
    [InlineData("0 0 1,15 * *", "At 00:00 on days 1 and 15 of the month")]
    [InlineData("0 3 * * 0", "At 03:00 on Sunday")]
    [InlineData("0 3 * * 7", "At 03:00 on Sunday")]
    [InlineData("0 3 * * 1,3,5", "At 03:00 on Monday, Wednesday and Friday")]
    [InlineData("0 0 1 1 *", "At 00:00 on day 1 of the month in January")]
    [InlineData("0 4 * 1-3 *", "At 04:00, every day in January through March")]
    [InlineData("@daily", "At 00:00, every day")]
    [InlineData("@hourly", "Every hour")]
    [InlineData("*/10 * * * * *", "Every 10 seconds")]
    [InlineData("* * * * * *", "Every second")]
    [InlineData("15 30 2 * * *", "At 02:30:15, every day")]
    [InlineData("0 30 2 * * *", "At 02:30, every day")]
    public void Describes_common_shapes_in_words(string expression, string expected) =>
        Assert.Equal(expected, CronDescriber.Describe(expression));

    [Theory]
    [InlineData("0 9 * * 5L", "Minute 0, hour 9, every day-of-month, every month, day-of-week 5L")]
    [InlineData("0 9 1 * 1", "Minute 0, hour 9, day-of-month 1, every month, day-of-week 1")]
    [InlineData("5/10 1-3 * * *", "Minute 5/10, hour 1-3, every day-of-month, every month, every day-of-week")]
    [InlineData("0 9 15W * *", "Minute 0, hour 9, day-of-month 15W, every month, every day-of-week")]
    [InlineData("0 0 9 * * MON#2", "Second 0, minute 0, hour 9, every day-of-month, every month, day-of-week MON#2")]
    public void Falls_back_to_a_field_by_field_description_for_other_shapes(string expression, string expected) =>
        Assert.Equal(expected, CronDescriber.Describe(expression));

    [Theory]
    [InlineData("")]
    [InlineData("not a cron")]
    [InlineData("1 2 3")]
    [InlineData("a b c d e")]
    public void Never_throws_on_text_that_is_not_an_expression(string text) =>
        Assert.NotNull(CronDescriber.Describe(text));
}
