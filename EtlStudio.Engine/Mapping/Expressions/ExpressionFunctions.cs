using System.Linq.Expressions;
using DynamicExpresso;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>The functions expressions may call (README.md next to this file lists them with examples). Every
/// function takes and returns nullable values and gives null for a null input, unless it says otherwise.</summary>
/// <remarks>Functions whose result type depends on their arguments (iif, case, coalesce, nullif, min, max, concat,
/// to_text) and those that read the run (now, lookup) are registered as markers that <see cref="ExpressionMacros"/>
/// replaces with typed code after parsing.</remarks>
internal static partial class ExpressionFunctions
{
    // Field initializers run in text order: what Plain and Markers use comes first.
    private static readonly List<(string Name, Delegate Marker)> MarkerList = [];

    public static readonly Func<string?, string?, bool?> RegexMatchFunction = RegexMatch;
    public static readonly Func<string?, string?, string?, string?> RegexReplaceFunction = RegexReplace;

    private static readonly (string Name, Macro Macro, int MinArgs, int MaxArgs)[] MacroNames =
    [
        ("iif", Macro.If, 3, 3), ("if", Macro.If, 3, 3), ("case", Macro.Case, 2, 9), ("coalesce", Macro.Coalesce, 1, 8),
        ("nullif", Macro.NullIf, 2, 2), ("min", Macro.Min, 2, 8), ("max", Macro.Max, 2, 8), ("concat", Macro.Concat, 1, 15),
        ("to_text", Macro.ToText, 1, 1), ("now", Macro.Now, 0, 0), ("lookup", Macro.Lookup, 3, 3),
    ];

    /// <summary>The types a value can have; the typed macros have one overload per type, so that the parser knows
    /// their result type (<c>coalesce(qty, 0) + 1</c>) and picks the overload as C# picks a method.</summary>
    private static readonly Type[] ValueTypes =
    [
        typeof(string), typeof(int?), typeof(long?), typeof(decimal?), typeof(double?), typeof(bool?), typeof(DateOnly?),
        typeof(DateTime?), typeof(DateTimeOffset?), typeof(Guid?),
    ];

    /// <summary>The marker delegates of the macros, by delegate.</summary>
    public static readonly IReadOnlyDictionary<Delegate, Macro> Markers = CreateMarkers();

    private static readonly (string Name, Delegate Function)[] Plain =
    [
        ("upper", (Func<string?, string?>)Upper),
        ("lower", (Func<string?, string?>)Lower),
        ("trim", (Func<string?, string?>)Trim),
        ("length", (Func<string?, int?>)Length),
        ("substring", (Func<string?, int?, int?, string?>)Substring),
        ("substring", (Func<string?, int?, string?>)Substring),
        ("replace", (Func<string?, string?, string?, string?>)Replace),
        ("lpad", (Func<string?, int?, string?, string?>)Lpad),
        ("lpad", (Func<string?, int?, string?>)Lpad),
        ("rpad", (Func<string?, int?, string?, string?>)Rpad),
        ("rpad", (Func<string?, int?, string?>)Rpad),
        ("regex_match", RegexMatchFunction),
        ("regex_replace", RegexReplaceFunction),
        ("sha256", (Func<string?, string?>)Sha256),
        ("round", (Func<decimal?, int?, decimal?>)Round),
        ("round", (Func<double?, int?, double?>)Round),
        ("round", (Func<long?, int?, long?>)Round),
        ("round", (Func<decimal?, decimal?>)Round),
        ("round", (Func<double?, double?>)Round),
        ("round", (Func<long?, long?>)Round),
        ("abs", (Func<long?, long?>)Abs),
        ("abs", (Func<decimal?, decimal?>)Abs),
        ("abs", (Func<double?, double?>)Abs),
        ("floor", (Func<long?, long?>)Floor),
        ("floor", (Func<decimal?, decimal?>)Floor),
        ("floor", (Func<double?, double?>)Floor),
        ("ceiling", (Func<long?, long?>)Ceiling),
        ("ceiling", (Func<decimal?, decimal?>)Ceiling),
        ("ceiling", (Func<double?, double?>)Ceiling),
        ("parse_date", (Func<string?, string?, DateTime?>)ParseDate),
        ("format_date", (Func<DateOnly?, string?, string?>)FormatDate),
        ("format_date", (Func<DateTime?, string?, string?>)FormatDate),
        ("format_date", (Func<DateTimeOffset?, string?, string?>)FormatDate),
        ("add_days", (Func<DateOnly?, int?, DateOnly?>)AddDays),
        ("add_days", (Func<DateTime?, decimal?, DateTime?>)AddDays),
        ("add_days", (Func<DateTimeOffset?, decimal?, DateTimeOffset?>)AddDays),
        ("add_months", (Func<DateOnly?, int?, DateOnly?>)AddMonths),
        ("add_months", (Func<DateTime?, int?, DateTime?>)AddMonths),
        ("add_months", (Func<DateTimeOffset?, int?, DateTimeOffset?>)AddMonths),
        ("add_hours", (Func<DateTime?, decimal?, DateTime?>)AddHours),
        ("add_hours", (Func<DateTimeOffset?, decimal?, DateTimeOffset?>)AddHours),
        ("add_minutes", (Func<DateTime?, decimal?, DateTime?>)AddMinutes),
        ("add_minutes", (Func<DateTimeOffset?, decimal?, DateTimeOffset?>)AddMinutes),
        ("date_part", (Func<string?, DateOnly?, int?>)DatePart),
        ("date_part", (Func<string?, DateTime?, int?>)DatePart),
        ("date_part", (Func<string?, DateTimeOffset?, int?>)DatePart),
        ("date_trunc", (Func<string?, DateOnly?, DateOnly?>)DateTrunc),
        ("date_trunc", (Func<string?, DateTime?, DateTime?>)DateTrunc),
        ("date_trunc", (Func<string?, DateTimeOffset?, DateTimeOffset?>)DateTrunc),
        ("to_zone", (Func<DateTimeOffset?, string?, DateTime?>)ToZone),
        ("to_zone", (Func<DateTime?, string?, DateTime?>)ToZone),
        ("from_zone", (Func<DateTime?, string?, DateTimeOffset?>)FromZone),
        ("to_int", (Func<string?, int?>)ToInt),
        ("to_int", (Func<long?, int?>)ToInt),
        ("to_int", (Func<decimal?, int?>)ToInt),
        ("to_int", (Func<double?, int?>)ToInt),
        ("to_long", (Func<string?, long?>)ToLong),
        ("to_long", (Func<long?, long?>)ToLong),
        ("to_long", (Func<decimal?, long?>)ToLong),
        ("to_long", (Func<double?, long?>)ToLong),
        ("to_decimal", (Func<string?, decimal?>)ToDecimal),
        ("to_decimal", (Func<long?, decimal?>)ToDecimal),
        ("to_decimal", (Func<decimal?, decimal?>)ToDecimal),
        ("to_decimal", (Func<double?, decimal?>)ToDecimal),
        ("to_double", (Func<string?, double?>)ToDouble),
        ("to_double", (Func<long?, double?>)ToDouble),
        ("to_double", (Func<decimal?, double?>)ToDouble),
        ("to_double", (Func<double?, double?>)ToDouble),
        ("to_bool", (Func<string?, bool?>)ToBool),
        ("to_date", (Func<string?, DateOnly?>)ToDate),
        ("to_date", (Func<DateTime?, DateOnly?>)ToDate),
        ("to_date", (Func<DateTimeOffset?, DateOnly?>)ToDate),
        ("to_datetime", (Func<string?, DateTime?>)ToDateTime),
        ("to_datetime", (Func<DateOnly?, DateTime?>)ToDateTime),
        ("to_datetime", (Func<DateTimeOffset?, DateTime?>)ToDateTime),
        ("to_guid", (Func<string?, Guid?>)ToGuid),
    ];

