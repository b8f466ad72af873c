using EtlStudio.Engine.Loading;

namespace EtlStudio.Web.Api;

/// <summary>What "Create table" would do to a flow's destination: the diff between the mapping and the table, the
/// statements that would run (<c>CREATE TABLE</c>, or <c>ALTER TABLE … ADD</c> per missing column), the problems DDL
/// cannot fix, and whether the statements ran (<c>applied</c>). <c>transactional</c>: a refused statement leaves nothing
/// half-done (false for Oracle, which commits each DDL statement).</summary>
internal sealed record SchemaPlanDto(string Table, bool TableExists, bool Transactional, IReadOnlyList<string> Statements,
    IReadOnlyList<string> Problems, IReadOnlyList<SchemaDiffDto> Diff, bool Applied)
{
    public static SchemaPlanDto From(SchemaPlan plan, bool applied)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Table, plan.TableExists, plan.Transactional, plan.Statements, plan.Problems,
            [.. plan.Diff.Select(d => new SchemaDiffDto(d.Name, d.InSource, d.MappedTo, d.TableType, d.Status))], applied);
    }
}
