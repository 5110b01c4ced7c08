package io.natter.router.testing;

import io.natter.router.auth.AllowAllAuthorizer;
import io.natter.router.auth.Authorizer;
import io.natter.router.access.Principal;
import io.natter.router.realm.Realm;
import io.natter.router.realm.RealmSettings;
import io.natter.router.peer.ClientRoles;
import io.natter.router.peer.Session;
import io.natter.wamp.message.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A realm wired with test doubles, and peers joined to it, for pure unit tests. */
public final class TestRealm {

    /** A joined session with its recorded way out and its request counter. */
    public static final class Peer {
        private final Session session;
        private final RecordingOutbound out;
        private final List<String> goodbyes;
        private long lastRequest;

        Peer(Session session, RecordingOutbound out, List<String> goodbyes) {
            this.session = session;
            this.out = out;
            this.goodbyes = goodbyes;
        }

        public Session session() {
            return session;
        }

        public RecordingOutbound out() {
            return out;
        }

        /** The close reasons the router ended this session with (meta API kill). */
        public List<String> goodbyes() {
            return goodbyes;
        }

        public long id() {
            return session.id();
        }

        /** The next request ID of this peer: 1, 2, 3, ... */
        public long request() {
            return ++lastRequest;
        }

        /** The last request ID handed out. */
        public long lastRequest() {
            return lastRequest;
        }

        /** Clears what the peer received so far. */
        public void clear() {
            out.clear();
        }
    }

    public final ManualTimers timers = new ManualTimers();
    public final Realm realm;
    public TestRealm() {
        this(new AllowAllAuthorizer());
    }

    public TestRealm(Authorizer authorizer) {
        realm = Realm.open(new RealmSettings("realm1", List.of("anonymous"), authorizer), false,
                timers, Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
    }

    /** Joins a peer with every client role, the callee announcing {@code calleeFeatures}. */
    public Peer join(String authid, String authrole, String... calleeFeatures) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String feature : calleeFeatures) {
            features.put(feature, true);
        }
        Map<String, Object> roles = new LinkedHashMap<>();
        roles.put("publisher", Map.of());
        roles.put("subscriber", Map.of());
        roles.put("caller", Map.of());
        roles.put("callee", Map.of("features", features));
        RecordingOutbound out = new RecordingOutbound();
        List<String> goodbyes = new ArrayList<>();
        Session session = realm.join(new Principal(authid, authrole, "anonymous", "static", Map.of()), new ClientRoles(roles), out,
                Map.of("type", "test"), (reason, message) -> goodbyes.add(reason));
        out.clear();
        return new Peer(session, out, goodbyes);
    }

    /** Sends {@code message} from {@code peer} through the realm's dispatch switch and waits for it. */
    public void send(Peer peer, Message message) {
        realm.handle(peer.session(), message).await().indefinitely();
    }
}
