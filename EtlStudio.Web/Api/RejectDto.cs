namespace EtlStudio.Web.Api;

/// <summary>A row the run refused: where it came from (file, URL or message), its number, the column, value and why.</summary>
internal sealed record RejectDto(string? Origin, long RowNumber, string? Column, string? Value, string Reason);
