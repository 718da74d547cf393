package dev.rtbench.harness.io;

import com.fasterxml.jackson.core.JsonToken;

/** JSON tokens named as a person reading an error message would name them. */
public final class JsonTokens {
    private JsonTokens() {}

    /** {@code an object}, {@code a string}, ...; {@code the end of the file} for null. */
    public static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
