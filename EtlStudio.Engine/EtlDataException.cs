namespace EtlStudio.Engine;

/// <summary>Bad data or a bad request that retrying will not fix. The message names where:
/// origin (file/URL/message), record, column and value as far as they are known.</summary>
public class EtlDataException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> already names the place.</summary>
    public EtlDataException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception with its location parts.</summary>
    public EtlDataException(string reason, string? origin, long? record = null, string? column = null, Exception? inner = null)
        : base(Describe(reason, origin, record, column), inner)
    {
        Origin = origin;
        Record = record;
        Column = column;
    }

    /// <summary>File, URL or message origin.</summary>
    public string? Origin { get; }
    /// <summary>1-based record number.</summary>
    public long? Record { get; }
    /// <summary>Column or field.</summary>
    public string? Column { get; }

    /// <summary>Formats "origin, record N, column C: reason".</summary>
    public static string Describe(string reason, string? origin, long? record, string? column)
    {
        var where = new List<string>(3);
        if (!string.IsNullOrEmpty(origin)) where.Add(origin);
        if (record is not null) where.Add($"record {record}");
        if (!string.IsNullOrEmpty(column)) where.Add($"column '{column}'");
        return where.Count == 0 ? reason : $"{string.Join(", ", where)}: {reason}";
    }
}

/// <summary>The flow's reject threshold was crossed; the run fails and loads nothing more.</summary>
public sealed class RejectThresholdExceededException(string message) : EtlDataException(message);
