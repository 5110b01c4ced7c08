package io.natter.router.transport;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Refuses, before the upgrade, a WebSocket handshake that offers neither {@code wamp.2.json} nor
 * {@code wamp.2.msgpack} (HTTP 400): without it, Quarkus would complete the handshake with no
 * subprotocol.
 */
@ApplicationScoped
public class SubprotocolUpgradeCheck implements HttpUpgradeCheck {

    /** The WAMP subprotocols the router speaks. */
    public static final List<String> SUBPROTOCOLS = List.of("wamp.2.json", "wamp.2.msgpack");

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        List<String> headers = context.httpRequest().headers().getAll("Sec-WebSocket-Protocol");
        for (String header : headers) {
            for (String offered : header.split(",")) {
                if (SUBPROTOCOLS.contains(offered.trim())) {
                    return CheckResult.permitUpgrade();
                }
            }
        }
        return CheckResult.rejectUpgrade(400);
    }
}
