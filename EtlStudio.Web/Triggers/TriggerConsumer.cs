using Confluent.Kafka;
using EtlStudio.Data.Entities;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Web.Triggers;

/// <summary>Runs one trigger's consumer on its own task until stopped. A client that fails (bad settings, fatal
/// error) is built again after a capped backoff; broker outages are left to librdkafka, which reconnects by itself.</summary>
internal sealed class TriggerConsumer : IAsyncDisposable
{
    private readonly KafkaTrigger _trigger;
    private readonly TriggerConsumerFactory _deps;
    private readonly ILogger _logger;
    private readonly BrokerOutageLog _outages;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;

    /// <param name="outages">Shared by the consumers of one trigger: one outage is logged once, not once per consumer.</param>
    public TriggerConsumer(KafkaTrigger trigger, TriggerConsumerFactory deps, BrokerOutageLog outages, ILogger logger)
    {
        _trigger = trigger;
        _deps = deps;
        _logger = logger;
        _outages = outages;
        // Consume blocks its thread (up to 200 ms at a time); keep that off the caller.
        _task = Task.Run(() => RunAsync(_stop.Token));
    }

    public KafkaTrigger Trigger => _trigger;

    /// <summary>Stops consuming: an unfinished batch is not stored, stored offsets are committed, the group is left.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _task;
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunClientAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failures++;
                var problem = e is KafkaConnectionException ? KafkaProblem.Connection : KafkaProblem.Broker;
                _deps.Health.Report(_trigger.Id, problem, e.Message);
                var delay = RetryBackoff.Delay(failures, _deps.Options.RetryInitialMs, _deps.Options.RetryMaxMs, Random.Shared.NextDouble());
                KafkaLog.ConsumerFailed(_logger, _trigger.Id, failures, (long)delay.TotalMilliseconds, e);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        _deps.Health.Forget(_trigger.Id);
        _deps.Lag.Forget(_trigger.ConsumerGroup, _trigger.Topic);
    }

    private async Task RunClientAsync(CancellationToken cancellationToken)
    {
        var settings = _deps.Clients.Create(_trigger.Connection ?? throw new KafkaConnectionException($"Kafka trigger {_trigger.Id} has no connection."));
        _deps.Health.Clear(_trigger.Id, KafkaProblem.Connection);
        var loop = new BatchLoop(_trigger, new BatchProcessor(_trigger, _deps.Scopes, _logger), _deps.Health, _deps.Options, _logger);
        using var consumer = BuildConsumer(settings, loop);
        using var producer = _trigger.DeadLetterTopic is null ? null : BuildProducer(settings);
        var deadLetters = producer is null ? null : new DeadLetterWriter(producer, _trigger.DeadLetterTopic!);
        consumer.Subscribe(_trigger.Topic);
        KafkaLog.ConsumerStarted(_logger, _trigger.Id, _trigger.Topic, _trigger.ConsumerGroup, settings.Summary);
        try
        {
            await loop.RunAsync(consumer, deadLetters, cancellationToken);
        }
        finally
        {
            Close(consumer);
        }
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer(KafkaClientSettings settings, BatchLoop loop)
    {
        var builder = new ConsumerBuilder<byte[]?, byte[]?>(settings.Consumer(_trigger.ConsumerGroup, $"etlstudio-trigger-{_trigger.Id}"))
            // Start each partition after what the destination's ledger says is loaded, when the group's commit lags it.
            .SetPartitionsAssignedHandler((consumer, partitions) =>
            {
                KafkaLog.PartitionsAssigned(_logger, _trigger.Id, string.Join(", ", partitions));
                return _deps.Offsets.Starts(_trigger, consumer, partitions);
            })
            // Stored offsets of finished batches are committed by librdkafka as the partitions go (auto commit);
            // the unfinished batch's messages of those partitions are dropped for their next owner to read.
            .SetPartitionsRevokedHandler((_, partitions) =>
                KafkaLog.PartitionsRevoked(_logger, _trigger.Id, string.Join(", ", partitions), loop.Drop(partitions.Select(p => p.TopicPartition))))
            .SetPartitionsLostHandler((_, partitions) =>
                KafkaLog.PartitionsLost(_logger, _trigger.Id, string.Join(", ", partitions), loop.Drop(partitions.Select(p => p.TopicPartition))))
            .SetErrorHandler((_, error) => OnError(error))
            .SetStatisticsHandler((_, json) => OnStatistics(json))
            .SetLogHandler((_, message) => OnLog(message));
        if (settings.Token is { } token) builder.SetOAuthBearerTokenRefreshHandler(token.Refresh);
        return builder.Build();
    }

    private IProducer<byte[]?, byte[]?> BuildProducer(KafkaClientSettings settings)
    {
        var builder = new ProducerBuilder<byte[]?, byte[]?>(settings.Producer($"etlstudio-trigger-{_trigger.Id}-dlq"))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => OnLog(message));
        if (settings.Token is { } token) builder.SetOAuthBearerTokenRefreshHandler(token.Refresh);
        return builder.Build();
    }

    private void OnError(Error error)
    {
        if (!error.IsFatal && BrokerOutageLog.IsOutage(error.Code)) _outages.Down($"{error.Code}: {error.Reason}");
        else KafkaLog.ClientError(_logger, _trigger.Id, error.Code.ToString(), error.Reason);
        if (error.IsFatal || error.Code is ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed
            or ErrorCode.Local_Resolve or ErrorCode.TopicAuthorizationFailed or ErrorCode.GroupAuthorizationFailed)
        {
            _deps.Health.Report(_trigger.Id, KafkaProblem.Broker, $"{error.Code}: {error.Reason}");
        }
    }

    private void OnStatistics(string json)
    {
        _deps.Lag.Observe(_trigger.ConsumerGroup, json);
        if (BrokerStatus.Problem(json) is { } problem)
        {
            _deps.Health.Report(_trigger.Id, KafkaProblem.Broker, problem);
        }
        else
        {
            _deps.Health.Clear(_trigger.Id, KafkaProblem.Broker);
            _outages.Up();
        }
    }

    /// <summary>librdkafka's own log: a failed connection attempt (one per reconnect) goes through the outage log.</summary>
    private void OnLog(LogMessage message)
    {
        if (BrokerOutageLog.IsOutage(message.Facility)) _outages.Down(message.Message);
        else KafkaLog.Librdkafka(_logger, LevelOf(message.Level), _trigger.Id, message.Facility, message.Message);
    }

    private void Close(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Close();
        }
        catch (KafkaException e)
        {
            KafkaLog.ClientError(_logger, _trigger.Id, e.Error.Code.ToString(), $"closing the consumer: {e.Error.Reason}");
        }
    }

    private static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
