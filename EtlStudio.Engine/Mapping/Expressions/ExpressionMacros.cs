using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Rewrites a parsed expression tree: the macro markers become typed code, constant regular expressions
/// are compiled once, constant time zones and date parts are checked, and anything outside the language (object
/// creation, methods of other types) is refused.</summary>
/// <param name="row">The parameter the compiled delegate reads the row from.</param>
/// <param name="lookupSlot">The slot of a (lookup, field) pair the expression reads.</param>
internal sealed class ExpressionMacros(ParameterExpression row, Func<string, string, int> lookupSlot) : ExpressionVisitor
{
    private static readonly HashSet<Type> AllowedTypes =
    [
        typeof(ExpressionRow), typeof(RunValues), typeof(ExpressionFunctions), typeof(ExpressionValues), typeof(string), typeof(object),
        typeof(int), typeof(long), typeof(decimal), typeof(double), typeof(bool), typeof(DateOnly), typeof(DateTime),
        typeof(DateTimeOffset), typeof(Guid), typeof(Math),
    ];

    protected override Expression VisitInvocation(InvocationExpression node)
    {
        if (node.Expression is not ConstantExpression { Value: Delegate function }) return base.VisitInvocation(node);
        var visited = node.Arguments.Select(Visit).ToArray();
        var args = visited.Select(a => Unbox(a!)).ToArray();
        if (ExpressionFunctions.Markers.TryGetValue(function, out var macro)) return Build(macro, args);
        if (ReferenceEquals(function, ExpressionFunctions.RegexMatchFunction) && Constant(args[1]) is { } matchPattern)
        {
            var regex = Regex(matchPattern);
            return Expression.Invoke(Expression.Constant((Func<string?, bool?>)(s => s is null ? null : regex.IsMatch(s))), args[0]);
        }
        if (ReferenceEquals(function, ExpressionFunctions.RegexReplaceFunction) && Constant(args[1]) is { } replacePattern)
        {
            var regex = Regex(replacePattern);
            return Expression.Invoke(Expression.Constant((Func<string?, string?, string?>)((s, r) => s is null ? null : regex.Replace(s, r ?? ""))), args[0], args[2]);
        }
        CheckConstants(function.Method.Name, args);
        return node.Update(node.Expression, visited!);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var type = node.Method.DeclaringType is { IsGenericType: true } g ? g.GetGenericTypeDefinition() : node.Method.DeclaringType;
        if (type is null || !(AllowedTypes.Contains(type) || type == typeof(Nullable<>)) || node.Method.Name == nameof(GetType))
        {
            throw new ExpressionException(null, $"'{node.Method.Name}' is not part of the expression language");
        }
        return base.VisitMethodCall(node);
    }

