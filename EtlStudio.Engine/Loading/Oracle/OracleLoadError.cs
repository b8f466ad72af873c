using System.Collections;
using System.Data.Common;
using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Turns an ORA- error during an array-bound load into an error that says where (<see cref="LoadRowError"/>):
/// ODP.NET says which array element failed (<c>OracleError.ArrayBindIndex</c>, the batch row), and ORA- messages name
/// the column where Oracle knows it (ORA-12899 value too large for column "S"."T"."C", ORA-01400 cannot insert NULL
/// into ("S"."T"."C")).</summary>
internal static partial class OracleLoadError
{
    /// <param name="table">The destination table, as configured.</param>
    /// <param name="e">The provider's error.</param>
    /// <param name="batch">The batch being written; null when the error came at the commit of a whole load.</param>
    /// <param name="names">Column names in row order.</param>
    public static EtlDataException From(string table, DbException e, RowBatch? batch, IReadOnlyList<string> names)
    {
        var column = QualifiedColumn().Match(e.Message) is { Success: true } m ? LoadRowError.IndexOf(names, m.Groups["column"].Value) : -1;
        var columnName = column >= 0 ? names[column] : null;
        return LoadRowError.For(table, batch, batch is null ? -1 : ArrayBindIndex(e), column, columnName, e.Message, e);
    }

    /// <summary>OracleException.Errors[i].ArrayBindIndex, read by reflection: the engine cannot reference ODP.NET's types.</summary>
    private static int ArrayBindIndex(DbException e)
    {
        if (e.GetType().GetProperty("Errors")?.GetValue(e) is not IEnumerable errors) return -1;
        foreach (var error in errors)
        {
            if (error?.GetType().GetProperty("ArrayBindIndex")?.GetValue(error) is int index && index >= 0) return index;
        }
        return -1;
    }

    [GeneratedRegex("\"[^\"]+\"\\.\"[^\"]+\"\\.\"(?<column>[^\"]+)\"")]
    private static partial Regex QualifiedColumn();
}
