package dev.lanyard.policy.evaluation;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A pattern with AWS's two wildcards: {@code *} (any run of characters, also empty) and {@code ?} (one character).
 *
 * <p>Wildcards are flagged per position rather than by character so a {@code *} that came from a policy variable's
 * value or from {@code ${*}} stays a literal.
 */
final class Glob
{
    private final char[] characters;
    private final boolean[] wildcard;
    private final boolean literal;
    private final boolean matchesEverything;
    private final String literalText;

    Glob(char[] characters, boolean[] wildcard)
    {
        this.characters = requireNonNull(characters, "characters is null");
        this.wildcard = requireNonNull(wildcard, "wildcard is null");
        boolean anyWildcard = false;
        for (boolean flag : wildcard) {
            anyWildcard |= flag;
        }
        this.literal = !anyWildcard;
        this.matchesEverything = characters.length == 1 && wildcard[0] && characters[0] == '*';
        this.literalText = new String(characters);
    }

    /** Every {@code *} and {@code ?} of the text is a wildcard. */
    static Glob of(String text)
    {
        char[] characters = text.toCharArray();
        boolean[] wildcard = new boolean[characters.length];
        for (int index = 0; index < characters.length; index++) {
            wildcard[index] = characters[index] == '*' || characters[index] == '?';
        }
        return new Glob(characters, wildcard);
    }

    static Glob literal(String text)
    {
        return new Glob(text.toCharArray(), new boolean[text.length()]);
    }

    boolean isLiteral()
    {
        return literal;
    }

    /** The pattern as text, wildcards included. */
    String text()
    {
        return literalText;
    }

    boolean matches(String value)
    {
        return matches(value, 0, value.length());
    }

    /** Whether the pattern matches {@code value[from, to)}; allocation-free. */
    boolean matches(String value, int from, int to)
    {
        if (matchesEverything) {
            return true;
        }
        int length = characters.length;
        if (literal) {
            return to - from == length && value.regionMatches(from, literalText, 0, length);
        }
        int patternIndex = 0;
        int valueIndex = from;
        int starPattern = -1;
        int starValue = -1;
        while (valueIndex < to) {
            if (patternIndex < length && (wildcard[patternIndex] ? characters[patternIndex] == '?' : characters[patternIndex] == value.charAt(valueIndex))) {
                patternIndex++;
                valueIndex++;
            }
            else if (patternIndex < length && wildcard[patternIndex] && characters[patternIndex] == '*') {
                starPattern = patternIndex++;
                starValue = valueIndex;
            }
            else if (starPattern >= 0) {
                patternIndex = starPattern + 1;
                valueIndex = ++starValue;
            }
            else {
                return false;
            }
        }
        while (patternIndex < length && wildcard[patternIndex] && characters[patternIndex] == '*') {
            patternIndex++;
        }
        return patternIndex == length;
    }

    /** Splits at literal colons into at most {@code limit} parts, the last keeping the rest (for ARN segments). */
    Glob[] splitAtColons(int limit)
    {
        Glob[] parts = new Glob[limit];
        int count = 0;
        int start = 0;
        for (int index = 0; index < characters.length && count < limit - 1; index++) {
            if (characters[index] == ':' && !wildcard[index]) {
                parts[count++] = slice(start, index);
                start = index + 1;
            }
        }
        parts[count++] = slice(start, characters.length);
        return Arrays.copyOf(parts, count);
    }

    private Glob slice(int from, int to)
    {
        return new Glob(Arrays.copyOfRange(characters, from, to), Arrays.copyOfRange(wildcard, from, to));
    }

    @Override
    public String toString()
    {
        return literalText;
    }
}
