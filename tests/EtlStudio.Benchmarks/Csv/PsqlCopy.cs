using System.Diagnostics;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>The reference: psql's client-side <c>\copy</c> of the same file, text COPY in CSV format, no mapping.</summary>
internal static class PsqlCopy
{
    private const string Psql = "/usr/bin/psql";

    /// <summary>Runs psql to completion; the time is the whole psql process (start-up included, a few ms).</summary>
    public static async Task<TimeSpan> RunAsync(int port, string database, string table, string csvPath, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(Psql) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-c" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add($"\\copy {table} FROM '{csvPath.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, HEADER)");
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("psql did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed ({process.ExitCode}): {await stderr}{await stdout}");
        return elapsed;
    }
}
