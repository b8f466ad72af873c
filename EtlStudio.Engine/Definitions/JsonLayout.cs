namespace EtlStudio.Engine.Definitions;

/// <summary>JSON layouts.</summary>
public enum JsonLayout
{
    /// <summary>Detect: a document starting with <c>[</c> or <c>{</c> followed by records at <see cref="ParseDefinition.RecordsPath"/>; otherwise NDJSON.</summary>
    Auto,
    /// <summary>Records in an array (at <see cref="ParseDefinition.RecordsPath"/>, or the root).</summary>
    Array,
    /// <summary>One JSON value per line.</summary>
    Ndjson,
}
