using EtlStudio.Engine.Definitions;

namespace EtlStudio.Data.Entities;

/// <summary>The shape of <see cref="Flow.ParseOptions"/>: the stored JSON's own record, mapped to and from the engine's
/// <see cref="ParseDefinition"/> by hand, so renaming an engine property is not a migration. The format itself is
/// <see cref="Flow.ParseFormat"/>; a <c>format</c> in older JSON is read and ignored.</summary>
public sealed record StoredParseOptions
{
    public ParseFormat Format { get; init; } = ParseFormat.Csv;
    public string Delimiter { get; init; } = ",";
    public char Quote { get; init; } = '"';
    public bool HasHeader { get; init; } = true;
    public bool EmptyQuotedAsEmptyString { get; init; }
    public bool LenientQuotes { get; init; }
    public int SkipRows { get; init; }
    public string Encoding { get; init; } = "utf-8";
    public string Culture { get; init; } = "";
    public JsonLayout JsonLayout { get; init; } = JsonLayout.Auto;
    public string RecordsPath { get; init; } = "";
    public string RecordElement { get; init; } = "record";
    public string ArchiveEntries { get; init; } = "**/*";
    public string Sheet { get; init; } = "";
    public int HeaderRow { get; init; } = 1;

    public static StoredParseOptions From(ParseDefinition parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new()
        {
            Format = parse.Format,
            Delimiter = parse.Delimiter,
            Quote = parse.Quote,
            HasHeader = parse.HasHeader,
            EmptyQuotedAsEmptyString = parse.EmptyQuotedAsEmptyString,
            LenientQuotes = parse.LenientQuotes,
            SkipRows = parse.SkipRows,
            Encoding = parse.Encoding,
            Culture = parse.Culture,
            JsonLayout = parse.JsonLayout,
            RecordsPath = parse.RecordsPath,
            RecordElement = parse.RecordElement,
            ArchiveEntries = parse.ArchiveEntries,
            Sheet = parse.Sheet,
            HeaderRow = parse.HeaderRow,
        };
    }

    /// <summary>The engine's definition, in <paramref name="format"/> (the flow's <see cref="Flow.ParseFormat"/>).</summary>
    public ParseDefinition ToDefinition(ParseFormat format) => new()
    {
        Format = format,
        Delimiter = Delimiter,
        Quote = Quote,
        HasHeader = HasHeader,
        EmptyQuotedAsEmptyString = EmptyQuotedAsEmptyString,
        LenientQuotes = LenientQuotes,
        SkipRows = SkipRows,
        Encoding = Encoding,
        Culture = Culture,
        JsonLayout = JsonLayout,
        RecordsPath = RecordsPath,
        RecordElement = RecordElement,
        ArchiveEntries = ArchiveEntries,
        Sheet = Sheet,
        HeaderRow = HeaderRow,
    };
}
