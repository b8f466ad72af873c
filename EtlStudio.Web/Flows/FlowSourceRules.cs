using System.Text;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Flows;

/// <summary>The source half of <see cref="FlowForm.Validate"/>: which settings a source connection's kind needs.</summary>
internal static class FlowSourceRules
{
    /// <summary>Kinds a flow can query and load into.</summary>
    public static bool IsDatabase(ConnectionKind kind) =>
        kind is ConnectionKind.SqlServer or ConnectionKind.PostgreSql or ConnectionKind.Oracle or ConnectionKind.Sqlite;

    /// <summary>Kinds whose flows read files matching a glob in a folder or container.</summary>
    public static bool IsFiles(ConnectionKind kind) => kind is ConnectionKind.LocalFolder or ConnectionKind.AzureBlob or ConnectionKind.Sftp;

    public static void Validate(FlowForm form, ConnectionKind? kind, Dictionary<string, string> errors)
    {
        if (form.SourceConnectionId is null) errors[nameof(FlowForm.SourceConnectionId)] = "Choose the source connection.";
        else if (kind is null) errors[nameof(FlowForm.SourceConnectionId)] = $"No connection with id {form.SourceConnectionId}.";
        if (form.SourcePath?.Trim().Length > FieldLengths.Path) errors[nameof(FlowForm.SourcePath)] = FlowForm.TooLong(FieldLengths.Path);
        switch (kind)
        {
            case { } files when IsFiles(files):
                if (PathProblem(form.SourcePath) is { } pathProblem) errors[nameof(FlowForm.SourcePath)] = pathProblem;
                ValidateArchiveEntries(form.Parse, errors);
                ValidateParse(form.Parse, errors);
                break;
            case ConnectionKind.Http:
                ValidateHttp(form, errors);
                ValidateParse(form.Parse, errors);
                break;
            case ConnectionKind.Kafka:
                if (KafkaTopic.Problem(form.SourceTopic?.Trim() ?? "") is { } topicProblem)
                {
                    errors[nameof(FlowForm.SourceTopic)] = topicProblem;
                }
                ValidateParse(form.Parse, errors);
                break;
            case { } database when IsDatabase(database):
                if (string.IsNullOrWhiteSpace(form.SourceQuery)) errors[nameof(FlowForm.SourceQuery)] = "Enter the SELECT statement that reads the source rows.";
                break;
        }
        ValidateAfterLoad(form, kind, errors);
    }

    /// <summary>Delete or move after the load: SFTP sources only; a move needs its folder.</summary>
    private static void ValidateAfterLoad(FlowForm form, ConnectionKind? kind, Dictionary<string, string> errors)
    {
        if (!Enum.IsDefined(form.AfterLoad)) errors[nameof(FlowForm.AfterLoad)] = $"Unknown after-load action '{form.AfterLoad}': Keep, Delete or Move.";
        else if (form.AfterLoad != AfterLoadAction.Keep && kind is { } source && source != ConnectionKind.Sftp)
        {
            errors[nameof(FlowForm.AfterLoad)] = $"Deleting or moving the files after the load is for SFTP sources; this flow reads from a {source} connection. Choose Keep.";
        }
        if (form.AfterLoad != AfterLoadAction.Move) return;
        var folder = form.AfterLoadFolder?.Trim() ?? "";
        if (folder.Length == 0) errors[nameof(FlowForm.AfterLoadFolder)] = "Enter the folder to move the files to, e.g. done or /archive/orders.";
        else if (folder.Length > FieldLengths.Path) errors[nameof(FlowForm.AfterLoadFolder)] = FlowForm.TooLong(FieldLengths.Path);
        else if (folder is "." or "./") errors[nameof(FlowForm.AfterLoadFolder)] = "Moving the files into the folder they are read from would rename them in place: enter another folder, e.g. done.";
        else if (folder.Split('/').Contains("..")) errors[nameof(FlowForm.AfterLoadFolder)] = "A folder on the server, relative to the connection's folder or starting with /; '..' is not allowed.";
    }

    /// <summary>Why <paramref name="glob"/> is not a file pattern inside a connection's folder or container; null when it is.</summary>
    public static string? PathProblem(string? glob) =>
        glob is not null && (Path.IsPathRooted(glob.Trim()) || glob.Split('/', '\\').Contains(".."))
            ? "A file pattern relative to the connection's folder or container (e.g. in/*.csv); '..' and absolute paths are not allowed."
            : null;

    /// <summary>The glob of the entries read from <c>.zip</c> archives: relative to the archive's root, like the file pattern.</summary>
    public static void ValidateArchiveEntries(ParseDefinition parse, Dictionary<string, string> errors)
    {
        var key = $"{nameof(FlowForm.Parse)}.{nameof(ParseDefinition.ArchiveEntries)}";
        if (string.IsNullOrWhiteSpace(parse.ArchiveEntries)) errors[key] = "Enter the entries to read from .zip archives, e.g. * or *.csv.";
        else if (parse.ArchiveEntries.Trim().Length > FieldLengths.Path) errors[key] = FlowForm.TooLong(FieldLengths.Path);
        else if (PathProblem(parse.ArchiveEntries) is not null) errors[key] = "A pattern relative to the archive's root (e.g. exports/*.csv); '..' and absolute paths are not allowed.";
    }

