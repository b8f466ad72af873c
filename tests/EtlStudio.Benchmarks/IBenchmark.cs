namespace EtlStudio.Benchmarks;

/// <summary>A benchmark command. Each lives in its own file; Program finds them by reflection, so adding one
/// touches no other file.</summary>
internal interface IBenchmark
{
    /// <summary>Command name on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs it; returns the process exit code (non-zero when a target is missed).</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
