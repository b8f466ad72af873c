using System.Diagnostics;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Counters and step clocks of one run, shared by the producer and the load lanes (which run on different
/// threads), and the progress reports made from them.</summary>
/// <remarks>The Load step's time is the wall time during which at least one lane was busy (opening its session,
/// writing a batch, completing), not the sum over lanes: lanes overlap, and a sum would report more load time than
/// the run took. Extract, Parse and Map are timed by the producer alone.</remarks>
internal sealed class RunState(IProgress<RunProgress>? progress)
{
    private readonly long[] _ticks = new long[4];
    private readonly long[] _started = new long[4];
    private readonly DateTimeOffset _origin = DateTimeOffset.UtcNow;
    private readonly long _originTicks = Stopwatch.GetTimestamp();
    private long _extractInsideParse;
    private long _read;
    private long _written;
    private long _rejected;
    private long _skipped;
    private long _filtered;
    private readonly Dictionary<int, LoadCounts> _loaded = [];
    private readonly Lock _loadGate = new();
    private int _busyLanes;
    private long _busySince;
    private long _producerReportedAt;

    /// <summary>The run's schema drift and DDL events.</summary>
    public required SchemaDrift Drift { get; init; }

    public long Read => Volatile.Read(ref _read);
    public long Written => Volatile.Read(ref _written);
    public long Rejected => Volatile.Read(ref _rejected);
    public long Skipped => Volatile.Read(ref _skipped);
    public long Filtered => Volatile.Read(ref _filtered);

    public void AddRead() => Interlocked.Increment(ref _read);

    private readonly List<string> _filesRead = [];
    private readonly HashSet<string> _fileSeen = new(StringComparer.Ordinal);

    /// <summary>Server paths of the files read to their end, in reading order, each once (only the producer adds).</summary>
    public IReadOnlyList<string> FilesRead => _filesRead;

    public void FileRead(string path)
    {
        if (_fileSeen.Add(path)) _filesRead.Add(path);
    }
    private readonly HashSet<string> _skippedOrigins = new(StringComparer.Ordinal);
    private string? _lastSkippedOrigin;

    /// <summary>Origins of which records were skipped as committed by an earlier attempt (only the producer adds).</summary>
    public IReadOnlyCollection<string> SkippedOrigins => _skippedOrigins;

    public void SkippedFrom(string origin)
    {
        if (ReferenceEquals(origin, _lastSkippedOrigin)) return;
        _lastSkippedOrigin = origin;
        _skippedOrigins.Add(origin);
    }

    public void AddRejected() => Interlocked.Increment(ref _rejected);
    public void AddSkipped(long rows = 1) => Interlocked.Add(ref _skipped, rows);
    public void AddFiltered() => Interlocked.Increment(ref _filtered);
    public void AddWritten(int rows) => Interlocked.Add(ref _written, rows);

    /// <summary>What the load sessions report they did so far, summed over the lanes.</summary>
    public LoadCounts Loaded
    {
        get
        {
            lock (_loadGate) return _loaded.Values.Aggregate(default(LoadCounts), (sum, lane) => sum + lane);
        }
    }

    /// <summary>Records what lane <paramref name="lane"/>'s session reports it did so far (its own running totals).</summary>
    public void SetLoaded(int lane, LoadCounts counts)
    {
        lock (_loadGate) _loaded[lane] = counts;
    }

    /// <summary>Counts the Load step busy until the returned scope is disposed; overlapping scopes of several lanes
    /// count their wall time once.</summary>
    public LoadScope Loading()
    {
        lock (_loadGate)
        {
            if (_busyLanes++ == 0)
            {
                _busySince = Stopwatch.GetTimestamp();
                if (_started[(int)RunStep.Load] == 0) _started[(int)RunStep.Load] = _busySince;
            }
        }
        return new LoadScope(this);
    }

    private void LoadDone()
    {
        lock (_loadGate)
        {
            if (--_busyLanes == 0) _ticks[(int)RunStep.Load] += Stopwatch.GetTimestamp() - _busySince;
        }
    }

    /// <summary>One lane's busy time on the Load step; see <see cref="Loading"/>.</summary>
    public readonly struct LoadScope(RunState state) : IDisposable
    {
        public void Dispose() => state.LoadDone();
    }

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a step and
    /// returns now, so consecutive steps chain without extra clock reads.</summary>
    public long Time(RunStep step, long since)
    {
        // Only the producer advances these steps' clocks, so plain adds suffice; the Load step uses Loading().
        var now = Stopwatch.GetTimestamp();
        if (_started[(int)step] == 0) _started[(int)step] = since;
        _ticks[(int)step] += now - since;
        return now;
    }

    /// <summary>Source reads that happen inside a parser's read: counted as Extract and taken out of Parse.</summary>
    public void TimeSourceRead(long since)
    {
        var elapsed = Stopwatch.GetTimestamp() - since;
        if (_started[(int)RunStep.Extract] == 0) _started[(int)RunStep.Extract] = since;
        _ticks[(int)RunStep.Extract] += elapsed;
        _extractInsideParse += elapsed;
    }

    public void Report(RunStep step) => progress?.Report(new RunProgress(step, Read, Written, Rejected, Skipped, Filtered));

    /// <summary>The producer starts <paramref name="step"/> (a document or query opening, its first record): reported
    /// now, so a slow source, a long query or a Retry-After wait shows where the run is before any batch is full.</summary>
    public void Reached(RunStep step, long now)
    {
        _producerReportedAt = now;
        Report(step);
    }

    /// <summary>Reports the Map step when a second has passed since the producer last reported, so progress moves
    /// while rows flow however large the batches. <paramref name="now"/> is the clock reading the step timing already
    /// made for the record: the hot loop reads no extra clock and starts no timer.</summary>
    public void Tick(long now)
    {
        if (now - _producerReportedAt < Stopwatch.Frequency) return;
        _producerReportedAt = now;
        Report(RunStep.Map);
    }

    public IReadOnlyList<StepTiming> Timings()
    {
        var list = new List<StepTiming>(4);
        foreach (var step in Enum.GetValues<RunStep>())
        {
            var started = Volatile.Read(ref _started[(int)step]);
            if (started == 0) continue;
            var ticks = Volatile.Read(ref _ticks[(int)step]);
            if (step == RunStep.Parse) ticks = Math.Max(0, ticks - Volatile.Read(ref _extractInsideParse));
            list.Add(new StepTiming(step, _origin + Stopwatch.GetElapsedTime(_originTicks, started), Stopwatch.GetElapsedTime(0, ticks)));
        }
        return list;
    }
}
