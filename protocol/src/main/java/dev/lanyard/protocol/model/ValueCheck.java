package dev.lanyard.protocol.model;

/** The compiled constraints of one shape, applied to a present (non-null) value. */
interface ValueCheck
{
    void check(Object value, ViolationPath path, Violations violations);
}
