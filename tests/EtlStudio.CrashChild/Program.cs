using EtlStudio.CrashChild;

// Usage:
//   EtlStudio.CrashChild <input folder> <PostgreSQL connection string> <table> <load id> <staging folder> [lanes]
//     resumes one CSV load (CsvLoad.cs);
//   EtlStudio.CrashChild kafka <configuration database file>
//     runs the Kafka triggers of that SQLite configuration database until killed (KafkaTriggers.cs);
//   EtlStudio.CrashChild runtime <PostgreSQL connection string> <content root>
//     one more app instance on a shared configuration database and Hangfire storage (RuntimeInstance.cs).
return args switch
{
    ["kafka", var database] => await KafkaTriggers.RunAsync(database),
    ["runtime", var database, var root] => await RuntimeInstance.RunAsync(database, root),
    _ => await CsvLoad.RunAsync(args),
};