    private static void ValidateHttp(FlowForm form, Dictionary<string, string> errors)
    {
        var method = form.HttpMethod?.Trim().ToUpperInvariant();
        if (method is not (null or "" or "GET" or "POST")) errors[nameof(FlowForm.HttpMethod)] = "GET or POST.";
        var badHeader = form.HttpHeaders.Keys.FirstOrDefault(h => h.Length == 0 || !h.All(IsTokenChar));
        if (badHeader is not null) errors[nameof(FlowForm.HttpHeaders)] = $"'{badHeader}' is not a valid HTTP header name.";
        else if (form.HttpHeaders.Values.Any(v => v.Contains('\r', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal)))
        {
            errors[nameof(FlowForm.HttpHeaders)] = "Header values cannot contain line breaks.";
        }
        var paging = form.HttpPagination;
        var key = nameof(FlowForm.HttpPagination);
        if (!Enum.IsDefined(paging.Kind)) errors[$"{key}.{nameof(HttpPagination.Kind)}"] = $"Unknown pagination '{paging.Kind}'.";
        if (paging.Kind == PaginationKind.NextLinkInBody && string.IsNullOrWhiteSpace(paging.NextLinkPath))
        {
            errors[$"{key}.{nameof(HttpPagination.NextLinkPath)}"] = "Enter the JSON path of the next link, e.g. links.next.";
        }
        if (paging.Kind == PaginationKind.OffsetLimit && paging.PageSize is null) errors[$"{key}.{nameof(HttpPagination.PageSize)}"] = "Offset/limit paging needs a page size.";
        if (paging.PageSize is < 1) errors[$"{key}.{nameof(HttpPagination.PageSize)}"] = "At least 1.";
        if (paging.MaxPages < 1) errors[$"{key}.{nameof(HttpPagination.MaxPages)}"] = "At least 1.";
        if (paging.Kind == PaginationKind.PageNumber && string.IsNullOrWhiteSpace(paging.PageParameter))
        {
            errors[$"{key}.{nameof(HttpPagination.PageParameter)}"] = "Enter the page number's query parameter.";
        }
        if (paging.Kind == PaginationKind.OffsetLimit && (string.IsNullOrWhiteSpace(paging.OffsetParameter) || string.IsNullOrWhiteSpace(paging.LimitParameter)))
        {
            errors[$"{key}.{nameof(HttpPagination.OffsetParameter)}"] = "Enter the offset and limit query parameters.";
        }
    }

    /// <summary>Rows in an Excel sheet, and the longest sheet name Excel allows.</summary>
    private const int MaxExcelRows = 1_048_576, MaxSheetName = 31;

    private static void ValidateParse(ParseDefinition parse, Dictionary<string, string> errors) => ValidateParse(parse, nameof(FlowForm.Parse), errors);

    /// <summary>Adds the problems of parse options to <paramref name="errors"/> under <c>{key}.{Property}</c>.</summary>
    public static void ValidateParse(ParseDefinition parse, string key, IDictionary<string, string> errors)
    {
        if (!Enum.IsDefined(parse.Format)) errors[$"{key}.{nameof(ParseDefinition.Format)}"] = $"Unknown format '{parse.Format}'.";
        if (parse.Format == ParseFormat.Csv && string.IsNullOrEmpty(parse.Delimiter)) errors[$"{key}.{nameof(ParseDefinition.Delimiter)}"] = "Enter the field delimiter, e.g. , or ; or \\t.";
        if (parse.SkipRows < 0) errors[$"{key}.{nameof(ParseDefinition.SkipRows)}"] = "0 or more.";
        if (!IsKnownEncoding(parse.Encoding)) errors[$"{key}.{nameof(ParseDefinition.Encoding)}"] = $"Unknown encoding '{parse.Encoding}'. Use e.g. utf-8, utf-16, windows-1252 or iso-8859-1.";
        if (!string.IsNullOrWhiteSpace(parse.Culture) && !ColumnMappingForm.IsKnownCulture(parse.Culture.Trim()))
        {
            errors[$"{key}.{nameof(ParseDefinition.Culture)}"] = $"Unknown culture '{parse.Culture.Trim()}'.";
        }
        if (parse.Format == ParseFormat.Xml && string.IsNullOrWhiteSpace(parse.RecordElement))
        {
            errors[$"{key}.{nameof(ParseDefinition.RecordElement)}"] = "Enter the element that holds one record, e.g. order.";
        }
        if (parse.Format == ParseFormat.Excel && parse.HeaderRow is < 0 or > MaxExcelRows)
        {
            errors[$"{key}.{nameof(ParseDefinition.HeaderRow)}"] = $"0 (no header row) to {MaxExcelRows:N0}.";
        }
        if (parse.Format == ParseFormat.Excel && parse.Sheet.Length > MaxSheetName && parse.Sheet.Trim() != "*")
        {
            errors[$"{key}.{nameof(ParseDefinition.Sheet)}"] = $"A sheet name has at most {MaxSheetName} characters; or give its position (1, 2…), or * for all sheets.";
        }
        if (!Enum.IsDefined(parse.JsonLayout)) errors[$"{key}.{nameof(ParseDefinition.JsonLayout)}"] = $"Unknown JSON layout '{parse.JsonLayout}'.";
    }

    private static bool IsKnownEncoding(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return true;
        // The engine registers the code pages provider (windows-1252…); asking it directly avoids changing global state here.
        if (CodePagesEncodingProvider.Instance.GetEncoding(name.Trim()) is not null) return true;
        try
        {
            _ = Encoding.GetEncoding(name.Trim());
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // RFC 9110 token characters.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
