package dev.lanyard.protocol.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles botocore's pattern strings as Java regular expressions. Most are Java syntax already (AWS validates
 * with Java): {@code \\uXXXX} escapes, {@code \\p{L}}, look-ahead and {@code \\uD800\\uDC00} surrogate pairs all
 * work. What Java lacks is a {@code \\u} escape beyond four hex digits: STS writes {@code \\u10000-\\u10FFFF},
 * which Java would silently read as {@code \\u1000}, {@code 0-\\u10FF}, {@code F}, {@code F} and so reject
 * every character outside the Basic Multilingual Plane. Those become {@code \\x{10000}-\\x{10FFFF}}.
 * Patterns are used with full-match semantics ({@link Matcher#matches()}), as AWS applies them.
 */
public final class BotocorePatterns
{
    // five hex digits starting with a non-zero one, or six starting "10": code points above U+FFFF only, so that
    // "\u00410" (the letter A followed by a zero) keeps its meaning
    private static final Pattern LONG_UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)\\\\u(10[0-9A-Fa-f]{4}|[1-9A-Fa-f][0-9A-Fa-f]{4})(?![0-9A-Fa-f])");

    private BotocorePatterns() {}

    public static String toJavaSyntax(String botocorePattern)
    {
        Matcher matcher = LONG_UNICODE_ESCAPE.matcher(botocorePattern);
        return matcher.replaceAll(result -> Matcher.quoteReplacement("\\x{" + result.group(1) + "}"));
    }

    /** Fails with {@link java.util.regex.PatternSyntaxException} rather than skipping a pattern it cannot read. */
    public static Pattern compile(String botocorePattern)
    {
        return Pattern.compile(toJavaSyntax(botocorePattern));
    }
}
