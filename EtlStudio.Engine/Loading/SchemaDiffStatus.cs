namespace EtlStudio.Engine.Loading;

/// <summary>How one name of a <see cref="SchemaPlan"/>'s diff stands between the source, the mapping and the table.</summary>
public enum SchemaDiffStatus
{
    /// <summary>Mapped, in the source (or the source is not known) and in the table with a type that takes the values.</summary>
    Ok,
    /// <summary>A source field no column maps: left out, the run failed, or a column added for it, as the flow's
    /// <see cref="Definitions.UnmappedFieldPolicy"/> says.</summary>
    UnmappedSourceField,
    /// <summary>A mapped source field the source does not have: the run fails unless the column is optional.</summary>
    MappedFieldMissingFromSource,
    /// <summary>A mapped column the table lacks (or the table does not exist): the plan's statements add it.</summary>
    ColumnMissingFromTable,
    /// <summary>A table column no column maps: the loader leaves it to its default (or NULL).</summary>
    TableColumnNotMapped,
    /// <summary>The table has the column, with a type that cannot take the mapped values.</summary>
    TypeMismatch,
}
