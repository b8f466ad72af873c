namespace EtlStudio.Engine.Definitions;

/// <summary>Target column types.</summary>
public enum ColumnType
{
    /// <summary>Text.</summary>
    String,
    /// <summary>32-bit integer.</summary>
    Int,
    /// <summary>64-bit integer.</summary>
    Long,
    /// <summary>decimal(p,s).</summary>
    Decimal,
    /// <summary>Double precision.</summary>
    Double,
    /// <summary>Boolean (true/false, 1/0, yes/no, y/n).</summary>
    Bool,
    /// <summary>Date without time (<see cref="DateOnly"/>).</summary>
    Date,
    /// <summary>Timestamp without zone (<see cref="DateTime"/>).</summary>
    DateTime,
    /// <summary>Timestamp with offset (<see cref="DateTimeOffset"/>); loaded as UTC where the database has no offset.</summary>
    DateTimeOffset,
    /// <summary>UUID.</summary>
    Guid,
    /// <summary>JSON text (validated).</summary>
    Json,
}
