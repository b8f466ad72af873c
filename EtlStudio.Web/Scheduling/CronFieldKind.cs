namespace EtlStudio.Web.Scheduling;

internal enum CronFieldKind { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek }
