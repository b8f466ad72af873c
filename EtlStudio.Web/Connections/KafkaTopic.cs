using EtlStudio.Data.Configurations;

namespace EtlStudio.Web.Connections;

/// <summary>Kafka's own rule for topic names: 1–249 characters from <c>a-z A-Z 0-9 . _ -</c>, not <c>.</c> or <c>..</c>.</summary>
internal static class KafkaTopic
{
    /// <summary>Null when <paramref name="topic"/> is a valid topic name; otherwise why not.</summary>
    public static string? Problem(string topic)
    {
        if (topic.Length == 0) return "Enter a topic.";
        if (topic.Length > FieldLengths.Topic) return $"At most {FieldLengths.Topic} characters.";
        if (topic is "." or ".." || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return $"'{topic}' is not a valid Kafka topic: use letters, digits, '.', '_' and '-'.";
        }
        return null;
    }
}
