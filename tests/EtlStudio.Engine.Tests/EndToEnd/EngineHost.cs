using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>The engine as a host composes it: real <see cref="SourceFactory"/>, <see cref="LoaderFactory"/> and local
/// staging, through <c>AddEtlSources</c> and <c>AddEtlPipeline</c>; an input folder and a staging folder per test.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="loaders">Wraps the real loader factory, to watch what the runs do with it.</param>
    public EngineHost(Func<ILoaderFactory, ILoaderFactory>? loaders = null)
    {
        Input = Directory.CreateTempSubdirectory("etl-e2e-in.").FullName;
        StagingFolder = Directory.CreateTempSubdirectory("etl-e2e-staging.").FullName;
        var services = new ServiceCollection().AddLogging();
        services.AddEtlSources();
        services.AddSingleton<ILoaderFactory>(loaders?.Invoke(new LoaderFactory()) ?? new LoaderFactory());
        services.AddEtlPipeline(new StagingOptions { Folder = StagingFolder });
        _services = services.BuildServiceProvider();
    }

    public string Input { get; }
    public string StagingFolder { get; }
    public FlowRunner Runner => _services.GetRequiredService<FlowRunner>();

    public string PathOf(string file) => Path.Combine(Input, file);

    public FlowDefinition Flow(IReadOnlyList<ColumnMap> columns, DatabaseProvider provider, string connectionString, string table,
        string pattern = "*.csv", ParseDefinition? parse = null, LoadMode mode = LoadMode.Append, IReadOnlyList<string>? keys = null) => new()
    {
        Name = "e2e",
        Source = new FileSourceDefinition { Location = Input, Pattern = pattern },
        Parse = parse ?? new ParseDefinition(),
        Columns = columns,
        Destination = new DestinationDefinition { Provider = provider, ConnectionString = connectionString, Table = table, Mode = mode, KeyColumns = keys ?? [] },
        BatchSize = 7,
    };

    public Task<FlowRunResult> RunAsync(FlowDefinition flow, IRejectSink? rejects = null) =>
        Runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Rejects = rejects }, Xunit.TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(Input, recursive: true);
        Directory.Delete(StagingFolder, recursive: true);
    }
}
