package dev.lanyard.protocol.shape;

import software.amazon.awssdk.core.protocol.MarshallingType;

/** The value kinds of the SDK's model members, as a closed set a switch can cover (MarshallingType is an open interface). */
public enum MemberKind
{
    STRING,
    INTEGER,
    LONG,
    SHORT,
    BYTE,
    FLOAT,
    DOUBLE,
    BIG_DECIMAL,
    BOOLEAN,
    TIMESTAMP,
    BLOB,
    STRUCTURE,
    LIST,
    MAP,
    DOCUMENT,
    NULL;

    static MemberKind of(MarshallingType<?> type)
    {
        if (type == MarshallingType.STRING) {
            return STRING;
        }
        if (type == MarshallingType.INTEGER) {
            return INTEGER;
        }
        if (type == MarshallingType.LONG) {
            return LONG;
        }
        if (type == MarshallingType.SHORT) {
            return SHORT;
        }
        if (type == MarshallingType.BYTE) {
            return BYTE;
        }
        if (type == MarshallingType.FLOAT) {
            return FLOAT;
        }
        if (type == MarshallingType.DOUBLE) {
            return DOUBLE;
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return BIG_DECIMAL;
        }
        if (type == MarshallingType.BOOLEAN) {
            return BOOLEAN;
        }
        if (type == MarshallingType.INSTANT) {
            return TIMESTAMP;
        }
        if (type == MarshallingType.SDK_BYTES) {
            return BLOB;
        }
        if (type == MarshallingType.SDK_POJO) {
            return STRUCTURE;
        }
        if (type == MarshallingType.LIST) {
            return LIST;
        }
        if (type == MarshallingType.MAP) {
            return MAP;
        }
        if (type == MarshallingType.DOCUMENT) {
            return DOCUMENT;
        }
        return NULL;
    }
}
