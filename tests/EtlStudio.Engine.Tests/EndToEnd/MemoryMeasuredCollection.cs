using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Tests that measure the process's memory run alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class MemoryMeasuredCollection;
