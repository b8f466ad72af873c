using System.Text;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>The lexical pre-pass over an expression before DynamicExpresso parses it: the parts of the language that
/// are not C# become C#, and every position in the rewritten text maps back to the user's text for error messages.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>'single quoted' text is a string like "double quoted" (there is no char type; <c>''</c> inside is a quote).</item>
/// <item><c>[Order Id]</c> names a field or column whose name is not an identifier; it becomes a placeholder name.</item>
/// <item><c>and</c>, <c>or</c>, <c>not</c>, a lone <c>=</c> and <c>&lt;&gt;</c> become <c>&amp;&amp; || ! == !=</c>.</item>
/// <item>A number with a decimal point and no exponent or suffix is a decimal (money), not a double.</item>
/// <item>A dot outside strings and numbers is refused: member access (<c>x.GetType()</c>, <c>System.IO</c>) is not
/// part of the language, which keeps expressions to the registered functions.</item>
/// </list>
/// </remarks>
internal sealed class ExpressionText
{
    /// <summary>Prefix of the placeholder identifiers that stand for bracketed names; user names may not start with it.</summary>
    public const string PlaceholderPrefix = "__n";

    private readonly List<(int Out, int In)> _anchors = [];

    private ExpressionText(string original) => Original = original;

    /// <summary>The expression as written.</summary>
    public string Original { get; }

    /// <summary>The C# text DynamicExpresso parses.</summary>
    public string Rewritten { get; private set; } = "";

    /// <summary>Names the expression reads (identifiers not followed by '(' and bracketed names), with the position of
    /// their first use in <see cref="Original"/>; the key is the identifier in <see cref="Rewritten"/>.</summary>
    public List<NameUse> Names { get; } = [];

    /// <summary>Calls of <c>lookup(</c> whose first argument is not a string constant: their positions.</summary>
    public List<int> NonConstantLookups { get; } = [];

    /// <summary>Rewrites <paramref name="expression"/>; a lexical error throws <see cref="ExpressionException"/> with its position.</summary>
    public static ExpressionText Rewrite(string expression)
    {
        var text = new ExpressionText(expression);
        text.Run();
        return text;
    }

    /// <summary>The position in <see cref="Original"/> of position <paramref name="rewritten"/> of <see cref="Rewritten"/>.</summary>
    public int OriginalPosition(int rewritten)
    {
        var (outAt, inAt) = (0, 0);
        foreach (var anchor in _anchors)
        {
            if (anchor.Out > rewritten) break;
            (outAt, inAt) = anchor;
        }
        return Math.Clamp(inAt + (rewritten - outAt), 0, Original.Length);
    }

    private void Run()
    {
        var s = Original;
        var o = new StringBuilder(s.Length + 8);
        var i = 0;
        while (i < s.Length)
        {
            _anchors.Add((o.Length, i));
            var c = s[i];
            if (c == '\'')
            {
                i = SingleQuoted(s, i, o);
            }
            else if (c == '"')
            {
                i = DoubleQuoted(s, i, o);
            }
            else if (c == '[')
            {
                var end = s.IndexOf(']', i + 1);
                if (end < 0) throw new ExpressionException(i, "'[' without its closing ']'");
                var name = s[(i + 1)..end];
                if (name.Trim().Length == 0) throw new ExpressionException(i, "'[]' names nothing");
                var placeholder = PlaceholderPrefix + Names.Count;
                Names.Add(new NameUse(placeholder, name, i));
                o.Append(placeholder);
                i = end + 1;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                i = Identifier(s, i, o);
            }
            else if (char.IsAsciiDigit(c))
            {
                i = Number(s, i, o);
            }
            else if (c == '.')
            {
                throw new ExpressionException(i, "'.' is not part of the language (no member access); write a name with dots as [customer.address.city]");
            }
            else if (c == '=' && (i + 1 >= s.Length || s[i + 1] != '=') && (i == 0 || "=!<>".IndexOf(s[i - 1]) < 0))
            {
                o.Append("==");
                i++;
            }
            else if (c == '<' && i + 1 < s.Length && s[i + 1] == '>')
            {
                o.Append("!=");
                i += 2;
            }
            else
            {
                o.Append(c);
                i++;
            }
        }
        _anchors.Add((o.Length, s.Length));
        Rewritten = o.ToString();
    }

    private static int SingleQuoted(string s, int start, StringBuilder o)
    {
        o.Append('"');
        var i = start + 1;
        while (true)
        {
            if (i >= s.Length) throw new ExpressionException(start, "text in quotes without its closing quote");
            var c = s[i];
            if (c == '\'')
            {
                if (i + 1 < s.Length && s[i + 1] == '\'')
                {
                    o.Append('\'');
                    i += 2;
                    continue;
                }
                o.Append('"');
                return i + 1;
            }
            // Single-quoted text has no escapes (SQL): a backslash or a double quote is itself.
            if (c is '"' or '\\') o.Append('\\');
            o.Append(c);
            i++;
        }
    }

    private static int DoubleQuoted(string s, int start, StringBuilder o)
    {
        var i = start + 1;
        while (i < s.Length && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
        if (i >= s.Length) throw new ExpressionException(start, "text in quotes without its closing quote");
        o.Append(s, start, i + 1 - start);
        return i + 1;
    }

    private int Identifier(string s, int start, StringBuilder o)
    {
        var i = start;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
        var word = s[start..i];
        switch (word.ToLowerInvariant())
        {
            case "and": o.Append("&& "); return i;
            case "or": o.Append("||"); return i;
            case "not": o.Append("!  "); return i;
            case "true" or "false" or "null": o.Append(word.ToLowerInvariant()); return i;
        }
        if (word.StartsWith(PlaceholderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ExpressionException(start, $"names starting with '{PlaceholderPrefix}' are reserved; write [{word}]");
        }
        var next = i;
        while (next < s.Length && char.IsWhiteSpace(s[next])) next++;
        var isCall = next < s.Length && s[next] == '(';
        if (!isCall)
        {
            Names.Add(new NameUse(word, word, start));
        }
        else if (word.Equals("lookup", StringComparison.OrdinalIgnoreCase))
        {
            var arg = next + 1;
            while (arg < s.Length && char.IsWhiteSpace(s[arg])) arg++;
            if (arg >= s.Length || (s[arg] != '\'' && s[arg] != '"')) NonConstantLookups.Add(arg);
        }
        o.Append(word);
        return i;
    }

    private static int Number(string s, int start, StringBuilder o)
    {
        var i = start;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        var isReal = false;
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            isReal = true;
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        var exponent = false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            exponent = true;
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        var suffix = i;
        while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
        o.Append(s, start, i - start);
        if (isReal && !exponent && suffix == i) o.Append('m');
        return i;
    }
}
