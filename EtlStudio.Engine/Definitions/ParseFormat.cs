namespace EtlStudio.Engine.Definitions;

/// <summary>Document formats.</summary>
public enum ParseFormat
{
    /// <summary>CSV / delimited text.</summary>
    Csv,
    /// <summary>JSON: an array, NDJSON, or records at a path.</summary>
    Json,
    /// <summary>XML: one record per record element.</summary>
    Xml,
    /// <summary>Excel workbook (.xlsx): one record per row of a sheet, or of every sheet.</summary>
    Excel,
    /// <summary>Apache Parquet: one record per row, read row group by row group; nested fields by dotted path.</summary>
    Parquet,
}
