using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Mapping;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Fills the batch channel: from the source, or from a staged run.</summary>
internal delegate Task Produce(FlowDefinition flow, RowMapper mapper, TargetRules rules, RunState state, CommittedRanges committed, RejectGate gate, BatchChannel batches, CancellationToken cancellationToken);
