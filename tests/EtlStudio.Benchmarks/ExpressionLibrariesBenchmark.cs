using System.Diagnostics;
using System.Globalization;
using DynamicExpresso;

namespace EtlStudio.Benchmarks;

/// <summary><c>expression-libraries [rows] [rounds]</c>: the measurement behind the expression library choice (issue 13).
/// Three expressions of the kinds flows use (a condition choosing a text, decimal arithmetic with rounding, a filter) over
/// the same rows: DynamicExpresso parsed once and compiled to delegates, as the engine uses it, against NCalc parsed once
/// and evaluated per row with the row's parameters (the served NCalc has no compile-to-delegate package). Both must give
/// the same checksum; the times are printed per round with the load average.</summary>
internal sealed class ExpressionLibrariesBenchmark : IBenchmark
{
    public string Name => "expression-libraries";

    public string Description => "DynamicExpresso (compiled delegates) vs NCalc (evaluated per row): 3 expressions x 1M rows";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var random = new Random(7);
        var amounts = Enumerable.Range(0, 1000).Select(_ => random.Next(1, 100_000) / 100m).ToArray();
        var quantities = Enumerable.Range(0, 1000).Select(_ => random.Next(0, 200)).ToArray();
        string[] countries = ["NL", "DE", "FR", "US"];

        // NCalc's Round rounds half to even; the same here, so both give the same checksum.
        var interpreter = new Interpreter(InterpreterOptions.None)
            .SetFunction("round", (Func<decimal, int, decimal>)((d, n) => Math.Round(d, n, MidpointRounding.ToEven)));
        Parameter[] parameters = [new("amount", typeof(decimal)), new("qty", typeof(int)), new("country", typeof(string))];
        var size = interpreter.Parse("qty > 100 ? \"bulk\" : \"retail\"", typeof(string), parameters).Compile<Func<decimal, int, string, string>>();
        var gross = interpreter.Parse("round(amount * 1.21m, 2)", typeof(decimal), parameters).Compile<Func<decimal, int, string, decimal>>();
        var keep = interpreter.Parse("qty > 100 && country != \"NL\"", typeof(bool), parameters).Compile<Func<decimal, int, string, bool>>();

        var nSize = new NCalc.Expression("if([qty] > 100, 'bulk', 'retail')");
        var nGross = new NCalc.Expression("Round([amount] * 1.21, 2)", NCalc.ExpressionOptions.DecimalAsDefault);
        var nKeep = new NCalc.Expression("[qty] > 100 && [country] != 'NL'");

        var exit = 0;
        for (var round = 1; round <= rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var compiled = 0m;
            for (var i = 0; i < rows; i++)
            {
                var k = i % 1000;
                var (amount, qty, country) = (amounts[k], quantities[k], countries[k & 3]);
                compiled += size(amount, qty, country).Length + gross(amount, qty, country) + (keep(amount, qty, country) ? 1 : 0);
            }
            var compiledTime = watch.Elapsed;

            watch.Restart();
            var evaluated = 0m;
            for (var i = 0; i < rows; i++)
            {
                var k = i % 1000;
                nSize.Parameters["qty"] = quantities[k];
                nGross.Parameters["amount"] = amounts[k];
                nKeep.Parameters["qty"] = quantities[k];
                nKeep.Parameters["country"] = countries[k & 3];
                evaluated += ((string)nSize.Evaluate(CancellationToken.None)!).Length + Convert.ToDecimal(nGross.Evaluate(CancellationToken.None), CultureInfo.InvariantCulture) + ((bool)nKeep.Evaluate(CancellationToken.None)! ? 1 : 0);
            }
            var evaluatedTime = watch.Elapsed;
            if (compiled != evaluated) exit = 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: DynamicExpresso compiled {compiledTime.TotalMilliseconds,7:F0} ms   NCalc evaluated {evaluatedTime.TotalMilliseconds,7:F0} ms   ratio {evaluatedTime / compiledTime,5:F1}x   checksums {(compiled == evaluated ? "equal" : $"DIFFER {compiled} vs {evaluated}")}   load {File.ReadAllText("/proc/loadavg")[..14]}"));
        }
        return Task.FromResult(exit);
    }
}
