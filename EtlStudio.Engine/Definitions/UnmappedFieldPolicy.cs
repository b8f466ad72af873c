namespace EtlStudio.Engine.Definitions;

/// <summary>What a run does with source fields that no column maps (schema drift). A mapped field that is gone is
/// <see cref="ColumnMap.Optional"/>'s business: it fails the run unless the column is optional.</summary>
public enum UnmappedFieldPolicy
{
    /// <summary>Leave them out, as if they were not there.</summary>
    Ignore,
    /// <summary>Fail the run, naming the fields, before anything is loaded.</summary>
    Fail,
    /// <summary>Load them too, as text columns named after the field: the table gains them
    /// (<c>ALTER TABLE … ADD COLUMN</c> in the load's transaction) when it lacks them.</summary>
    AddColumns,
}
