namespace EtlStudio.Engine.Definitions;

/// <summary>What happens to the files an SFTP source read once the run's load has committed.</summary>
public enum AfterLoadAction
{
    /// <summary>The files stay where they are (the default).</summary>
    Keep,

    /// <summary>The files the run read are deleted from the server.</summary>
    Delete,

    /// <summary>The files the run read are moved into <see cref="FileSourceDefinition.AfterLoadFolder"/> on the same server.</summary>
    Move,
}
