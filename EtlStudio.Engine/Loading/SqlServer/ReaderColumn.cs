namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>A column the reader exposes: its name, the CLR type of its values and the conversion from the mapped value.</summary>
internal sealed record ReaderColumn(string Name, Type FieldType, Func<object, object> Convert);
