using System.Globalization;
using System.Linq.Expressions;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Turns an expression's result into its column's type: the same type as is, a number into another number
/// only when it fits exactly (overflow or a lost fraction rejects the row), text through the column's own converter
/// (its format and culture), a date into another kind of date; a type that can never fit is a compile error.</summary>
internal static class ExpressionCoercion
{
    private static readonly Type[] Numbers = [typeof(int), typeof(long), typeof(decimal), typeof(double)];

    /// <summary>The column value of <paramref name="body"/> as an object (a row cell).</summary>
    public static Expression ToColumn(Expression body, ColumnMap map, ColumnConverter converter)
    {
        var target = TypeNames.Clr(map.Type);
        var from = Nullable.GetUnderlyingType(body.Type) ?? body.Type;
        var to = Nullable.GetUnderlyingType(target) ?? target;
        if (body is ConstantExpression { Value: null }) return Expression.Constant(null, typeof(object));
        if (from == to && map.Type != ColumnType.Json && map.Type != ColumnType.Decimal) return Box(body);
        if (map.Type == ColumnType.String) return Box(ExpressionMacros.Text(body));
        if (from == typeof(string) || map.Type == ColumnType.Json)
        {
            return Expression.Call(typeof(ExpressionCoercion), nameof(Parse), null, Expression.Constant(converter), ExpressionMacros.Text(body));
        }
        if (Array.IndexOf(Numbers, from) >= 0 && Array.IndexOf(Numbers, to) >= 0)
        {
            var wide = from == typeof(int) ? typeof(long?) : typeof(Nullable<>).MakeGenericType(from);
            var value = body.Type == wide ? body : Expression.Convert(body, wide);
            return to == typeof(decimal)
                ? Expression.Call(typeof(ExpressionCoercion), nameof(Decimal), null, value, Expression.Constant(map.Precision ?? 0), Expression.Constant(map.Scale ?? 0))
                : Expression.Call(typeof(ExpressionCoercion), to.Name, null, value);
        }
        var dates = from == typeof(DateOnly) || from == typeof(DateTime) || from == typeof(DateTimeOffset);
        if (dates && (to == typeof(DateOnly) || to == typeof(DateTime) || to == typeof(DateTimeOffset)))
        {
            var method = to == typeof(DateOnly) ? nameof(ExpressionFunctions.ToDate) : to == typeof(DateTime) ? nameof(ExpressionFunctions.ToDateTime) : nameof(Instant);
            var owner = method == nameof(Instant) ? typeof(ExpressionCoercion) : typeof(ExpressionFunctions);
            var nullable = typeof(Nullable<>).MakeGenericType(from);
            return Box(Expression.Call(owner.GetMethod(method, [nullable])!, body.Type == nullable ? body : Expression.Convert(body, nullable)));
        }
        throw new ExpressionException(null, $"the expression gives {TypeNames.Of(body.Type)}, which cannot be stored in a {map.Type} column");
    }

    private static Expression Box(Expression e) => e.Type == typeof(object) ? e : Expression.Convert(e, typeof(object));

    /// <summary>Text into a typed column, as a source value of the column would be converted.</summary>
    public static object? Parse(ColumnConverter converter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return converter.TryConvert(text.AsSpan().Trim(), null, out var value, out var reason) ? value : throw new FormatException($"'{text}' is {reason}");
    }

    public static object? Int32(long? x) => x is null ? null : x is >= int.MinValue and <= int.MaxValue ? (int)x.Value : throw TooLarge(x, "Int");
    public static object? Int32(decimal? x) => x is null ? null : Int32(Whole(x.Value, "Int"));
    public static object? Int32(double? x) => x is null ? null : Int32((decimal?)Finite(x.Value, "Int"));
    public static object? Int64(long? x) => x;
    public static object? Int64(decimal? x) => x is null ? null : x.Value is >= long.MinValue and <= long.MaxValue ? Whole(x.Value, "Long") : throw TooLarge(x, "Long");
    public static object? Int64(double? x) => x is null ? null : Int64((decimal?)Finite(x.Value, "Long"));
    public static object? Double(long? x) => x is null ? null : (double)x.Value;
    public static object? Double(decimal? x) => x is null ? null : (double)x.Value;
    public static object? Double(double? x) => x;
    public static object? Decimal(long? x, int precision, int scale) => Decimal((decimal?)x, precision, scale);
    public static object? Decimal(double? x, int precision, int scale) => x is null ? null : Decimal((decimal?)Finite(x.Value, "Decimal"), precision, scale);

    /// <summary>As the column converter does for text: never rounded, so too many decimals reject the row.</summary>
    public static object? Decimal(decimal? x, int precision, int scale)
    {
        if (x is not { } m || precision == 0) return x;
        if (m.Scale > scale && decimal.Round(m, scale) != m)
        {
            throw new OverflowException($"{m.ToString(CultureInfo.InvariantCulture)} has more than {scale} decimal places for decimal({precision},{scale}); round it with round(x, {scale})");
        }
        if (precision - scale < 29 && Math.Abs(decimal.Truncate(m)) >= Pow10(precision - scale))
        {
            throw new OverflowException($"{m.ToString(CultureInfo.InvariantCulture)} is too large for decimal({precision},{scale})");
        }
        return m;
    }

    public static DateTimeOffset? Instant(DateOnly? x) => x is null ? null : new DateTimeOffset(x.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public static DateTimeOffset? Instant(DateTime? x) => x is null ? null : new DateTimeOffset(DateTime.SpecifyKind(x.Value, DateTimeKind.Unspecified), TimeSpan.Zero);
    public static DateTimeOffset? Instant(DateTimeOffset? x) => x?.ToUniversalTime();

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }

    private static long Whole(decimal x, string type) =>
        decimal.Truncate(x) == x
            ? x is >= long.MinValue and <= long.MaxValue ? (long)x : throw TooLarge(x, type)
            : throw new OverflowException($"{x.ToString(CultureInfo.InvariantCulture)} is not a whole number for a {type} column; round it with round(x)");

    private static decimal Finite(double x, string type) =>
        double.IsFinite(x) && Math.Abs(x) < 7.9e28 ? (decimal)x : throw TooLarge(x, type);

    private static OverflowException TooLarge(object? x, string type) =>
        new($"{Convert.ToString(x, CultureInfo.InvariantCulture)} is out of range for a {type} column");
}
