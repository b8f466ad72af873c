namespace EtlStudio.Web.Flows;

/// <summary>An uploaded sample file standing in for the source.</summary>
public sealed record SampleFile(string Name, byte[] Content);
