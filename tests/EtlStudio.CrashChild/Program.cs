using EtlStudio.CrashChild;

// Usage:
//   EtlStudio.CrashChild <input folder> <PostgreSQL connection string> <table> <load id> <staging folder> [lanes]
//     resumes one CSV load (CsvLoad.cs);
//   EtlStudio.CrashChild kafka <configuration database file>
//     runs the Kafka triggers of that SQLite configuration database until killed (KafkaTriggers.cs).
return args is ["kafka", var database] ? await KafkaTriggers.RunAsync(database) : await CsvLoad.RunAsync(args);
