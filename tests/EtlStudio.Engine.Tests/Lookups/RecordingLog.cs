namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>Keeps what a load told the run log, warnings and facts apart.</summary>
internal sealed class RecordingLog : IRunLog
{
    public List<string> Warnings { get; } = [];
    public List<string> Facts { get; } = [];

    public void Warn(string message) => Warnings.Add(message);

    public void Info(string message) => Facts.Add(message);
}
