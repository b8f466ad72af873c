namespace EtlStudio.Engine.Definitions;

/// <summary>How a document's bytes become records.</summary>
public sealed record ParseDefinition
{
    /// <summary>Format.</summary>
    public ParseFormat Format { get; init; } = ParseFormat.Csv;

    /// <summary>CSV field delimiter (may be more than one character, e.g. <c>||</c>; <c>\t</c> for tab).</summary>
    public string Delimiter { get; init; } = ",";
    /// <summary>CSV quote character.</summary>
    public char Quote { get; init; } = '"';
    /// <summary>CSV: the first (non-skipped) row names the fields. Without it fields are <c>Column1</c>, <c>Column2</c>…</summary>
    public bool HasHeader { get; init; } = true;
    /// <summary>CSV: a quoted empty field (<c>""</c>, or only white space between the quotes when the column trims)
    /// loads into a String column as an empty string, not null: it is a value, so its column's default does not apply
    /// and a required column takes it. Other column types read it as empty, as before. An unquoted
    /// empty field stays null either way. Off by default: empty is null for every format.</summary>
    public bool EmptyQuotedAsEmptyString { get; init; }
    /// <summary>CSV: a quote inside an unquoted field (<c>5" screen</c>) is read as text. Off by default: the row is
    /// rejected as unbalanced quotes, since a stray quote often means the file's quoting is broken. Text after a
    /// closing quote and a quote that is never closed are errors either way.</summary>
    public bool LenientQuotes { get; init; }
    /// <summary>Lines to skip before the header or first record (CSV). Excel: the first SkipRows rows of the sheet are
    /// never records (titles above the data), whatever <see cref="HeaderRow"/> says.</summary>
    public int SkipRows { get; init; }
    /// <summary>Text encoding name (utf-8, utf-16, windows-1252, iso-8859-1…). A BOM, when present, wins.</summary>
    public string Encoding { get; init; } = "utf-8";
    /// <summary>Culture used by the CSV reader (e.g. for its default delimiter); empty = invariant.</summary>
    public string Culture { get; init; } = "";

    /// <summary>JSON layout.</summary>
    public JsonLayout JsonLayout { get; init; } = JsonLayout.Auto;
    /// <summary>JSON: dotted path to the records array (e.g. <c>data.items</c>); empty = root.</summary>
    public string RecordsPath { get; init; } = "";

    /// <summary>XML: local name of the element that is one record (e.g. <c>order</c>).</summary>
    public string RecordElement { get; init; } = "record";

    /// <summary>Files: glob of the entries read from each <c>.zip</c> archive the file pattern matches, relative to the
    /// archive's root (e.g. <c>*.csv</c>, <c>exports/**/*.csv</c>); each entry is one document named
    /// <c>archive.zip!folder/entry.csv</c>. Gzip files need nothing: they are recognised by their first bytes.</summary>
    public string ArchiveEntries { get; init; } = "**/*";
    /// <summary>Excel: the sheet to read, by name or 1-based position (a sheet whose name is the number wins); empty =
    /// the first sheet; <c>*</c> = every worksheet of the workbook in order, as one source.</summary>
    public string Sheet { get; init; } = "";
    /// <summary>Excel: 1-based row that names the fields; rows above it are skipped. 0 = no header row: fields are
    /// <c>Column1</c>, <c>Column2</c>… by column position.</summary>
    public int HeaderRow { get; init; } = 1;
}
