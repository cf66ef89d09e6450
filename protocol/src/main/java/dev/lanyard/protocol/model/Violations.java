package dev.lanyard.protocol.model;

import java.util.ArrayList;
import java.util.List;

/** Collects violations in the order the checks meet them (member order, depth first); allocates only on the first. */
final class Violations
{
    private List<Violation> violations;

    void add(Violation violation)
    {
        if (violations == null) {
            violations = new ArrayList<>();
        }
        violations.add(violation);
    }

    boolean isEmpty()
    {
        return violations == null;
    }

    List<Violation> list()
    {
        return violations == null ? List.of() : violations;
    }
}
