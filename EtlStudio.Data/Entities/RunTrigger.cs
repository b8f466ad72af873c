namespace EtlStudio.Data.Entities;

public enum RunTrigger { Schedule, Kafka, Manual, Api }
