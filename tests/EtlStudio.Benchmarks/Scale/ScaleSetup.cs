namespace EtlStudio.Benchmarks.Scale;

/// <summary>What both scenarios share: the group and the destination connection in the configuration database
/// (<paramref name="Config"/>), and the destination database.</summary>
internal sealed record ScaleSetup(int Group, int Warehouse, string Destination, string Config);
