using System.Globalization;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Hands rejected rows to the sink and fails the run once the flow's threshold is crossed.</summary>
/// <remarks>A count limit is checked at every reject. A percentage of rows read is checked at every reject once at
/// least <see cref="MinRowsForPercent"/> rows have been read (one bad row among the first few is not yet "10%"), and
/// always at the end of the input, before the last batch is loaded. The producer and the load lanes (rows the database
/// refused) reject side by side: one at a time through the gate, so the sink sees one caller.</remarks>
internal sealed class RejectGate(FlowDefinition flow, FlowRunContext context, RunState state)
{
    public const int MinRowsForPercent = 100;
    private readonly SemaphoreSlim _one = new(1, 1);
    private RejectedRow? _last;

    public async ValueTask RejectAsync(RejectedRow row, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            state.AddRejected();
            _last = row;
            if (context.Rejects is { } sink) await sink.AddAsync(row, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
        var rejected = state.Rejected;
        if (flow.RejectThreshold.MaxCount is { } max && rejected > max)
        {
            throw Exceeded($"{rejected} rows rejected, more than the limit of {max}");
        }
        if (state.Read >= MinRowsForPercent) CheckPercent();
    }

    /// <summary>Stores what the sink holds (before a batch is written; see <see cref="IRejectSink.FlushAsync"/>).</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => context.Rejects?.FlushAsync(cancellationToken) ?? ValueTask.CompletedTask;

    public void CheckAtEnd() => CheckPercent();

    private void CheckPercent()
    {
        var read = state.Read;
        if (flow.RejectThreshold.MaxPercent is not { } max || read == 0) return;
        var percent = state.Rejected * 100.0 / read;
        if (percent > max)
        {
            throw Exceeded(string.Create(CultureInfo.InvariantCulture, $"{state.Rejected} of {read} rows rejected ({percent:0.##}%), more than the limit of {max}%"));
        }
    }

    private RejectThresholdExceededException Exceeded(string what)
    {
        var last = _last is { } r ? $"; last: {EtlDataException.Describe(r.Reason, r.Origin, r.RowNumber, r.Column, r.Value)}" : "";
        return new RejectThresholdExceededException($"flow '{flow.Name}': reject threshold exceeded: {what}{last}");
    }
}