    /// <summary>Whole-number arithmetic is checked: an overflow rejects the row instead of wrapping to a wrong value.</summary>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        var visited = (BinaryExpression)base.VisitBinary(node);
        var type = Nullable.GetUnderlyingType(visited.Type) ?? visited.Type;
        if (type != typeof(int) && type != typeof(long)) return visited;
        var checkedType = visited.NodeType switch
        {
            ExpressionType.Add => ExpressionType.AddChecked,
            ExpressionType.Subtract => ExpressionType.SubtractChecked,
            ExpressionType.Multiply => ExpressionType.MultiplyChecked,
            _ => visited.NodeType,
        };
        return checkedType == visited.NodeType ? visited : Expression.MakeBinary(checkedType, visited.Left, visited.Right, visited.IsLiftedToNull, visited.Method);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        var visited = (UnaryExpression)base.VisitUnary(node);
        var type = Nullable.GetUnderlyingType(visited.Type) ?? visited.Type;
        return visited.NodeType == ExpressionType.Negate && (type == typeof(int) || type == typeof(long))
            ? Expression.NegateChecked(visited.Operand, visited.Method)
            : visited;
    }

    protected override Expression VisitNew(NewExpression node) =>
        throw new ExpressionException(null, "creating objects is not part of the expression language");

    protected override Expression VisitLambda<T>(Expression<T> node) =>
        throw new ExpressionException(null, "lambdas are not part of the expression language");

    private Expression Build(Macro macro, Expression[] args)
    {
        switch (macro)
        {
            case Macro.If:
                var branches = Unify("iif", args[1..]);
                return Expression.Condition(Condition("iif", args[0]), branches[0], branches[1]);
            case Macro.Case:
                return Case(args);
            case Macro.Coalesce:
                var values = Unify("coalesce", args);
                return values.Reverse().Aggregate((rest, value) => Expression.Coalesce(value, rest));
            case Macro.NullIf:
                var pair = Unify("nullif", args);
                return Expression.Condition(Expression.Equal(pair[0], pair[1]), Expression.Constant(null, pair[0].Type), pair[0]);
            case Macro.Min or Macro.Max:
                return Extreme(macro, Unify(macro == Macro.Min ? "min" : "max", args));
            case Macro.Concat:
                return Expression.Call(typeof(ExpressionValues), nameof(ExpressionValues.Concat), null,
                    Expression.NewArrayInit(typeof(string), args.Select(Text)));
            case Macro.ToText:
                return Text(args[0]);
            case Macro.Now:
                return Expression.Property(Expression.Field(row, nameof(ExpressionRow.Run)), nameof(RunValues.LoadTime));
            case Macro.Lookup:
                if (Constant(args[0]) is not { } lookup || Constant(args[2]) is not { } field)
                {
                    throw new ExpressionException(null, "lookup(name, key, field): the lookup's name and field must be text in quotes, e.g. lookup('countries', country_code, 'name')");
                }
                return Expression.Call(row, nameof(ExpressionRow.Lookup), null, Expression.Constant(lookupSlot(lookup, field)), Text(args[1]));
            default:
                throw new InvalidOperationException($"macro {macro} has no rewrite");
        }
    }

    private static Expression Case(Expression[] args)
    {
        var pairs = args.Length / 2;
        var results = Unify("case", [.. Enumerable.Range(0, pairs).Select(p => args[p * 2 + 1]), args.Length % 2 == 1 ? args[^1] : Expression.Constant(null)]);
        Expression result = results[^1];
        for (var p = pairs - 1; p >= 0; p--)
        {
            result = Expression.Condition(Condition("case", args[p * 2]), results[p], result);
        }
        return result;
    }

    private static Expression Extreme(Macro macro, Expression[] values)
    {
        var type = values[0].Type;
        MethodInfo method;
        if (type == typeof(string))
        {
            method = typeof(ExpressionFunctions).GetMethod(macro == Macro.Min ? nameof(ExpressionFunctions.LeastText) : nameof(ExpressionFunctions.GreatestText))!;
        }
        else
        {
            var underlying = Nullable.GetUnderlyingType(type)!;
            if (!typeof(IComparable<>).MakeGenericType(underlying).IsAssignableFrom(underlying))
            {
                throw new ExpressionException(null, $"{(macro == Macro.Min ? "min" : "max")} cannot compare {TypeNames.Of(type)} values");
            }
            method = typeof(ExpressionFunctions).GetMethod(macro == Macro.Min ? nameof(ExpressionFunctions.Least) : nameof(ExpressionFunctions.Greatest))!
                .MakeGenericMethod(underlying);
        }
        return values.Aggregate((acc, value) => Expression.Call(method, acc, value));
    }

    /// <summary>A condition argument: bool as is; a null bool? counts as false (SQL: unknown is not true).</summary>
    private static Expression Condition(string function, Expression condition)
    {
        if (condition.Type == typeof(bool)) return condition;
        if (condition.Type == typeof(bool?)) return Expression.Equal(condition, Expression.Constant(true, typeof(bool?)));
        throw new ExpressionException(null, $"{function}: a condition must be true or false, not {TypeNames.Of(condition.Type)}");
    }

    /// <summary>The values of iif, case, coalesce, nullif, min and max as one type: the same type made nullable, or
    /// for numbers the widest of them (int → long → decimal → double; decimal and double together are decimal).</summary>
    private static Expression[] Unify(string function, Expression[] values)
    {
        var typed = values.Where(v => !IsNullLiteral(v)).Select(v => v.Type).ToList();
        Type target;
        if (typed.Count == 0)
        {
            target = typeof(string);
        }
        else
        {
            var bases = typed.Select(t => Nullable.GetUnderlyingType(t) ?? t).Distinct().ToList();
            var single = bases.Count == 1 ? bases[0] : NumericRank(bases) is { } widest ? widest : null;
            if (single is null)
            {
                throw new ExpressionException(null, $"{function}: the values have different types ({string.Join(", ", bases.Select(TypeNames.Of))})");
            }
            target = single.IsValueType ? typeof(Nullable<>).MakeGenericType(single) : single;
        }
        return [.. values.Select(v => IsNullLiteral(v) ? Expression.Constant(null, target) : v.Type == target ? v : Expression.Convert(v, target))];
    }

    private static readonly Type[] Numbers = [typeof(int), typeof(long), typeof(double), typeof(decimal)];

    private static Type? NumericRank(List<Type> types) =>
        types.All(t => Array.IndexOf(Numbers, t) >= 0) ? Numbers[types.Max(t => Array.IndexOf(Numbers, t))] : null;

    /// <summary>A value as text (invariant, ISO dates) without boxing it.</summary>
    public static Expression Text(Expression value)
    {
        if (IsNullLiteral(value)) return Expression.Constant(null, typeof(string));
        if (value.Type == typeof(string)) return value;
        if (value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null)
        {
            value = Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type));
        }
        var method = typeof(ExpressionValues).GetMethod(nameof(ExpressionValues.Text), [value.Type]);
        return method is not null
            ? Expression.Call(method, value)
            : Expression.Call(typeof(ExpressionValues).GetMethod(nameof(ExpressionValues.Text), [typeof(object)])!, Expression.Convert(value, typeof(object)));
    }

    private static void CheckConstants(string method, Expression[] args)
    {
        if (method is nameof(ExpressionFunctions.ToZone) or nameof(ExpressionFunctions.FromZone) && Constant(args[1]) is { } zone)
        {
            Rethrow(() => ExpressionFunctions.Zone(zone));
        }
        if (method is nameof(ExpressionFunctions.DatePart) or nameof(ExpressionFunctions.DateTrunc) && Constant(args[0]) is { } part
            && !ExpressionFunctions.DateParts.Contains(part.ToLowerInvariant()))
        {
            throw new ExpressionException(null, $"unknown date part '{part}' (known: {string.Join(", ", ExpressionFunctions.DateParts)})");
        }
    }

    private static Regex Regex(string pattern)
    {
        Regex? regex = null;
        Rethrow(() => regex = new Regex(pattern, RegexOptions.CultureInvariant, ExpressionFunctions.RegexTimeout), $"invalid regular expression '{pattern}': ");
        return regex!;
    }

    private static void Rethrow(Action action, string prefix = "")
    {
        try
        {
            action();
        }
        catch (ArgumentException e)
        {
            throw new ExpressionException(null, prefix + e.Message);
        }
    }

    private static string? Constant(Expression e) => e is ConstantExpression { Value: string s } ? s : null;

    private static bool IsNullLiteral(Expression e) => e is ConstantExpression { Value: null } c && (c.Type == typeof(object) || !c.Type.IsValueType);

    private static Expression Unbox(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert } u && u.Type == typeof(object)) e = u.Operand;
        return e;
    }
}
