package dev.lanyard.protocol.model;

import java.util.List;

/** The size of a list shape, then each element (null elements are skipped: no wire format can send one). */
final class ListCheck
        implements ValueCheck
{
    private final long minSize;
    private final long maxSize;
    private final ValueCheck elementCheck;

    ListCheck(long minSize, long maxSize, ValueCheck elementCheck)
    {
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.elementCheck = elementCheck;
    }

    @Override
    public void check(Object value, ViolationPath path, Violations violations)
    {
        List<?> list = (List<?>) value;
        int size = list.size();
        if (size < minSize) {
            violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length greater than or equal to " + minSize));
        }
        if (size > maxSize) {
            violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length less than or equal to " + maxSize));
        }
        if (elementCheck == null) {
            return;
        }
        for (int index = 0; index < size; index++) {
            Object element = list.get(index);
            if (element != null) {
                elementCheck.check(element, ViolationPath.element(path, index), violations);
            }
        }
    }
}
