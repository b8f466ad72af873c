using System.Globalization;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.CrashChild;

/// <summary>Arguments <c>&lt;input folder&gt; &lt;PostgreSQL connection string&gt; &lt;table&gt; &lt;load id&gt; &lt;staging folder&gt; [lanes]</c>:
/// resumes load <c>load id</c> of the CSV files in the folder (id,name,qty) into the table, Append, as the portal's Resume
/// does: it loads only what the load's ledger does not hold. The first call of a load finds nothing and loads it all.
/// Prints "read written skipped rejected" and exits 0 on success, 2 on a failed run.</summary>
internal static class CsvLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 5)
        {
            Console.Error.WriteLine("usage: EtlStudio.CrashChild <input folder> <connection string> <table> <load id> <staging folder> [lanes]");
            return 64;
        }
        var services = new ServiceCollection().AddLogging();
        services.AddEtlSources();
        services.AddSingleton<ILoaderFactory>(new LoaderFactory());
        services.AddEtlPipeline(new StagingOptions { Folder = args[4] });
        await using var provider = services.BuildServiceProvider();
        var load = Guid.Parse(args[3]);
        var flow = new FlowDefinition
        {
            Name = "crash",
            Source = new FileSourceDefinition { Location = args[0], Pattern = "*.csv" },
            Columns =
            [
                new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Long },
                new ColumnMap { SourceField = "name", TargetColumn = "name" },
                new ColumnMap { SourceField = "qty", TargetColumn = "qty", Type = ColumnType.Int },
            ],
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = args[1], Table = args[2] },
            LoadParallelism = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : FlowDefinition.DefaultLoadParallelism,
        };
        var context = new FlowRunContext { RunId = Guid.NewGuid(), LoadId = load, FlowKey = "crash" };
        var result = await provider.GetRequiredService<FlowRunner>().ResumeAsync(flow, load, context, CancellationToken.None);
        Console.WriteLine($"{result.RowsRead} {result.RowsWritten} {result.RowsSkipped} {result.RowsRejected}");
        if (result.Error is not null) Console.Error.WriteLine(result.Error);
        return result.Succeeded ? 0 : 2;
    }
}
