package dev.lanyard.protocol.shape;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

import static java.util.Objects.requireNonNull;

/**
 * One member of a model shape with everything the codecs need precomputed: its kind, its names on the wire
 * and, for lists and maps, the member describing the elements or values.
 *
 * @param queryName the name in Query/EC2 requests and JSON bodies (the SDK's locationName)
 * @param xmlName the element name in XML responses (the SDK's unmarshallLocationName: lowerCamel for EC2)
 * @param element the list element (lists) or map value (maps), null otherwise
 * @param elementQueryName the list member name in Query requests ("member" unless the model names it)
 * @param elementXmlName the list member element in XML responses ("member", "item" for EC2)
 * @param timestampFormat the format a TimestampFormatTrait asks for, null for the protocol's default
 */
public record Member(
        SdkField<Object> field,
        MemberKind kind,
        String queryName,
        String xmlName,
        Member element,
        String elementQueryName,
        String elementXmlName,
        boolean flattened,
        String mapKeyName,
        String mapValueName,
        TimestampFormatTrait.Format timestampFormat)
{
    public Member
    {
        requireNonNull(field, "field is null");
        requireNonNull(kind, "kind is null");
    }

    @SuppressWarnings("unchecked")
    static Member of(SdkField<?> sdkField)
    {
        SdkField<Object> field = (SdkField<Object>) sdkField;
        MemberKind kind = MemberKind.of(field.marshallingType());
        Member element = null;
        String elementQueryName = null;
        String elementXmlName = null;
        boolean flattened = false;
        String mapKeyName = null;
        String mapValueName = null;
        if (kind == MemberKind.LIST) {
            ListTrait list = field.getTrait(ListTrait.class);
            element = of(list.memberFieldInfo());
            elementQueryName = nonEmpty(list.memberFieldInfo().locationName(), "member");
            elementXmlName = nonEmpty(list.memberFieldInfo().unmarshallLocationName(), "member");
            flattened = list.isFlattened();
        }
        else if (kind == MemberKind.MAP) {
            MapTrait map = field.getTrait(MapTrait.class);
            element = of(map.valueFieldInfo());
            mapKeyName = nonEmpty(map.keyLocationName(), "key");
            mapValueName = nonEmpty(map.valueLocationName(), "value");
            flattened = map.isFlattened();
        }
        TimestampFormatTrait.Format timestampFormat = field.getOptionalTrait(TimestampFormatTrait.class)
                .map(TimestampFormatTrait::format)
                .orElse(null);
        return new Member(
                field,
                kind,
                nonEmpty(field.locationName(), field.memberName()),
                nonEmpty(field.unmarshallLocationName(), nonEmpty(field.locationName(), field.memberName())),
                element,
                elementQueryName,
                elementXmlName,
                flattened,
                mapKeyName,
                mapValueName,
                timestampFormat);
    }

    private static String nonEmpty(String value, String fallback)
    {
        return value == null || value.isEmpty() ? fallback : value;
    }

    public String memberName()
    {
        return field.memberName();
    }

    /** The member's value in a model object or builder; null when unset. */
    public Object get(Object pojo)
    {
        return field.getValueOrDefault(pojo);
    }

    public void set(Object builder, Object value)
    {
        field.set(builder, value);
    }

    /** A fresh builder of this structure member's shape. */
    public SdkPojo newBuilder()
    {
        return field.constructor().get();
    }
}
