package dev.lanyard.protocol.model;

import software.amazon.awssdk.core.SdkBytes;

/** The length in bytes of a blob shape. */
final class BlobCheck
        implements ValueCheck
{
    private final long minLength;
    private final long maxLength;

    BlobCheck(long minLength, long maxLength)
    {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    @Override
    public void check(Object value, ViolationPath path, Violations violations)
    {
        int length = ((SdkBytes) value).asByteArrayUnsafe().length;
        if (length < minLength) {
            violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length greater than or equal to " + minLength));
        }
        if (length > maxLength) {
            violations.add(new Violation(path, value, Violation.Kind.LENGTH, "Member must have length less than or equal to " + maxLength));
        }
    }
}
