package dev.lanyard.policy.evaluation;

/**
 * AWS's ARN matching: the six colon-separated parts are compared one by one, each with wildcards, so a {@code *} in
 * the account part never swallows the region. The resource part keeps its colons. A bare {@code *} matches anything.
 */
final class ArnPattern
{
    private static final int ARN_PARTS = 6;

    private final Glob[] parts;
    private final boolean matchesEverything;

    private ArnPattern(Glob[] parts, boolean matchesEverything)
    {
        this.parts = parts;
        this.matchesEverything = matchesEverything;
    }

    static ArnPattern of(Glob glob)
    {
        boolean everything = glob.text().equals("*") && !glob.isLiteral();
        return new ArnPattern(glob.splitAtColons(ARN_PARTS), everything);
    }

    /** A value with fewer parts than the pattern never matches; the pattern's last part takes the value's rest. */
    boolean matches(String value)
    {
        if (matchesEverything) {
            return true;
        }
        int start = 0;
        int last = parts.length - 1;
        for (int index = 0; index < last; index++) {
            int colon = value.indexOf(':', start);
            if (colon < 0 || !parts[index].matches(value, start, colon)) {
                return false;
            }
            start = colon + 1;
        }
        return parts[last].matches(value, start, value.length());
    }

    @Override
    public String toString()
    {
        return String.join(":", java.util.Arrays.stream(parts).map(Glob::text).toList());
    }
}
