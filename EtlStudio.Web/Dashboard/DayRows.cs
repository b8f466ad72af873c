namespace EtlStudio.Web.Dashboard;

/// <summary>Rows loaded on one UTC day.</summary>
public sealed record DayRows(DateOnly Day, long Rows);
