package io.natter.app.config;

import io.natter.wamp.auth.Secret;
import org.eclipse.microprofile.config.spi.Converter;

/** Reads secret configuration values straight into {@link Secret}, so they never sit in a String field. */
public final class SecretConverter implements Converter<Secret> {

    @Override
    public Secret convert(String value) {
        return value == null || value.isBlank() ? null : Secret.of(value);
    }
}
