namespace EtlStudio.Engine.Sources.Http;

/// <summary>Retry and buffering limits for HTTP sources (configuration section suggestion: <c>Engine:Http</c>).</summary>
/// <remarks>Retries cover network errors, 408, 429 and 5xx: exponential backoff from <see cref="BaseDelay"/>, with
/// jitter, capped at <see cref="MaxDelay"/>; a <c>Retry-After</c> header (seconds or HTTP date) replaces the backoff,
/// capped at <see cref="MaxRetryAfter"/> so a server cannot park a nightly run for hours.</remarks>
public sealed record HttpSourceOptions
{
    /// <summary>Retries after the first attempt (0 = no retry).</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubles for each further one.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait honoured from a <c>Retry-After</c> header.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Randomise backoff delays so parallel runs do not retry in step.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Largest page held in memory when a page must be read before the next is known (next link in the
    /// body, page number, offset/limit). A bigger page fails the run naming its URL.</summary>
    public long MaxPageBytes { get; init; } = 64L * 1024 * 1024;
}
