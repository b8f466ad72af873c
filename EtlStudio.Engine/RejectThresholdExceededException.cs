namespace EtlStudio.Engine;

/// <summary>The flow's reject threshold was crossed; the run fails and loads nothing more.</summary>
public sealed class RejectThresholdExceededException(string message) : EtlDataException(message);
