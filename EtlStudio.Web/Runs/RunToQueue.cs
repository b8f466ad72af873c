using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>A run to queue: the flow as it is now, the trigger, and for a resume the run it continues and the load
/// (first run of the chain) whose ledger receipts it honours.</summary>
internal sealed record RunToQueue(int FlowId, string FlowName, int GroupId, RunTrigger Trigger, Guid? ResumeOf = null, Guid? LoadId = null);
