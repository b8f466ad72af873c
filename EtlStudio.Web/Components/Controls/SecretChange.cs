namespace EtlStudio.Web.Components.Controls;

/// <summary>What happens to a stored secret on save. The stored value itself never reaches a form.</summary>
public enum SecretChange { Keep, Replace, Clear }
