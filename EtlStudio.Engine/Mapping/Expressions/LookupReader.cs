namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Reads one field of a loaded lookup by key (the lookup tables' <c>LookupColumn.TryGet</c>).</summary>
internal delegate bool LookupReader(string? key, out string? value);
