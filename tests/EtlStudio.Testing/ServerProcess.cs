using System.Diagnostics;
using System.Text;

namespace EtlStudio.Testing;

/// <summary>Runs a helper command to completion and fails with its output when it fails.</summary>
internal static class ServerProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task RunAsync(string file, IEnumerable<string> args, string? runAsUser = null, TimeSpan? timeout = null)
    {
        var psi = runAsUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser");
        if (runAsUser is not null)
        {
            foreach (var a in new[] { "-u", runAsUser, "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        }
    }
}
