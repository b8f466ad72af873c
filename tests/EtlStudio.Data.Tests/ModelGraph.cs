using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using Microsoft.AspNetCore.Identity;

namespace EtlStudio.Data.Tests;

/// <summary>One of everything the configuration database keeps, every property set to something other than its
/// default (times at microsecond precision, which every provider keeps).</summary>
internal sealed class ModelGraph
{
    private static readonly DateTime T0 = new DateTime(2026, 3, 29, 0, 59, 58, DateTimeKind.Utc).AddTicks(1_234_560);

    public ModelGraph()
    {
        Source = new Connection { Name = "Landing folder", Kind = ConnectionKind.LocalFolder, Settings = """{"folder":"/srv/in"}""", Secret = null, CreatedUtc = At(1), UpdatedUtc = At(2) };
        Destination = new Connection
        {
            Name = "Warehouse", Kind = ConnectionKind.PostgreSql, Settings = """{"host":"db","database":"dw","user":"etl"}""",
            Secret = "pa55;word=\"x\"", CreatedUtc = At(3), UpdatedUtc = At(4),
        };
        Kafka = new Connection { Name = "Events", Kind = ConnectionKind.Kafka, Settings = """{"bootstrap":"k:9092"}""", Secret = "sasl", CreatedUtc = At(5), UpdatedUtc = At(6) };
        Group = new Group
        {
            Name = "Nightly sales", Description = "Orders and refunds", Cron = "30 2 * * *", TimeZone = "Europe/Amsterdam", Enabled = false,
            MaxParallelFlows = 3, FailureWebhookUrl = "https://hooks.example/etl", CreatedUtc = At(7), UpdatedUtc = At(8),
        };
        Flow = new Flow
        {
            Group = Group, Name = "Orders", Order = 2, Enabled = false,
            SourceConnection = Source, SourcePath = "in/2026-*/orders_*.json", HttpMethod = "POST", HttpBody = """{"since":"2026-01-01"}""",
            HttpHeaders = """{"X-Tenant":"7"}""", HttpPagination = """{"kind":"NextLinkInBody","nextLinkPath":"links.next"}""",
            SourceQuery = "SELECT * FROM orders WHERE changed > @cursor", SourceTopic = "orders", CursorField = "changed", CursorValue = "2026-03-28T00:00:00Z",
            ParseFormat = ParseFormat.Json, ParseOptions = """{"recordsPath":"data.items"}""",
            DestinationConnection = Destination, DestinationTable = "sales.orders", LoadMode = LoadMode.Upsert, KeyColumns = "order_id,line",
            RejectThresholdCount = 50, RejectThresholdPercent = 2.5, StagingEnabled = false, TimeoutSeconds = 900, LoadParallelism = 5, PartitionsInFlight = 6,
            PartitionColumn = "order_id", PartitionLowerBound = "1000", PartitionUpperBound = "2000", PartitionCount = 12,
            AllowEmptyReplace = true, CreatedUtc = At(9), UpdatedUtc = At(10),
            Filter = "total > 0 && country != 'NL'", UnmappedFields = UnmappedFieldPolicy.AddColumns, CreateIfMissing = true,
            AfterLoad = AfterLoadAction.Move, AfterLoadFolder = "done",
            Lookups = """[{"name":"countries","connectionId":1,"path":"countries.csv","keyField":"code","maxEntries":500}]""",
            Columns =
            [
                new ColumnMapping
                {
                    Order = 1, SourceField = "order.total", TargetColumn = "total", TargetType = ColumnType.Decimal, Precision = 18, Scale = 2,
                    Format = "#,##0.00", Culture = "fr-FR", DefaultValue = "0", Required = true, Optional = true, Trim = false,
                },
                new ColumnMapping { Order = 2, TargetColumn = "row_no", TargetType = ColumnType.Long, Derived = DerivedValue.RowNumber },
                new ColumnMapping { Order = 3, TargetColumn = "name_upper", Expression = "upper(trim(name))", Length = 80 },
            ],
        };
        Trigger = new KafkaTrigger
        {
            Connection = Kafka, Topic = "orders", ConsumerGroup = "etl-orders", Flow = Flow, BatchSize = 250, BatchWindowMs = 5000,
            DeadLetterTopic = "orders.dlq", Enabled = false, MaxParallelPartitions = 8, CreatedUtc = At(11), UpdatedUtc = At(12),
        };
        Run = new FlowRun
        {
            Id = Guid.NewGuid(), Flow = Flow, FlowName = Flow.Name, GroupId = 0, Trigger = RunTrigger.Api, TriggeredBy = "alice",
            Status = RunStatus.Failed, QueuedUtc = At(13), StartedUtc = At(14), EndedUtc = At(15), RowsRead = 1000, RowsWritten = 990,
            RowsRejected = 10, RowsFiltered = 33, RowsInserted = 600, RowsUpdated = 390, RowsDeleted = 7, Error = "Reject threshold crossed", Note = "Waited for the group slot", JobId = "hangfire-42", ReplayOfRunId = Guid.NewGuid(),
            LoadId = Guid.NewGuid(), RowsSkipped = 120, HeartbeatUtc = At(15), CancelRequested = true, QueuedFlowId = 4242, Executor = "web-1:4242:0f3c", Partitions = 16,
            Steps = [new FlowRunStep { Name = "Load", Status = RunStatus.Succeeded, StartedUtc = At(16), EndedUtc = At(17), DurationMs = 1234, Error = "none" }],
            Artifacts = [new RunArtifact { Name = "raw", Location = "staging/2026/03/29/run/raw.json", Length = 65536 }],
        };
        Reject = new RejectedRowRecord { RunId = Run.Id, Origin = "in/2026-03/orders_1.json", RowNumber = 17, Column = "total", Value = "12,5x", Reason = "Not a number" };
        Partition = new RunPartition
        {
            RunId = Run.Id, Index = 3, Files = "in/a.csv\nin/b.csv", FileCount = 2, Range = """{"column":"order_id","kind":"Integer","lower":"1250","upper":"1500"}""", Status = RunStatus.Running, Slot = 1, JobId = "hangfire-43",
            Executor = "web-2:77:9a1b", Attempts = 2, StartedUtc = At(22), EndedUtc = At(23), HeartbeatUtc = At(24), RowsRead = 500, RowsWritten = 480,
            RowsRejected = 5, RowsFiltered = 15, RowsSkipped = 20, RowsInserted = 470, RowsUpdated = 10, Error = "partition failed",
        };
        Log = new RunLogEntry { RunId = Run.Id, AtUtc = At(18), Level = "Warning", Message = "Slow source" };
        Audit = new AuditEntry { AtUtc = At(19), User = "alice", EntityType = "Group", EntityId = "1", Action = "Update", Changes = """{"Name":{"old":"a","new":"b"}}""" };
        User = new EtlUser
        {
            UserName = "alice@example.com", NormalizedUserName = "ALICE@EXAMPLE.COM", Email = "alice@example.com", NormalizedEmail = "ALICE@EXAMPLE.COM",
            EmailConfirmed = true, PasswordHash = "AQAAAAIAAYagAAAAE", PhoneNumber = "+31 20 123", PhoneNumberConfirmed = true, TwoFactorEnabled = true,
            LockoutEnd = new DateTimeOffset(At(20)), LockoutEnabled = true, AccessFailedCount = 3, ApiKeyHash = new string('a', 64), ApiKeyCreatedUtc = At(21),
        };
        Role = new IdentityRole { Name = "Editor", NormalizedName = "EDITOR" };
        Identity =
        [
            new IdentityUserRole<string> { UserId = User.Id, RoleId = Role.Id },
            new IdentityUserClaim<string> { UserId = User.Id, ClaimType = "dept", ClaimValue = "finance" },
            new IdentityUserLogin<string> { UserId = User.Id, LoginProvider = "ext", ProviderKey = "k1", ProviderDisplayName = "External" },
            new IdentityUserToken<string> { UserId = User.Id, LoginProvider = "ext", Name = "refresh", Value = "t" },
            new IdentityRoleClaim<string> { RoleId = Role.Id, ClaimType = "scope", ClaimValue = "all" },
        ];
    }

