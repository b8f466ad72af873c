using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Components.Controls;

/// <summary>The words the portal shows for kinds, providers, formats, modes, statuses and triggers: every page says
/// "Local folder" and "PostgreSQL", never the enum names.</summary>
internal static class DisplayNames
{
    public static string Of(ConnectionKind kind) => kind switch
    {
        ConnectionKind.SqlServer => "SQL Server / Azure SQL",
        ConnectionKind.PostgreSql => "PostgreSQL",
        ConnectionKind.Oracle => "Oracle",
        ConnectionKind.Sqlite => "SQLite",
        ConnectionKind.Http => "HTTP API",
        ConnectionKind.Kafka => "Kafka / Event Hubs / Confluent Cloud",
        ConnectionKind.AzureBlob => "Azure Blob container",
        ConnectionKind.LocalFolder => "Local folder",
        ConnectionKind.Sftp => "SFTP server",
        _ => kind.ToString(),
    };

    public static string Of(ParseFormat format) => format switch
    {
        ParseFormat.Csv => "CSV",
        ParseFormat.Json => "JSON",
        ParseFormat.Xml => "XML",
        ParseFormat.Excel => "Excel",
        ParseFormat.Parquet => "Parquet",
        _ => format.ToString(),
    };

    public static string Of(LoadMode mode) => mode switch
    {
        LoadMode.Append => "Append",
        LoadMode.TruncateReplace => "Truncate and replace",
        LoadMode.Upsert => "Upsert",
        _ => mode.ToString(),
    };

    public static string Of(UnmappedFieldPolicy policy) => policy switch
    {
        UnmappedFieldPolicy.Ignore => "Ignore them",
        UnmappedFieldPolicy.Fail => "Fail the run",
        UnmappedFieldPolicy.AddColumns => "Add them as text columns",
        _ => policy.ToString(),
    };

    public static string Of(AfterLoadAction action) => action switch
    {
        AfterLoadAction.Keep => "Keep the files",
        AfterLoadAction.Delete => "Delete the files read",
        AfterLoadAction.Move => "Move the files read to a folder",
        _ => action.ToString(),
    };

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => "Queued",
        RunStatus.Running => "Running",
        RunStatus.Succeeded => "Succeeded",
        RunStatus.Failed => "Failed",
        RunStatus.Cancelled => "Cancelled",
        RunStatus.Abandoned => "Abandoned",
        _ => status.ToString(),
    };

    public static string Of(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Schedule => "Schedule",
        RunTrigger.Kafka => "Kafka",
        RunTrigger.Manual => "Manual",
        RunTrigger.Api => "API",
        _ => trigger.ToString(),
    };
}
