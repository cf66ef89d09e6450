package dev.lanyard.protocol.model;

import java.util.Locale;

/** The botocore shape types that can appear in a request. */
public enum ShapeType
{
    STRUCTURE,
    LIST,
    MAP,
    STRING,
    INTEGER,
    LONG,
    DOUBLE,
    FLOAT,
    BOOLEAN,
    TIMESTAMP,
    BLOB;

    public static ShapeType fromBotocore(String type)
    {
        return valueOf(type.toUpperCase(Locale.ROOT));
    }
}
