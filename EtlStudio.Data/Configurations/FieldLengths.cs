namespace EtlStudio.Data.Configurations;

/// <summary>Column sizes of the configuration model, for forms that validate before saving.
/// Text that users write at length (queries, bodies, JSON settings, errors) is unbounded.</summary>
public static class FieldLengths
{
    /// <summary>Names users choose: groups, flows, connections, steps, artifacts.</summary>
    public const int Name = 200;
    /// <summary>Target column and cursor field names.</summary>
    public const int Column = 200;
    /// <summary>Enums stored as their names.</summary>
    public const int Enum = 32;
    /// <summary>A query partition bound: a number, date or timestamp as text.</summary>
    public const int Bound = 64;
    /// <summary>Table name, optionally schema-qualified.</summary>
    public const int Table = 300;
    /// <summary>File paths, globs, URLs and staging locations.</summary>
    public const int Path = 2048;
    /// <summary>Kafka topic (Kafka's own limit is 249).</summary>
    public const int Topic = 249;
    /// <summary>Kafka consumer group.</summary>
    public const int ConsumerGroup = 255;
    /// <summary>User names as recorded in runs and audit entries.</summary>
    public const int User = 200;
    /// <summary>Short free text: descriptions, default values, key column lists.</summary>
    public const int Description = 2000;
    /// <summary>CRON expression.</summary>
    public const int Cron = 120;
    /// <summary>IANA time zone id.</summary>
    public const int TimeZone = 100;
    /// <summary>Parse formats and culture names of a column.</summary>
    public const int Format = 100;
    /// <summary>A computed column's expression or a flow's row filter.</summary>
    public const int Expression = 4000;
}
