package io.natter.router.config;

import java.util.Objects;

/**
 * A mistake in the router's configuration. The message reads
 * {@code config.json: <json path>: <what is wrong>} and never holds a value read from the file or
 * the environment, so it is safe to log as is; start-up stops on it.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /**
     * @param path the JSON path of the faulty value, e.g. {@code workers[0].realms[1].name}
     *     ({@code ""} for the document itself)
     * @param problem what is wrong, e.g. {@code unknown key}
     */
    public ConfigException(String path, String problem) {
        super("config.json: " + (path.isEmpty() ? "(document)" : path) + ": " + problem);
        this.path = Objects.requireNonNull(path, "path");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The JSON path of the faulty value. */
    public String path() {
        return path;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }

    /** No stack trace: the message says all, and start-up logs only the message. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
