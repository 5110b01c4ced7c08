package io.natter.router.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of the config document with its JSON path, and typed reads that fail with a
 * {@link ConfigException} naming that path. String values go through {@code ${NAME}} substitution
 * from the environment, with {@code ${NAME:-default}} used when the variable is unset or empty (as
 * in a POSIX shell); an integer may come from such a string (so that {@code "port": "${PORT:-9001}"}
 * works).
 */
final class ConfigNode {

    /** {@code ${NAME}} or {@code ${NAME:-default}}; the default holds no {@code }}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final JsonNode json;
    private final String path;
    private final Function<String, String> env;

    ConfigNode(JsonNode json, String path, Function<String, String> env) {
        this.json = json;
        this.path = path;
        this.env = env;
    }

    String path() {
        return path;
    }

    /** A failure about this value. */
    ConfigException error(String problem) {
        return new ConfigException(path, problem);
    }

    /** This value as an object whose keys are all in {@code known}. */
    ConfigNode object(Set<String> known) {
        if (!json.isObject()) {
            throw error("must be an object (found " + kind(json) + ")");
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw child(name).error("unknown key");
            }
        }
        return this;
    }

    /** This value as an object with any keys: its entries in the file's order. */
    Map<String, ConfigNode> entries() {
        if (!json.isObject()) {
            throw error("must be an object (found " + kind(json) + ")");
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> entries.put(e.getKey(), child(e.getKey())));
        return entries;
    }

    /** This value as an array: its elements. */
    List<ConfigNode> elements() {
        if (!json.isArray()) {
            throw error("must be an array (found " + kind(json) + ")");
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            elements.add(new ConfigNode(json.get(i), path + "[" + i + "]", env));
        }
        return elements;
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    /** The member {@code key} (which may be missing: then reads of it fail as missing). */
    ConfigNode get(String key) {
        return child(key);
    }

    /** The member {@code key}, which must be present. */
    ConfigNode required(String key) {
        if (!has(key)) {
            throw child(key).error("missing required key");
        }
        return child(key);
    }

    /** This value as a string, with {@code ${NAME}} replaced from the environment. */
    String text() {
        if (!json.isTextual()) {
            throw error("must be a string (found " + kind(json) + ")");
        }
        return substitute(json.textValue());
    }

    /** The string member {@code key}, or {@code fallback} when it is absent. */
    String text(String key, String fallback) {
        return has(key) ? child(key).text() : fallback;
    }

    /** The boolean member {@code key}, or {@code fallback} when it is absent. */
    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = json.get(key);
        if (!value.isBoolean()) {
            throw child(key).error("must be true or false (found " + kind(value) + ")");
        }
        return value.booleanValue();
    }

    /** This value as an integer in [{@code min}, {@code max}]. */
    int integer(int min, int max) {
        long value;
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            value = json.longValue();
        } else if (json.isTextual() && json.textValue().contains("${")) {
            String text = text();
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw error("must be an integer (the environment variable does not hold one)");
            }
        } else {
            throw error("must be an integer (found " + kind(json) + ")");
        }
        if (value < min || value > max) {
            throw error("must be between " + min + " and " + max + " (found " + value + ")");
        }
        return (int) value;
    }

    private ConfigNode child(String key) {
        JsonNode value = json.isObject() ? json.get(key) : null;
        return new ConfigNode(value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value,
                path.isEmpty() ? key : path + "." + key, env);
    }

    private String substitute(String raw) {
        if (raw.indexOf("${") < 0) {
            return raw;
        }
        Matcher matcher = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = env.apply(name);
            if ((value == null || value.isEmpty()) && matcher.group(2) != null) {
                value = matcher.group(2);
            }
            if (value == null) {
                throw error("environment variable " + name + " is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase();
        };
    }
}
