package dev.lanyard.policy.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Wildcard and ARN matching against regular expressions, on random patterns over a tiny alphabet so edge cases recur. */
final class PatternMatchingTest
{
    private static final String PATTERN_ALPHABET = "ab:*?/x";
    private static final String VALUE_ALPHABET = "ab:/x*?";

    @Test
    void globAgreesWithRegex()
    {
        Random random = new Random(7);
        for (int iteration = 0; iteration < 200_000; iteration++) {
            String pattern = random(random, PATTERN_ALPHABET, 7);
            String value = random(random, VALUE_ALPHABET, 9);
            boolean expected = Pattern.compile(regex(pattern, false), Pattern.DOTALL).matcher(value).matches();
            assertThat(Glob.of(pattern).matches(value)).as("%s against %s", pattern, value).isEqualTo(expected);
        }
    }

    @Test
    void arnPartsAgreeWithRegex()
    {
        Random random = new Random(8);
        for (int iteration = 0; iteration < 200_000; iteration++) {
            String pattern = random(random, PATTERN_ALPHABET + "::", 12);
            String value = random(random, VALUE_ALPHABET + "::", 12);
            boolean expected = pattern.equals("*") || Pattern.compile(regex(pattern, true), Pattern.DOTALL).matcher(value).matches();
            assertThat(ArnPattern.matches(Glob.of(pattern), value)).as("%s against %s", pattern, value).isEqualTo(expected);
        }
    }

    @Test
    void literalWildcardsFromVariables()
    {
        Glob literalStar = new Glob("a*".toCharArray(), new boolean[] {false, false});
        assertThat(literalStar.matches("a*")).isTrue();
        assertThat(literalStar.matches("ab")).isFalse();
        assertThat(ArnPattern.matches(Glob.of("arn:aws:s3:::b/*"), "arn:aws:s3:::b/a:b:c")).isTrue();
        assertThat(ArnPattern.matches(Glob.of("arn:aws:iam::*:root"), "arn:aws:iam::1:2:root")).isFalse();
        assertThat(ArnPattern.matches(Glob.of("arn:aws:iam::*"), "arn:aws:iam::1:2:root")).isTrue();
    }

    /** The regex for a pattern; for ARNs wildcards before the last of the first five colons cannot cross a colon. */
    private static String regex(String pattern, boolean arn)
    {
        int colons = (int) pattern.chars().filter(character -> character == ':').count();
        int lastPart = Math.min(colons, 5);
        int part = 0;
        StringBuilder regex = new StringBuilder();
        for (char character : pattern.toCharArray()) {
            boolean restricted = arn && part < lastPart;
            switch (character) {
                case '*' -> regex.append(restricted ? "[^:]*" : ".*");
                case '?' -> regex.append(restricted ? "[^:]" : ".");
                default -> {
                    if (character == ':' && part < lastPart) {
                        part++;
                    }
                    regex.append(Pattern.quote(String.valueOf(character)));
                }
            }
        }
        return regex.toString();
    }

    private static String random(Random random, String alphabet, int maximumLength)
    {
        int length = random.nextInt(maximumLength + 1);
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < length; index++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
