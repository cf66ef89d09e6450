package dev.lanyard.policy.evaluation;

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
    private String text;

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

    /** The pattern as text, wildcards included; made on first use so substituted patterns that only match never build it. */
    String text()
    {
        String result = text;
        if (result == null) {
            result = new String(characters);
            text = result;
        }
        return result;
    }

    boolean matchesEverything()
    {
        return matchesEverything;
    }

    int length()
    {
        return characters.length;
    }

    /** Whether position {@code index} is a literal colon (an ARN part separator). */
    boolean isSeparator(int index)
    {
        return characters[index] == ':' && !wildcard[index];
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
        return matches(0, characters.length, value, from, to);
    }

    /** Whether {@code pattern[patternFrom, patternTo)} matches {@code value[from, to)}; allocation-free. */
    boolean matches(int patternFrom, int patternTo, String value, int from, int to)
    {
        int length = patternTo;
        if (literal) {
            if (to - from != patternTo - patternFrom) {
                return false;
            }
            for (int index = 0; index < patternTo - patternFrom; index++) {
                if (characters[patternFrom + index] != value.charAt(from + index)) {
                    return false;
                }
            }
            return true;
        }
        int patternIndex = patternFrom;
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

    @Override
    public String toString()
    {
        return text();
    }
}
