using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>The Polly retry pipeline every HTTP source request goes through.</summary>
internal static class HttpRetryPipeline
{
    /// <summary>Context key carrying the redacted URL, so retry logs never show an API key.</summary>
    public static readonly ResiliencePropertyKey<string> UrlKey = new("EtlStudio.Url");

    public static ResiliencePipeline<HttpResponseMessage> Create(HttpSourceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            UseJitter = options.UseJitter,
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome, args.Context.CancellationToken)),
            // Replaces the library's generator, which reads HTTP dates against the system clock, not ours.
            DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, timeProvider, options.MaxRetryAfter)),
            OnRetry = args =>
            {
                var url = args.Context.Properties.GetValue(UrlKey, "?");
                var reason = args.Outcome.Result is { } response
                    ? $"HTTP {(int)response.StatusCode}"
                    : args.Outcome.Exception?.GetType().Name ?? "unknown";
                logger.HttpRetrying(url, reason, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(retry)
            .Build();
    }

    // Network errors, HttpClient timeouts (a cancellation nobody asked for), 408, 429 and 5xx; not a page over the
    // size limit, which stays over it, nor an address the SSRF guard refused, which stays refused.
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        outcome.Exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded }
        && outcome.Exception is not HttpRequestException { InnerException: SsrfRefusedException }
        && outcome switch
        {
            { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
            { Exception: { } error } => error is HttpRequestException or TimeoutRejectedException,
            { Result: { } response } => IsTransientStatus(response.StatusCode),
            _ => false,
        };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan max)
    {
        var wait = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }

    /// <summary>Statuses the pipeline retries; once retries are exhausted they are not data errors.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
