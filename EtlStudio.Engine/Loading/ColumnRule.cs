using System.Globalization;

namespace EtlStudio.Engine.Loading;

/// <summary>What one destination column refuses, decided once per run from its catalog facts and checked on every
/// mapped value. Each provider builds its rules (<c>PostgresRules</c>, <c>SqlServerRules</c>, …) and only from facts
/// it knows the database enforces: a rule that is unsure stays a lower bound, so a value it lets through may still
/// be refused by the server, but a value it refuses would never have loaded.</summary>
internal sealed class ColumnRule
{
    private readonly string _column;
    private readonly string _type;
    private readonly bool _notNull;
    private readonly int _maxLength;
    private readonly TextCount _count;
    private readonly NulRule _nul;
    private readonly bool _numeric;
    private readonly decimal _limit;

    /// <param name="column">Target column name, as the reject names it.</param>
    /// <param name="type">Column type as the reason shows it (<c>varchar(10)</c>, <c>numeric(5,2)</c>).</param>
    /// <param name="notNull">Refuses null.</param>
    /// <param name="maxLength">Longest text, counted as <paramref name="count"/> says; 0: no limit.</param>
    /// <param name="count">How text length is counted.</param>
    /// <param name="nul">Whether text may hold U+0000.</param>
    /// <param name="precision">Exact-numeric precision; null: no limit on numbers.</param>
    /// <param name="scale">Exact-numeric scale.</param>
    /// <param name="roundsToScale">The database rounds to <paramref name="scale"/> before it checks the precision
    /// (PostgreSQL, Oracle), so 999.995 does not fit (5,2); false: only values at or beyond 10^(p-s) are refused.</param>
    public ColumnRule(string column, string type, bool notNull = false, int maxLength = 0, TextCount count = TextCount.Utf16,
        NulRule nul = NulRule.Allowed, int? precision = null, int scale = 0, bool roundsToScale = false)
    {
        (_column, _type, _notNull, _maxLength, _count, _nul) = (column, type, notNull, Math.Max(maxLength, 0), count, nul);
        if (precision is { } p && Limit(p, scale, roundsToScale) is { } limit) (_numeric, _limit) = (true, limit);
    }

    /// <summary>Target column name.</summary>
    public string Column => _column;

    /// <summary>True when no value can break the rule: the run need not look at this column.</summary>
    public bool IsEmpty => !_notNull && _maxLength == 0 && _nul == NulRule.Allowed && !_numeric;

    /// <summary>Why the database would refuse <paramref name="value"/> (a mapped value: string, number, date… or
    /// null), or null when it fits. Allocates only for a value that does not fit.</summary>
    public string? Violation(object? value)
    {
        // The common case — a value that fits a column with one or two rules — is a type test and a flag or two.
        if (value is null) return _notNull ? $"column {_column} is NOT NULL" : null;
        if (value is string text) return _nul != NulRule.Allowed || _maxLength > 0 ? TextViolation(text) : null;
        return _numeric ? NumberViolation(value) : null;
    }

    private string? TextViolation(string text)
    {
        if (_nul != NulRule.Allowed && NulProblem(text) is { } nul) return nul;
        return _maxLength > 0 && text.Length > _maxLength && TooLong(text) ? $"value is {Length(text)} characters, column {_column} is {_type}" : null;
    }

    private string? NumberViolation(object value)
    {
        decimal number;
        switch (value)
        {
            case decimal d: number = d; break;
            case int i: number = i; break;
            case long l: number = l; break;
            default: return null;
        }
        return Math.Abs(number) >= _limit ? $"{number.ToString(CultureInfo.InvariantCulture)} does not fit {_type}" : null;
    }

    private string? NulProblem(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal)) return "text contains a NUL character (U+0000), which PostgreSQL text cannot store";
        return _nul == NulRule.RefusedAlsoEscaped && HasJsonNulEscape(text)
            ? @"JSON contains the escape \u0000, which PostgreSQL jsonb cannot store"
            : null;
    }

    /// <summary>A <c>\u0000</c> that is an escape, not the text <c>\\u0000</c> (a backslash escaped, then "u0000").</summary>
    private static bool HasJsonNulEscape(string json)
    {
        for (var at = json.IndexOf(@"\u0000", StringComparison.Ordinal); at >= 0; at = json.IndexOf(@"\u0000", at + 1, StringComparison.Ordinal))
        {
            var backslashes = 0;
            for (var i = at - 1; i >= 0 && json[i] == '\\'; i--) backslashes++;
            if (backslashes % 2 == 0) return true;
        }
        return false;
    }

    /// <summary>Called only when the UTF-16 length is over the limit: the exact count may still fit.</summary>
    private bool TooLong(string text)
    {
        if (_count == TextCount.Utf16) return true;
        var chars = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (chars == _maxLength) break;
            chars++;
            end += rune.Utf16SequenceLength;
        }
        if (end == text.Length) return false;
        return _count != TextCount.CodePointsSpacesCut || text.AsSpan(end).TrimStart(' ').Length > 0;
    }

    /// <summary>The length as the database counts it, for the reason.</summary>
    private int Length(string text)
    {
        if (_count == TextCount.Utf16) return text.Length;
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    /// <summary>Smallest absolute value that no longer fits (p, s): 10^(p-s), less half a unit of the scale where the
    /// database rounds first. Null when no decimal can reach it.</summary>
    internal static decimal? Limit(int precision, int scale, bool roundsToScale)
    {
        var digits = precision - scale;
        if (digits is > 28 or < -28) return null;
        var bound = Pow10(digits);
        // Half a unit of the scale: 5·10^-(s+1); below decimal's resolution (28 places) nothing rounds up.
        var half = roundsToScale && scale + 1 <= 28 ? Pow10(-(scale + 1)) * 5 : 0m;
        return bound - half;
    }

    private static decimal Pow10(int exponent)
    {
        if (exponent < 0) return new decimal(1, 0, 0, false, (byte)-exponent);
        var value = 1m;
        for (var i = 0; i < exponent; i++) value *= 10;
        return value;
    }
}
