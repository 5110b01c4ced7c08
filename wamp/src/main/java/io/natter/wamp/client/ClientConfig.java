package io.natter.wamp.client;

import io.natter.wamp.client.transport.WampTransport;
import io.natter.wamp.serialization.Serializer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The settings a {@link WampClient} was built with ({@link WampClient.Builder} holds the defaults);
 * immutable.
 */
record ClientConfig(String uri, String realm, Serializer serializer, Authenticator authenticator, Map<String, Object> authExtra,
        ReconnectPolicy reconnect, Duration requestTimeout, Duration connectTimeout, Map<String, String> headers,
        int maxMessageSize, WampTransport transport) {

    /** The URI without query or user info, for logs (either may carry a credential). */
    String safeUri() {
        try {
            URI u = URI.create(uri);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + u.getRawPath();
        } catch (IllegalArgumentException e) {
            return "(unparsable URI)";
        }
    }
}
