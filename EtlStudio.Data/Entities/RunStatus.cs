namespace EtlStudio.Data.Entities;

public enum RunStatus { Queued, Running, Succeeded, Failed, Cancelled, Abandoned }
