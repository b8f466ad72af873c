namespace EtlStudio.Web.Flows;

/// <summary>Pipeline stages of the designer, in order.</summary>
public enum Stage { Source, Parse, Map, Load }
