package io.natter.wamp.quarkus.settings;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * app-api as a worker asks it, under {@code natter.app} ({@code NATTER_APP_URL},
 * {@code NATTER_APP_TIMEOUT}). The defaults here are the only ones.
 */
public interface AppApiSettings {

    /** Base URL of app-api. */
    @WithDefault("http://127.0.0.1:8090")
    URI url();

    /**
     * Longest wait for one app-api answer; below the router's 5 s call timeouts, so the router
     * gets a clear ERROR from the worker rather than a timeout of its own.
     */
    @WithDefault("2S")
    Duration timeout();
}
