package dev.lanyard.protocol.model;

import java.util.Map;

/**
 * The size of a map shape, then each key (reported at the map's path) and each value (reported at the map's
 * path followed by the key).
 */
final class MapCheck
        implements ValueCheck
{
    private final long minSize;
    private final long maxSize;
    private final ValueCheck keyCheck;
    private final ValueCheck valueCheck;

    MapCheck(long minSize, long maxSize, ValueCheck keyCheck, ValueCheck valueCheck)
    {
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.keyCheck = keyCheck;
        this.valueCheck = valueCheck;
    }

    @Override
    public void check(Object value, ViolationPath path, Violations violations)
    {
        Map<?, ?> map = (Map<?, ?>) value;
        int size = map.size();
        if (size < minSize) {
            violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length greater than or equal to " + minSize));
        }
        if (size > maxSize) {
            violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length less than or equal to " + maxSize));
        }
        if (keyCheck == null && valueCheck == null) {
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (keyCheck != null && entry.getKey() != null) {
                keyCheck.check(entry.getKey(), path, violations);
            }
            if (valueCheck != null && entry.getValue() != null) {
                valueCheck.check(entry.getValue(), ViolationPath.member(path, String.valueOf(entry.getKey())), violations);
            }
        }
    }
}
