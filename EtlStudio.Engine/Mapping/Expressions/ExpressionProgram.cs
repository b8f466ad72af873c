namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>A flow's computed columns and row filter, compiled once per run to delegates over an
/// <see cref="ExpressionRow"/>, and the order in which a row's columns are mapped around the filter.</summary>
internal sealed class ExpressionProgram
{
    /// <summary>The compiled expression of each computed column by column index; null for other columns.</summary>
    public required Func<ExpressionRow, object?>?[] Computed { get; init; }

    /// <summary>The expressions as written, by column index (for rejects).</summary>
    public required string?[] Texts { get; init; }

    /// <summary>The compiled row filter; null when every row is kept.</summary>
    public Func<ExpressionRow, bool>? Filter { get; init; }

    /// <summary>The filter as written.</summary>
    public string? FilterText { get; init; }

    /// <summary>Source fields the expressions read by name (names that are not mapped columns nor run values).</summary>
    public required IReadOnlyList<SourceFieldUse> SourceFields { get; init; }

    /// <summary>The (lookup, field) pairs the expressions read, by slot.</summary>
    public required LookupBinding[] Lookups { get; init; }

    /// <summary>Column indexes in the order a row maps them: first what the filter needs (source columns, then the
    /// computed ones), then the rest (source columns, then computed), each in mapping order.</summary>
    public required int[] Order { get; init; }

    /// <summary>How many of <see cref="Order"/> are mapped before the filter runs. A row the filter drops is not
    /// converted any further, so a footer line or a row of another kind is filtered, not rejected.</summary>
    public required int BeforeFilter { get; init; }

    /// <summary>The fields each lookup is read for, by lookup name: what the run loads.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> LookupFieldsUsed =>
        Lookups.GroupBy(l => l.Lookup, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)[.. g.Select(l => l.Field).Distinct(StringComparer.Ordinal)], StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds every lookup call to the run's loaded lookup (<paramref name="column"/>: the reader of one field
    /// of one lookup, which throws <see cref="EtlDataException"/> for an unknown lookup or field).</summary>
    public void BindLookups(Func<string, string, LookupReader> column)
    {
        foreach (var binding in Lookups) binding.Reader = column(binding.Lookup, binding.Field);
    }
}
