using System.Diagnostics;

namespace EtlStudio.Testing;

/// <summary>Writes an .xlsx with openpyxl (Debian's python3-openpyxl, provisioned by test.sh), so the reader is tested
/// against a writer other than the Open XML SDK.</summary>
public static class OpenpyxlWorkbook
{
    /// <summary>Debian's interpreter: the one python3-openpyxl installs into (a pyenv python3 on PATH does not see it).</summary>
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <c>path</c> bound to the file to write; returns the file's bytes.</summary>
    public static async Task<byte[]> WriteAsync(string script, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("etl-openpyxl-");
        try
        {
            var path = Path.Combine(folder.FullName, "book.xlsx");
            var file = Path.Combine(folder.FullName, "make.py");
            await File.WriteAllTextAsync(file, $"path = {Quote(path)}\n{script}", cancellationToken);
            var start = new ProcessStartInfo(Python, [file]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start");
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (error.Contains("No module named 'openpyxl'", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("python3-openpyxl is not installed: run ./test.sh once (it installs it) or apt-get install python3-openpyxl");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"the openpyxl script failed ({process.ExitCode}): {error}");
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
