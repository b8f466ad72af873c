namespace EtlStudio.Engine;

/// <summary>Receives what a run wants its operator to know without failing it, such as an optional mapped field that
/// the input does not have. The runtime stores the messages with the run.</summary>
public interface IRunLog
{
    /// <summary>Records one warning; the message names the file, field or column it is about. A run warns once per
    /// cause, not once per row.</summary>
    void Warn(string message);

    /// <summary>Records one fact about the run worth keeping with it, such as how many entries a lookup loaded and how
    /// long that took. Not a warning: nothing needs attention. By default dropped, so a log that only keeps warnings
    /// need not change.</summary>
    void Info(string message)
    {
    }
}
