using System.Net;
using EtlStudio.Testing;
using Npgsql;

namespace EtlStudio.Web.Tests.Api;

/// <summary>An Excel flow created, run and checked through the REST API, from an openpyxl workbook in a local folder
/// into a real PostgreSQL database.</summary>
public sealed class ExcelFlowApiTests(PostgresServer postgres) : ApiTest(fakeLauncher: false)
{
    private const string Workbook = """
        import datetime
        from openpyxl import Workbook
        wb = Workbook()
        q1 = wb.active
        q1.title = 'Q1'
        q1.append(['Sales, first quarter'])
        q1.append(['id', 'customer', 'amount', 'ordered', 'paid'])
        q1.append([1, 'Ærø café', 12.5, datetime.date(2025, 1, 31), True])
        q1.append([2, 'Bob', '=1/0', datetime.date(2025, 2, 1), False])
        q1.append([3, 'Chen', 0.1, datetime.datetime(2025, 3, 3, 14, 30), None])
        q2 = wb.create_sheet('Q2')
        q2.append(['Sales, second quarter'])
        q2.append(['customer', 'id', 'amount', 'ordered', 'paid'])
        q2.append(['Dana', 4, 1e-05, datetime.date(2025, 4, 1), True])
        wb.save(path)
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("etl-excel-api-").FullName;

    [Fact]
    public async Task An_Excel_flow_over_all_sheets_loads_every_cell_into_PostgreSQL_and_rejects_the_error_cell_row()
    {
        var bytes = await OpenpyxlWorkbook.WriteAsync(Workbook, Ct);
        // openpyxl writes a formula without its cached value; give the error cell one, as Excel would save it.
        await File.WriteAllBytesAsync(Path.Combine(_folder, "sales.xlsx"), WithErrorValue(bytes), Ct);
        var database = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("excel")).Database!;
        await ExecuteAsync(postgres.ConnectionStringFor(database),
            "CREATE TABLE public.sales (quarter text NOT NULL, id bigint NOT NULL, customer text, amount numeric(18,6), ordered timestamp, paid boolean)");
        var group = await CreateGroupAsync();
        var source = await CreateConnectionAsync("Sales inbox", "LocalFolder", new { path = _folder });
        var destination = await CreateConnectionAsync("Warehouse", "PostgreSql",
            new { host = "127.0.0.1", port = postgres.Port, database, username = "postgres", sslMode = "Disable" }, secret: "trust");
        var flow = (await PostAsync("/api/flows", new
        {
            groupId = group, name = "Quarterly sales", sourceConnectionId = source, sourcePath = "*.xlsx",
            parse = new { format = "Excel", sheet = "*", headerRow = 2 },
            destinationConnectionId = destination, destinationTable = "public.sales", loadMode = "Append", rejectThresholdPercent = 50.0,
            columns = new object[]
            {
                new { sourceField = "#sheet", targetColumn = "quarter", targetType = "String", required = true },
                new { sourceField = "id", targetColumn = "id", targetType = "Long", required = true },
                new { sourceField = "customer", targetColumn = "customer", targetType = "String" },
                new { sourceField = "amount", targetColumn = "amount", targetType = "Decimal", precision = 18, scale = 6 },
                new { sourceField = "ordered", targetColumn = "ordered", targetType = "DateTime" },
                new { sourceField = "paid", targetColumn = "paid", targetType = "Bool" },
            },
        }))["id"]!.GetValue<int>();
        var created = await GetAsync($"/api/flows/{flow}");

        var runId = (await ReadAsync(await Admin.PostAsync($"/api/flows/{flow}/run", null, Ct), HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        var run = await FinishedAsync(runId);
        var rejects = await GetAsync($"/api/runs/{runId}/rejects");

        Assert.Equal("Excel", created["parse"]!["format"]!.GetValue<string>());
        Assert.Equal("*", created["parse"]!["sheet"]!.GetValue<string>());
        Assert.Equal(2, created["parse"]!["headerRow"]!.GetValue<int>());
        Assert.True(run["status"]!.GetValue<string>() == "Succeeded", run.ToJsonString());
        Assert.Equal((4, 3, 1), (run["rowsRead"]!.GetValue<long>(), run["rowsWritten"]!.GetValue<long>(), run["rowsRejected"]!.GetValue<long>()));
        var reject = rejects["items"]![0]!;
        Assert.EndsWith("sales.xlsx[Q1]", reject["origin"]!.GetValue<string>());
        Assert.Equal(4, reject["rowNumber"]!.GetValue<long>());
        Assert.Equal("amount (column C)", reject["column"]!.GetValue<string>());
        Assert.Equal("cell C4 holds the error value #DIV/0!", reject["reason"]!.GetValue<string>());
        Assert.Equal([
            "Q1|1|Ærø café|12.500000|2025-01-31 00:00:00|True",
            "Q1|3|Chen|0.100000|2025-03-03 14:30:00|null",
            "Q2|4|Dana|0.000010|2025-04-01 00:00:00|True",
        ], await RowsAsync(postgres.ConnectionStringFor(database)));
    }

    [Fact]
    public async Task A_negative_header_row_is_refused_naming_the_field()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();

        var problem = await PostAsync("/api/flows", new
        {
            groupId = group, name = "Bad header", sourceConnectionId = source, sourcePath = "*.xlsx",
            parse = new { format = "Excel", headerRow = -1 },
            destinationConnectionId = destination, destinationTable = "main.t", loadMode = "Append",
            columns = new object[] { new { sourceField = "id", targetColumn = "id", targetType = "Long" } },
        }, HttpStatusCode.BadRequest);

        var key = Assert.Single(ErrorKeys(problem), k => k.EndsWith("headerRow", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("0 (no header row) to 1,048,576.", Error(problem, key));
    }

    /// <summary>Sets the cached value of the formula cell C4 of the first sheet to #DIV/0!.</summary>
    private static byte[] WithErrorValue(byte[] xlsx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var fixedXml = xml.Replace("<c r=\"C4\"><f>1/0</f><v></v></c>", "<c r=\"C4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", StringComparison.Ordinal);
            Assert.NotEqual(xml, fixedXml);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(fixedXml);
        }
        return stream.ToArray();
    }

    private async Task<System.Text.Json.Nodes.JsonNode> FinishedAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await GetAsync($"/api/runs/{runId}");
            var status = run["status"]!.GetValue<string>();
            if (status is not ("Queued" or "Running")) return run;
            Assert.True(DateTime.UtcNow < deadline, $"run {runId} still {status} after 90 s");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<string>> RowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT quarter, id, customer, amount, ordered, paid FROM public.sales ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null"
                : reader.GetValue(i) is DateTime d ? d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
