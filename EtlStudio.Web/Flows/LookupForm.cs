using System.Globalization;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>One lookup table of a flow as the user edits it (portal designer or REST API): a database connection and
/// its query, or a file connection, a file pattern and how to parse it; read once per run into memory by
/// <see cref="KeyField"/>.</summary>
public sealed class LookupForm
{
    /// <summary>Most entries a lookup may be allowed to hold: a lookup lives in the memory of the process running the flow.</summary>
    public const int MaxEntriesLimit = 10_000_000;

    public string Name { get; set; } = "";
    public int? ConnectionId { get; set; }
    /// <summary>SELECT statement (database connection).</summary>
    public string? Query { get; set; }
    /// <summary>File pattern relative to the connection's folder or container (file connection).</summary>
    public string? Path { get; set; }
    /// <summary>How the file is parsed (file connection).</summary>
    public ParseDefinition Parse { get; set; } = new();
    public string KeyField { get; set; } = "";
    public int MaxEntries { get; set; } = LookupDefinition.DefaultMaxEntries;

    public static LookupForm From(StoredLookup stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new()
        {
            Name = stored.Name,
            ConnectionId = stored.ConnectionId,
            Query = stored.Query,
            Path = stored.Path,
            Parse = (stored.Parse ?? new()).ToDefinition(stored.Parse?.Format ?? ParseFormat.Csv),
            KeyField = stored.KeyField,
            MaxEntries = stored.MaxEntries,
        };
    }

    /// <summary>The stored record (trimmed; a query keeps its text as typed).</summary>
    public StoredLookup ToStored() => new()
    {
        Name = Name.Trim(),
        ConnectionId = ConnectionId,
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query,
        Path = string.IsNullOrWhiteSpace(Path) ? null : Path.Trim(),
        Parse = StoredParseOptions.From(Parse),
        KeyField = KeyField.Trim(),
        MaxEntries = MaxEntries,
    };

    /// <summary>Adds this lookup's problems to <paramref name="errors"/> under <c>{prefix}.{Property}</c>;
    /// <paramref name="kind"/> is the kind of its connection (null: none chosen, or no such connection).</summary>
    public void Validate(string prefix, ConnectionKind? kind, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = Name.Trim();
        if (name.Length == 0) errors[$"{prefix}.{nameof(Name)}"] = "Enter the lookup's name, e.g. countries.";
        else if (name.Length > FieldLengths.Name) errors[$"{prefix}.{nameof(Name)}"] = FlowForm.TooLong(FieldLengths.Name);
        else if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            errors[$"{prefix}.{nameof(Name)}"] = $"'{name}' is not a lookup name: use letters, digits and _ (expressions write it as lookup('{name}', key, 'field')).";
        }

        if (ConnectionId is null) errors[$"{prefix}.{nameof(ConnectionId)}"] = "Choose the connection the lookup reads.";
        else if (kind is null) errors[$"{prefix}.{nameof(ConnectionId)}"] = $"No connection with id {ConnectionId}.";
        else if (FlowSourceRules.IsDatabase(kind.Value))
        {
            if (string.IsNullOrWhiteSpace(Query)) errors[$"{prefix}.{nameof(Query)}"] = "Enter the SELECT statement that reads the lookup table.";
        }
        else if (FlowSourceRules.IsFiles(kind.Value))
        {
            if (string.IsNullOrWhiteSpace(Path)) errors[$"{prefix}.{nameof(Path)}"] = "Enter the lookup file, relative to the connection's folder or container (e.g. countries.csv).";
            else if (FlowSourceRules.PathProblem(Path) is { } pathProblem) errors[$"{prefix}.{nameof(Path)}"] = pathProblem;
            FlowSourceRules.ValidateParse(Parse, $"{prefix}.{nameof(Parse)}", errors);
        }
        else errors[$"{prefix}.{nameof(ConnectionId)}"] = $"A lookup reads a database or a file; a {kind} connection cannot be a lookup's source.";

        var key = KeyField.Trim();
        if (key.Length == 0) errors[$"{prefix}.{nameof(KeyField)}"] = "Enter the field whose value is the key.";
        else if (key.Length > FieldLengths.Path) errors[$"{prefix}.{nameof(KeyField)}"] = FlowForm.TooLong(FieldLengths.Path);
        if (MaxEntries is < 1 or > MaxEntriesLimit)
        {
            errors[$"{prefix}.{nameof(MaxEntries)}"] = string.Create(CultureInfo.InvariantCulture, $"Between 1 and {MaxEntriesLimit:N0} entries; {MaxEntries:N0} is out of range.");
        }
    }
}
