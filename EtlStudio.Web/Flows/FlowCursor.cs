using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Engine.Definitions;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>Incremental extraction. <c>Flow.CursorField</c> names a mapped target column (e.g. <c>updated_at</c>); after
/// a run has committed, the largest value loaded into it becomes <c>Flow.CursorValue</c>, and the next run hands that
/// value to its source: a query as parameter <c>@cursor</c> (write <c>WHERE updated_at &gt; @cursor</c>), an HTTP source
/// as the <c>{cursor}</c> placeholder in its path or body. A failed or cancelled run never moves it.</summary>
/// <remarks>Before the first run (or after a reset) the query gets the lowest value of the column's type (numbers: their
/// minimum; dates and times: 1753-01-01, the floor of SQL Server's <c>datetime</c>; text: empty), so the same
/// <c>&gt;</c> condition does a full load; an HTTP placeholder becomes empty.</remarks>
internal sealed class FlowCursor(IDbContextFactory<EtlDbContext> contexts)
{
    private static readonly DateTime Floor = new(1753, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>"Reset cursor": the next run loads everything again. False when the flow does not exist.</summary>
    public async Task<bool> ResetAsync(int flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Flows.Where(f => f.Id == flowId).ExecuteUpdateAsync(s => s.SetProperty(f => f.CursorValue, (string?)null), cancellationToken) > 0;
    }

    /// <summary>Stores the new high-water mark of a committed run.</summary>
    internal async Task SaveAsync(int flowId, string value, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Flows.Where(f => f.Id == flowId).ExecuteUpdateAsync(s => s.SetProperty(f => f.CursorValue, value), cancellationToken);
    }

    /// <summary>Stored (invariant) text of a value loaded into the cursor column.</summary>
    public static string Format(object value) => value switch
    {
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The <c>@cursor</c> parameter value for a column of <paramref name="type"/>.</summary>
    public static object ToParameter(string? stored, ColumnType type)
    {
        var c = CultureInfo.InvariantCulture;
        var has = !string.IsNullOrEmpty(stored);
        return type switch
        {
            ColumnType.Int => has ? int.Parse(stored!, c) : int.MinValue,
            ColumnType.Long => has ? long.Parse(stored!, c) : long.MinValue,
            ColumnType.Decimal => has ? decimal.Parse(stored!, NumberStyles.Number, c) : decimal.MinValue,
            ColumnType.Double => has ? double.Parse(stored!, c) : double.MinValue,
            ColumnType.Date => has ? DateOnly.ParseExact(stored!, "yyyy-MM-dd", c) : DateOnly.FromDateTime(Floor),
            ColumnType.DateTime => has ? DateTime.Parse(stored!, c, DateTimeStyles.RoundtripKind) : Floor,
            ColumnType.DateTimeOffset => has ? DateTimeOffset.Parse(stored!, c, DateTimeStyles.RoundtripKind) : new DateTimeOffset(Floor, TimeSpan.Zero),
            ColumnType.Guid => has ? Guid.Parse(stored!) : Guid.Empty,
            ColumnType.String or ColumnType.Json => stored ?? "",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "A cursor column must be a number, a date/time, text or a uuid."),
        };
    }
}
