namespace EtlStudio.Engine.Loading;

/// <summary>What <see cref="IDestinationLoader.PlanAsync"/> found when it compared the source's fields, the mapping and
/// the destination table, and the DDL that would make the table fit: shown before anything runs, applied by
/// <see cref="IDestinationLoader.ApplyAsync"/> or by a run.</summary>
/// <remarks>A plan describes the table as it was when planned: <see cref="IDestinationLoader.ApplyAsync"/> refuses to
/// create a table that has appeared since (plan again).</remarks>
public sealed record SchemaPlan
{
    /// <summary>The destination table as the flow names it.</summary>
    public required string Table { get; init; }

    /// <summary>Whether the table existed when planned.</summary>
    public required bool TableExists { get; init; }

    /// <summary>The columns a load writes, in row order: the mapping's, then (with
    /// <see cref="Definitions.UnmappedFieldPolicy.AddColumns"/>) one optional text column per unmapped source field.</summary>
    public required IReadOnlyList<TargetColumn> Columns { get; init; }

    /// <summary>Source fields, mapped columns and table columns side by side.</summary>
    public IReadOnlyList<SchemaDiffEntry> Diff { get; init; } = [];

    /// <summary>The statements that would run, in order: one <c>CREATE TABLE</c> when the table does not exist, else one
    /// <c>ALTER TABLE … ADD</c> per missing column. Empty when the table already fits.</summary>
    public IReadOnlyList<string> Statements { get; init; } = [];

    /// <summary>What the statements cannot fix (a type mismatch, an invalid name, a missing key): the plan is not
    /// applied and a run fails with them.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Whether a transaction undoes the statements (PostgreSQL, SQL Server, SQLite): a failure leaves nothing
    /// half-created, and a dry run can run them and roll them back. False for Oracle, which commits each DDL statement
    /// as it runs it.</summary>
    public bool Transactional { get; init; }

    /// <summary>True when the statements create the table.</summary>
    public bool CreatesTable => !TableExists && Statements.Count > 0;

    /// <summary>True when there is no problem (the statements, if any, may run).</summary>
    public bool IsValid => Problems.Count == 0;
}
