using EtlStudio.Web.Scheduling;


namespace EtlStudio.Web.Tests;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Amsterdam", "Europe/Amsterdam")]
    [InlineData(" europe/amsterdam ", "Europe/Amsterdam")]
    [InlineData("UTC", "UTC")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    public void Resolves_to_the_stored_IANA_id(string typed, string stored)
    {
        Assert.True(TimeZones.TryFind(typed, out var zone, out _));
        Assert.Equal(stored, TimeZones.IanaId(zone));
    }

    [Theory]
    [InlineData("Europe/Atlantis")]
    [InlineData("CEST")]
    [InlineData("")]
    public void Unknown_zones_are_rejected_with_a_message(string typed)
    {
        Assert.False(TimeZones.TryFind(typed, out _, out var error));
        Assert.NotEmpty(error);
    }
}
