namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>One (lookup, field) pair an expression reads; <see cref="Reader"/> is bound once the run has loaded the lookups.</summary>
internal sealed class LookupBinding(string lookup, string field)
{
    public string Lookup { get; } = lookup;
    public string Field { get; } = field;
    public LookupReader? Reader { get; set; }
}
