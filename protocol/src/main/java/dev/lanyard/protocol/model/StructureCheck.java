package dev.lanyard.protocol.model;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The members of a structure shape, in the order the SDK declares them (the model's order). Members are set once
 * after construction so that recursive shapes can refer to their own check.
 */
final class StructureCheck
        implements ValueCheck
{
    private List<MemberCheck> members;

    void setMembers(List<MemberCheck> members)
    {
        if (this.members != null) {
            throw new IllegalStateException("members already set");
        }
        this.members = List.copyOf(requireNonNull(members, "members is null"));
    }

    @Override
    public void check(Object value, ViolationPath path, Violations violations)
    {
        for (MemberCheck member : members) {
            Object memberValue = member.field().getValueOrDefault(value);
            // the SDK answers an unset list or map with an empty auto-construct one: on the wire, that is absent
            if (memberValue == null || memberValue instanceof SdkAutoConstructList<?> || memberValue instanceof SdkAutoConstructMap<?, ?>) {
                if (member.required()) {
                    violations.add(new Violation(ViolationPath.member(path, member.segment()), null, Violation.Kind.MISSING, "Member must not be null"));
                }
                continue;
            }
            if (member.check() != null) {
                member.check().check(memberValue, ViolationPath.member(path, member.segment()), violations);
            }
        }
    }

    /** A member with what to check: whether it is required, and its value's constraints (null when none). */
    record MemberCheck(SdkField<?> field, String segment, boolean required, ValueCheck check)
    {
        MemberCheck
        {
            requireNonNull(field, "field is null");
            requireNonNull(segment, "segment is null");
        }
    }
}