    /// <summary>Every function name the language knows, for messages.</summary>
    public static IEnumerable<string> Names => Plain.Select(f => f.Name).Concat(MacroNames.Select(m => m.Name)).Distinct();

    /// <summary>Registers every function on <paramref name="interpreter"/>; nothing else is reachable from an expression.</summary>
    public static void Register(Interpreter interpreter)
    {
        foreach (var (name, function) in Plain) interpreter.SetFunction(name, function);
        foreach (var (name, marker) in MarkerList) interpreter.SetFunction(name, marker);
    }

    private static Dictionary<Delegate, Macro> CreateMarkers()
    {
        var markers = new Dictionary<Delegate, Macro>();
        foreach (var (name, macro, min, max) in MacroNames)
        {
            for (var arity = min; arity <= max; arity++)
            {
                foreach (var (parameters, result) in Signatures(macro, arity))
                {
                    var marker = Marker(parameters, result);
                    markers.Add(marker, macro);
                    MarkerList.Add((name, marker));
                }
            }
        }
        return markers;
    }

    private static IEnumerable<(Type[] Parameters, Type Result)> Signatures(Macro macro, int arity)
    {
        switch (macro)
        {
            case Macro.Concat or Macro.ToText:
                yield return ([.. Enumerable.Repeat(typeof(object), arity)], typeof(string));
                break;
            case Macro.Now:
                yield return ([], typeof(DateTimeOffset));
                break;
            case Macro.Lookup:
                yield return ([typeof(string), typeof(object), typeof(string)], typeof(string));
                break;
            default:
                foreach (var type in ValueTypes)
                {
                    yield return ([.. Enumerable.Range(0, arity).Select(i => IsCondition(macro, arity, i) ? typeof(bool?) : type)], type);
                }
                break;
        }
    }

    // iif(condition, a, b); case(condition1, value1, …, [else]): the conditions are the even arguments but an odd last one.
    private static bool IsCondition(Macro macro, int arity, int index) =>
        macro == Macro.If ? index == 0 : macro == Macro.Case && index % 2 == 0 && !(arity % 2 == 1 && index == arity - 1);

    /// <summary>A delegate the parser can bind to; its body never runs because <see cref="ExpressionMacros"/> replaces the call.</summary>
    private static Delegate Marker(Type[] parameters, Type result)
    {
        var arguments = parameters.Select((p, i) => Expression.Parameter(p, "a" + i)).ToArray();
        var type = Expression.GetFuncType([.. parameters, result]);
        return Expression.Lambda(type, Expression.Default(result), arguments).Compile(preferInterpretation: true);
    }
}
