namespace EtlStudio.Data.Entities;

/// <summary>Kinds of connection a flow can use.</summary>
public enum ConnectionKind { SqlServer, PostgreSql, Oracle, Sqlite, Http, Kafka, AzureBlob, LocalFolder, Sftp }
