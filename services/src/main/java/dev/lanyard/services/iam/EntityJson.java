package dev.lanyard.services.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of stored entities: records of the service layer, written and read with one shared mapper.
 * Unknown properties are ignored so that a newer body can be read by an older record during upgrades. Instants are
 * stored as ISO-8601 strings (declare such fields as String or convert in the record) to keep bodies readable.
 */
public final class EntityJson
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EntityJson() {}

    public static String write(Object body)
    {
        try {
            return MAPPER.writeValueAsString(body);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + body.getClass().getName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type)
    {
        try {
            return MAPPER.readValue(json, type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored entity body is not a " + type.getName(), e);
        }
    }
}
