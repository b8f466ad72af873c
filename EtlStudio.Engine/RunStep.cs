namespace EtlStudio.Engine;

/// <summary>Pipeline steps, in order.</summary>
public enum RunStep
{
    /// <summary>Reading the source.</summary>
    Extract,
    /// <summary>Parsing documents into records.</summary>
    Parse,
    /// <summary>Converting records to typed rows.</summary>
    Map,
    /// <summary>Writing rows to the destination.</summary>
    Load,
}
