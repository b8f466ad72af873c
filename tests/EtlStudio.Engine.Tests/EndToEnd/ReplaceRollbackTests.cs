using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A TruncateReplace that fails is rolled back as a whole, and its result says so: nothing deleted, nothing
/// written, the old rows in place.</summary>
public sealed class ReplaceRollbackTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_replace_that_breaks_reports_nothing_deleted_or_written_and_the_old_rows_stay()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await db.ExecuteAsync(
            "CREATE FUNCTION break_at_9() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = 9 THEN RAISE EXCEPTION 'the load broke'; END IF; RETURN NEW; END $$;" +
            $"CREATE TRIGGER break_at_9 BEFORE INSERT ON {ItemsTable.Name} FOR EACH ROW EXECUTE FUNCTION break_at_9()");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(1, 20, "new"));

        var result = await host.RunAsync(host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, mode: LoadMode.TruncateReplace));

        Assert.Contains("the load broke", Assert.IsType<EtlDataException>(result.Error).Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), (result.RowsDeleted, result.RowsWritten, result.RowsInserted));
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }
}
