namespace EtlStudio.Engine.Loading;

/// <summary>The database refused rows of a batch for their data (a constraint, a value it cannot store), not the load as
/// a whole: the batch can be written again in parts to find the rows, which then become rejects.</summary>
internal sealed class LoadRowException : EtlDataException
{
    public LoadRowException(string reason, string? origin, long? record, string? column, Exception? inner, string? value)
        : base(reason, origin, record, column, inner, value) { }

    /// <summary>The same error, classed as about rows.</summary>
    public LoadRowException(EtlDataException error)
        : base(error.Reason, error.Origin, error.Record, error.Column, error.InnerException, error.Value) { }
}
