package dev.lanyard.protocol.model;

import static java.util.Objects.requireNonNull;

/** One failed constraint: where, the offending value (null when missing), which kind, and AWS's wording of it. */
record Violation(ViolationPath path, Object value, Kind kind, String constraint)
{
    enum Kind
    {
        MISSING,
        LENGTH,
        PATTERN,
        ENUM,
        RANGE,
    }

    Violation
    {
        requireNonNull(path, "path is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(constraint, "constraint is null");
    }
}
