namespace EtlStudio.Benchmarks.Scale;

/// <summary>One measured load: rows, wall seconds as the scenario defines it, and the instances' CPU seconds.</summary>
internal sealed record ScaleSample(long Rows, double WallSeconds, double AppCpuSeconds, string LoadAverage)
{
    public double RowsPerSecond => Rows / WallSeconds;
}
