package dev.secureexecutor.executor.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.secureexecutor.masking.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Typed reads over a jackson-core {@link JsonParser} positioned on a value: each read checks the token's type and,
 * when it is wrong, throws a {@link PayloadFormatException} naming the field's path and the expected type (never
 * the value). {@code null} reads as absent: {@code 0}, {@code false}, an empty secret, or {@code null} for the
 * caller's default. Every {@link Secret} read is remembered, so that the ones the finished payload does not hold
 * (a failed parse, a repeated key) can be wiped.
 */
final class PayloadCursor {
    /** Reads one element of an array; the cursor is on the element's first token. */
    interface Element<T> {
        T read() throws IOException, PayloadFormatException;
    }

    private final JsonParser json;
    private final List<Secret> secrets = new ArrayList<>();

    PayloadCursor(JsonParser json) {
        this.json = json;
    }

    /** Moves to the document's first token, which must open an object. */
    void startDocument() throws IOException, PayloadFormatException {
        if (json.nextToken() == null) {
            throw new PayloadFormatException("the file is empty");
        }
        requireObject();
    }

    /** True on an object, false on {@code null}; anything else is the wrong type. */
    boolean startObject() throws PayloadFormatException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        requireObject();
        return true;
    }

    /** The cursor must be on an object (an array element: {@code null} is not allowed there). */
    void requireObject() throws PayloadFormatException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw wrongType("an object");
        }
    }

    /**
     * Inside an object: the next field's name, with the cursor moved onto its value; {@code null} at the object's
     * end. A caller that does not want the value calls {@link #skip()}.
     */
    String nextField() throws IOException {
        if (json.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = json.currentName();
        json.nextToken();
        return name;
    }

    /** Skips the current value, with everything nested in it, unread. */
    void skip() throws IOException {
        json.skipChildren();
    }

    long integer() throws IOException, PayloadFormatException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType("a whole number");
        }
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new PayloadFormatException(
                    where() + " must be a whole number within 64 bits, but is out of that range");
        }
        return json.getLongValue();
    }

    boolean bool() throws PayloadFormatException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType("true or false");
    }

    /** A text that is not a credential (a name, a path, a URL without userinfo). */
    String text() throws IOException, PayloadFormatException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType("a string");
        }
        return json.getText();
    }

    /**
     * A string that may be a credential, copied from the parser's character buffer straight into a {@link Secret}:
     * the value never becomes a {@code String}, and the one intermediate {@code char[]} is zeroed.
     */
    Secret secret(String name) throws IOException, PayloadFormatException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return remember(Secret.ofBytes(name, new byte[0]));
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType("a string");
        }
        int offset = json.getTextOffset();
        char[] value = Arrays.copyOfRange(json.getTextCharacters(), offset, offset + json.getTextLength());
        try {
            return remember(Secret.ofChars(name, value));
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    /** {@code secret} itself, or an empty secret when the field was absent. */
    Secret orEmpty(Secret secret, String name) {
        return secret != null ? secret : remember(Secret.ofBytes(name, new byte[0]));
    }

    /** An array's elements, each read by {@code element}; {@code null} for a JSON {@code null}. */
    <T> List<T> list(Element<T> element) throws IOException, PayloadFormatException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw wrongType("an array");
        }
        List<T> items = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            items.add(element.read());
        }
        return Collections.unmodifiableList(items);
    }

    /** An array of strings; {@code null} for a JSON {@code null}. */
    List<String> texts() throws IOException, PayloadFormatException {
        return list(() -> {
            if (json.currentToken() != JsonToken.VALUE_STRING) {
                throw wrongType("a string");
            }
            return json.getText();
        });
    }

    /** One string or an array of strings (GitLab accepts both for {@code pull_policy}); {@code null} for null. */
    List<String> textOrTexts() throws IOException, PayloadFormatException {
        if (json.currentToken() == JsonToken.VALUE_STRING) {
            return List.of(json.getText());
        }
        return texts();
    }

    /** Wipes every secret read so far except those in {@code kept} (compared by identity). */
    void wipeSecretsExcept(Set<Secret> kept) {
        for (Secret s : secrets) {
            if (!kept.contains(s)) {
                s.wipe();
            }
        }
        secrets.clear();
    }

    /** Wipes every secret read so far: the parse failed, and nobody will hold them. */
    void wipeSecrets() {
        wipeSecretsExcept(Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private Secret remember(Secret secret) {
        secrets.add(secret);
        return secret;
    }

    PayloadFormatException wrongType(String expected) {
        return new PayloadFormatException(where() + " must be " + expected + ", but is " + kind(json.currentToken()));
    }

    /** The current value's path, such as {@code variables[2].masked}, built from field names the driver reads. */
    private String where() {
        JsonStreamContext context = json.getParsingContext();
        JsonToken token = json.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            context = context.getParent(); // the parser has already entered the container: name it from outside
        }
        List<String> segments = new ArrayList<>();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                segments.add("[" + context.getCurrentIndex() + "]");
            } else if (context.getCurrentName() != null) {
                segments.add("." + context.getCurrentName());
            }
        }
        if (segments.isEmpty()) {
            return "the payload";
        }
        StringBuilder path = new StringBuilder();
        for (int i = segments.size() - 1; i >= 0; i--) {
            path.append(segments.get(i));
        }
        return "field " + path.substring(path.charAt(0) == '.' ? 1 : 0);
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "missing";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
                return "a whole number";
            case VALUE_NUMBER_FLOAT:
                return "a decimal number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.name();
        }
    }
}
