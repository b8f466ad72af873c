namespace EtlStudio.Benchmarks.Scale;

/// <summary>What both scenarios share in the configuration database: the group and the destination connection.</summary>
internal sealed record ScaleSetup(int Group, int Warehouse, string Destination);
