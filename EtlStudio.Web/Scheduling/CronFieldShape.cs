namespace EtlStudio.Web.Scheduling;

internal enum CronFieldShape { Any, Single, List, Range, Step, Other }
