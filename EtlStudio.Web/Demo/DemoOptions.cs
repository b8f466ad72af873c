namespace EtlStudio.Web.Demo;

/// <summary>Section <c>Demo</c>.</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary><c>Demo:Seed</c> (default true): on a database without groups, create the demo connections, group and flow.</summary>
    public bool Seed { get; set; } = true;
}
