namespace EtlStudio.Web.Dashboard;

/// <summary>A group's next fire time as the dashboard lists it.</summary>
public sealed record NextFire(int GroupId, string Group, DateTimeOffset AtUtc, string Local);
