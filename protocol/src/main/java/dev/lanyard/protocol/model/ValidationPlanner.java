package dev.lanyard.protocol.model;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TraitType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Compiles the table's constraints for one operation input against the SDK's fields of its request class: each
 * member is matched once, by {@link SdkField#memberName()}, to its botocore member, so validating a request is a
 * walk over field accessors with no lookups by name. Members without constraints are left out of the plan.
 */
final class ValidationPlanner
{
    private final ServiceTable table;
    private final PathStyle style;
    private final Map<String, StructureCheck> structures = new HashMap<>();

    ValidationPlanner(ServiceTable table, PathStyle style)
    {
        this.table = requireNonNull(table, "table is null");
        this.style = requireNonNull(style, "style is null");
    }

    StructureCheck structure(Optional<String> shapeName, List<SdkField<?>> fields)
    {
        if (shapeName.isEmpty()) {
            StructureCheck empty = new StructureCheck();
            empty.setMembers(List.of());
            return empty;
        }
        return structure(table.requiredShape(shapeName.get()), fields);
    }

    private StructureCheck structure(Shape shape, List<SdkField<?>> fields)
    {
        StructureCheck existing = structures.get(shape.name());
        if (existing != null) {
            return existing;
        }
        StructureCheck check = new StructureCheck();
        structures.put(shape.name(), check);
        List<StructureCheck.MemberCheck> members = new ArrayList<>();
        for (SdkField<?> field : fields) {
            Optional<Member> member = shape.member(field.memberName());
            if (member.isEmpty()) {
                // the SDK knows a member this botocore release does not: nothing to check it against
                continue;
            }
            boolean required = shape.required().contains(member.get().name());
            ValueCheck valueCheck = valueCheck(table.requiredShape(member.get().shape()), field);
            if (required || valueCheck != null) {
                members.add(new StructureCheck.MemberCheck(field, style.memberSegment(member.get()), required, valueCheck));
            }
        }
        check.setMembers(members);
        return check;
    }

    private ValueCheck valueCheck(Shape shape, SdkField<?> field)
    {
        MarshallingType<?> type = field.marshallingType();
        return switch (shape.type()) {
            case STRING -> type == MarshallingType.STRING ? stringCheck(shape) : null;
            case INTEGER, LONG, DOUBLE, FLOAT -> isNumber(type) ? numberCheck(shape) : null;
            case BLOB -> type == MarshallingType.SDK_BYTES ? blobCheck(shape) : null;
            case LIST -> type == MarshallingType.LIST ? listCheck(shape, field.getTrait(ListTrait.class, TraitType.LIST_TRAIT)) : null;
            case MAP -> type == MarshallingType.MAP ? mapCheck(shape, field.getTrait(MapTrait.class, TraitType.MAP_TRAIT)) : null;
            case STRUCTURE -> type == MarshallingType.SDK_POJO ? structure(shape, field.constructor().get().sdkFields()) : null;
            case BOOLEAN, TIMESTAMP -> null;
        };
    }

    // a check is attached only where the SDK holds the value in the type the shape promises, so a check can never
    // fail with a ClassCastException on a request
    private static boolean isNumber(MarshallingType<?> type)
    {
        return type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT;
    }

    private ValueCheck stringCheck(Shape shape)
    {
        if (shape.min().isEmpty() && shape.max().isEmpty() && shape.pattern().isEmpty() && shape.enumValues().isEmpty()) {
            return null;
        }
        return new StringCheck(
                shape.min().map(BigDecimal::longValue).orElse(0L),
                shape.max().map(BigDecimal::longValue).orElse(Long.MAX_VALUE),
                shape.pattern().isPresent() ? table.compiledPattern(shape) : null,
                shape.pattern().orElse(null),
                shape.enumValues());
    }

    private static ValueCheck numberCheck(Shape shape)
    {
        if (shape.min().isEmpty() && shape.max().isEmpty()) {
            return null;
        }
        return new NumberCheck(shape.min().orElse(null), shape.max().orElse(null));
    }

    private static ValueCheck blobCheck(Shape shape)
    {
        if (shape.min().isEmpty() && shape.max().isEmpty()) {
            return null;
        }
        return new BlobCheck(shape.min().map(BigDecimal::longValue).orElse(0L), shape.max().map(BigDecimal::longValue).orElse(Long.MAX_VALUE));
    }

    private ValueCheck listCheck(Shape shape, ListTrait trait)
    {
        ValueCheck elementCheck = null;
        if (trait != null && shape.listMember().isPresent()) {
            elementCheck = valueCheck(table.requiredShape(shape.listMember().get()), trait.memberFieldInfo());
        }
        if (shape.min().isEmpty() && shape.max().isEmpty() && elementCheck == null) {
            return null;
        }
        return new ListCheck(shape.min().map(BigDecimal::longValue).orElse(0L), shape.max().map(BigDecimal::longValue).orElse(Long.MAX_VALUE), elementCheck);
    }

    private ValueCheck mapCheck(Shape shape, MapTrait trait)
    {
        ValueCheck keyCheck = shape.mapKey()
                .map(table::requiredShape)
                .filter(key -> key.type() == ShapeType.STRING)
                .map(this::stringCheck)
                .orElse(null);
        ValueCheck valueCheck = null;
        if (trait != null && shape.mapValue().isPresent()) {
            valueCheck = valueCheck(table.requiredShape(shape.mapValue().get()), trait.valueFieldInfo());
        }
        if (shape.min().isEmpty() && shape.max().isEmpty() && keyCheck == null && valueCheck == null) {
            return null;
        }
        return new MapCheck(shape.min().map(BigDecimal::longValue).orElse(0L), shape.max().map(BigDecimal::longValue).orElse(Long.MAX_VALUE), keyCheck, valueCheck);
    }
}
