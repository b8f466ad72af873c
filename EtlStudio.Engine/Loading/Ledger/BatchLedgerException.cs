namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>The batch ledger refused a receipt (the rows it covers were committed already, or the table is not as
/// expected): about the load, not about a row, so the batch is not split to find a bad row.</summary>
internal sealed class BatchLedgerException(string reason, string origin, Exception inner) : EtlDataException(reason, origin, inner: inner);
