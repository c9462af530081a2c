package dev.secureexecutor.executor.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import dev.secureexecutor.masking.Secret;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a JSON string straight from the parser's character buffer into a {@link Secret}, so the value never becomes
 * a {@code String} that could not be wiped.
 */
final class SecretDeserializer extends JsonDeserializer<Secret> {
    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return Secret.of(p.currentName() == null ? "value" : p.currentName(), p.getValueAsString(""));
        }
        char[] buffer = p.getTextCharacters();
        int offset = p.getTextOffset();
        char[] value = Arrays.copyOfRange(buffer, offset, offset + p.getTextLength());
        try {
            return Secret.ofChars(p.currentName() == null ? "value" : p.currentName(), value);
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    @Override
    public Secret getNullValue(DeserializationContext ctxt) {
        return Secret.of("value", "");
    }
}
