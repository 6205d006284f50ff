namespace Depwatch.Core.Policies;

/// <summary>
/// Reads an SPDX license expression (<c>(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0</c>):
/// <c>+</c> binds tightest, then WITH, AND, OR; operators in any case.
/// </summary>
internal sealed class SpdxExpressionParser
{
    private const int MaxDepth = 32;

    private readonly List<string> _tokens;
    private int _next;

    private SpdxExpressionParser(List<string> tokens) => _tokens = tokens;

    /// <summary>The expression's tree, or null when it is not a well-formed SPDX expression.</summary>
    public static LicenseTerm? Parse(string expression)
    {
        var parser = new SpdxExpressionParser(Tokenise(expression));
        var term = parser.AnyOf(0);
        return term is not null && parser._next == parser._tokens.Count ? term : null;
    }

    private LicenseTerm? AnyOf(int depth)
    {
        var terms = Sequence(() => AllOf(depth), "OR");
        return terms is null ? null : terms.Count == 1 ? terms[0] : new LicenseAnyOf(terms);
    }

    private LicenseTerm? AllOf(int depth)
    {
        var terms = Sequence(() => Simple(depth), "AND");
        return terms is null ? null : terms.Count == 1 ? terms[0] : new LicenseAll(terms);
    }

    private List<LicenseTerm>? Sequence(Func<LicenseTerm?> item, string separator)
    {
        var terms = new List<LicenseTerm>();
        do
        {
            if (item() is not { } term)
            {
                return null;
            }
            terms.Add(term);
        }
        while (Accept(separator));
        return terms;
    }

    private LicenseTerm? Simple(int depth)
    {
        if (depth > MaxDepth || _next >= _tokens.Count)
        {
            return null;
        }
        if (Accept("("))
        {
            var inner = AnyOf(depth + 1);
            return inner is not null && Accept(")") ? inner : null;
        }
        var id = _tokens[_next++];
        if (IsReserved(id))
        {
            return null;
        }
        var orLater = id.EndsWith('+');
        id = id.TrimEnd('+');
        string? exception = null;
        if (Accept("WITH"))
        {
            if (_next >= _tokens.Count || IsReserved(_tokens[_next]))
            {
                return null;
            }
            exception = _tokens[_next++];
        }
        return id.Length == 0 ? null : new LicenseLeaf(id, orLater, exception);
    }

    private bool Accept(string token)
    {
        if (_next < _tokens.Count && string.Equals(_tokens[_next], token, StringComparison.OrdinalIgnoreCase))
        {
            _next++;
            return true;
        }
        return false;
    }

    private static bool IsReserved(string token) =>
        token is "(" or ")" || token.Equals("AND", StringComparison.OrdinalIgnoreCase)
        || token.Equals("OR", StringComparison.OrdinalIgnoreCase) || token.Equals("WITH", StringComparison.OrdinalIgnoreCase);

    private static List<string> Tokenise(string expression)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= expression.Length; i++)
        {
            var c = i < expression.Length ? expression[i] : ' ';
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                if (start >= 0)
                {
                    tokens.Add(expression[start..i]);
                    start = -1;
                }
                if (c is '(' or ')')
                {
                    tokens.Add(c.ToString());
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        return tokens;
    }
}
