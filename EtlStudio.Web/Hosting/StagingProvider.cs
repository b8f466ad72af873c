namespace EtlStudio.Web.Hosting;

/// <summary>Where runs stage their raw extract and mapped rows.</summary>
public enum StagingProvider { LocalFolder, AzureBlob }
