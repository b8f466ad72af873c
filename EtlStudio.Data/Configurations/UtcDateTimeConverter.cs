using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EtlStudio.Data.Configurations;

/// <summary>Every <see cref="DateTime"/> in the model is UTC. SQLite and SQL Server hand back
/// <see cref="DateTimeKind.Unspecified"/>, and Npgsql refuses non-UTC values for <c>timestamptz</c>; this pins the kind
/// both ways. <see cref="DateTimeOffset"/> is avoided because SQLite cannot order it.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    // Unspecified is taken as UTC already: the application only ever creates UTC times.
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };
}
