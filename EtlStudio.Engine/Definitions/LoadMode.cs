namespace EtlStudio.Engine.Definitions;

/// <summary>How rows are written.</summary>
public enum LoadMode
{
    /// <summary>Insert rows.</summary>
    Append,
    /// <summary>Replace the table's rows atomically: on failure the old rows stay.</summary>
    TruncateReplace,
    /// <summary>Insert or update on <see cref="DestinationDefinition.KeyColumns"/>.</summary>
    Upsert,
}