    public Connection Source { get; }
    public Connection Destination { get; }
    public Connection Kafka { get; }
    public Group Group { get; }
    public Flow Flow { get; }
    public KafkaTrigger Trigger { get; }
    public FlowRun Run { get; }
    public RejectedRowRecord Reject { get; }
    public RunLogEntry Log { get; }
    public RunPartition Partition { get; }
    public AuditEntry Audit { get; }
    public EtlUser User { get; }
    public IdentityRole Role { get; }
    public IReadOnlyList<object> Identity { get; }

    public IEnumerable<object> Entities =>
    [
        Source, Destination, Kafka, Group, Flow, .. Flow.Columns, Trigger, Run, .. Run.Steps, .. Run.Artifacts, Reject, Log, Partition, Audit, User, Role, .. Identity,
    ];

    /// <summary>Saves the graph; the run's group is known only once the group has its id.</summary>
    public async Task SaveAsync(TestDatabase database)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await database.Contexts.CreateDbContextAsync(ct);
        db.AddRange(Source, Destination, Kafka, Group, Flow, Trigger, Audit, User, Role);
        db.AddRange(Identity);
        await db.SaveChangesAsync(ct);
        Run.GroupId = Group.Id;
        db.AddRange(Run, Reject, Log, Partition);
        await db.SaveChangesAsync(ct);
    }

    private static DateTime At(int minutes) => T0.AddMinutes(minutes * 7);
}
