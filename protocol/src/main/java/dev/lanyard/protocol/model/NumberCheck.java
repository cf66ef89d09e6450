package dev.lanyard.protocol.model;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/** The value range of an integer, long, float or double shape. */
final class NumberCheck
        implements ValueCheck
{
    private final BigDecimal min;
    private final BigDecimal max;
    private final double minValue;
    private final double maxValue;

    NumberCheck(BigDecimal min, BigDecimal max)
    {
        this.min = min;
        this.max = max;
        // doubles hold every int and every long bound botocore uses exactly, and compare without allocating
        this.minValue = min == null ? Double.NEGATIVE_INFINITY : min.doubleValue();
        this.maxValue = max == null ? Double.POSITIVE_INFINITY : max.doubleValue();
    }

    @Override
    public void check(Object value, ViolationPath path, Violations violations)
    {
        double number = ((Number) requireNonNull(value, "value is null")).doubleValue();
        if (number < minValue) {
            violations.add(new Violation(path, value, Violation.Kind.RANGE, "Member must have value greater than or equal to " + min.toPlainString()));
        }
        if (number > maxValue) {
            violations.add(new Violation(path, value, Violation.Kind.RANGE, "Member must have value less than or equal to " + max.toPlainString()));
        }
    }
}
