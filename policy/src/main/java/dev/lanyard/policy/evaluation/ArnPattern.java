package dev.lanyard.policy.evaluation;

/**
 * AWS's ARN matching: the six colon-separated parts are compared one by one, each with wildcards, so a {@code *} in
 * the account part never swallows the region. The resource part keeps its colons. A bare {@code *} matches anything.
 *
 * <p>A pattern with fewer parts lets its last part take the rest of the value; a value with fewer parts than the
 * pattern never matches. Parts are found while matching, so substituted patterns need no splitting or copies.
 */
final class ArnPattern
{
    private static final int ARN_PARTS = 6;

    private ArnPattern() {}

    static boolean matches(Glob pattern, String value)
    {
        if (pattern.matchesEverything()) {
            return true;
        }
        int patternStart = 0;
        int valueStart = 0;
        int separators = 0;
        int length = pattern.length();
        for (int index = 0; index < length && separators < ARN_PARTS - 1; index++) {
            if (!pattern.isSeparator(index)) {
                continue;
            }
            int colon = value.indexOf(':', valueStart);
            if (colon < 0 || !pattern.matches(patternStart, index, value, valueStart, colon)) {
                return false;
            }
            separators++;
            patternStart = index + 1;
            valueStart = colon + 1;
        }
        return pattern.matches(patternStart, length, value, valueStart, value.length());
    }
}
