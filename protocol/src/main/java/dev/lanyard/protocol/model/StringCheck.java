package dev.lanyard.protocol.model;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Length, pattern and enum of a string shape, checked in that order (AWS lists each failed constraint).
 * Length counts code points, as Smithy's length trait does for strings: an emoji is one character, not two.
 */
final class StringCheck
        implements ValueCheck
{
    private final long minLength;
    private final long maxLength;
    private final Pattern pattern;
    private final String patternText;
    private final Set<String> enumValues;
    private final String enumText;

    StringCheck(long minLength, long maxLength, Pattern pattern, String patternText, List<String> enumValues)
    {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.pattern = pattern;
        this.patternText = patternText;
        this.enumValues = enumValues.isEmpty() ? null : Set.copyOf(enumValues);
        // AWS prints the set in model order, as Java prints a list
        this.enumText = requireNonNull(enumValues, "enumValues is null").toString();
    }

    @Override
    public void check(Object value, ViolationPath path, Violations violations)
    {
        String text = (String) value;
        int length = text.length();
        // code points never exceed chars, so counting is needed only when the char count says "too long"
        // or when surrogates could bring a long enough string below the minimum
        if (length > maxLength || length < 2 * minLength) {
            long codePoints = text.codePointCount(0, length);
            if (codePoints < minLength) {
                violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length greater than or equal to " + minLength));
            }
            if (codePoints > maxLength) {
                violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length less than or equal to " + maxLength));
            }
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            violations.add(new Violation(path, value, Violation.Kind.PATTERN, "Member must satisfy regular expression pattern: " + patternText));
        }
        if (enumValues != null && !enumValues.contains(text)) {
            violations.add(new Violation(path, value, Violation.Kind.ENUM, "Member must satisfy enum value set: " + enumText));
        }
    }
}
