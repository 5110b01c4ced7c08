package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Principal;

import io.natter.router.config.AuthConfig;
import io.natter.router.realm.Realm;
import io.natter.router.realm.RealmSettings;
import io.natter.router.peer.ClientRoles;
import io.natter.router.peer.Session;
import io.natter.router.peer.TransportInfo;
import io.natter.router.session.WampConnection;
import io.natter.router.testing.ManualTimers;
import io.natter.router.testing.RecordingOutbound;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Yield;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A realm, its transports' authenticators and handshakes driven by hand, with a worker session that can register procedures. */
final class AuthHarness {

    static final TransportInfo TRANSPORT = new TransportInfo("test", "tcp4:10.1.2.3:4567",
            Map.of("Authorization", "Basic c2VjcmV0", "Cookie", "sid=secret", "User-Agent", "test"), "wamp.2.json");

    final ManualTimers timers = new ManualTimers();
    final AuthSettings settings = AuthSettings.defaults();
    final Realm realm;
    final RealmLookup lookup;

    AuthHarness(Authorizer authorizer, String... roles) {
        realm = Realm.open(new RealmSettings("natter", List.of(roles), authorizer), false, timers, Clock.systemUTC());
        lookup = name -> name.equals("natter") ? realm : null;
    }

    /** A realm whose roles are {@code config}'s, authorized by {@link AuthorizerFactory}. */
    AuthHarness(io.natter.router.config.RealmConfig config) {
        Realm[] built = new Realm[1];
        lookup = name -> name.equals(config.name()) ? built[0] : null;
        realm = Realm.open(new RealmSettings(config.name(), List.copyOf(config.roles().keySet()),
                AuthorizerFactory.forRealm(config, lookup, settings)), false, timers, Clock.systemUTC());
        built[0] = realm;
    }

    List<Authenticator> authenticators(AuthConfig auth) {
        return new AuthenticatorFactory(settings).forTransport(auth, lookup);
    }

    /** One client connection through a transport with {@code authenticators}. */
    final class Client {
        final RecordingOutbound out = new RecordingOutbound();
        final WampConnection connection;

        Client(List<Authenticator> authenticators, HelloRateLimiter limiter) {
            connection = new WampConnection(name -> name.equals("natter") ? realm : null, authenticators, limiter, TRANSPORT, out, timers, 60_000);
            connection.opened();
        }

        /** Sends without waiting: the answer may depend on a worker. */
        void send(Message message) {
            connection.onMessage(message).subscribe().with(ignored -> { }, failure -> { throw new AssertionError(failure); });
        }

        void hello(String authid, String... authmethods) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("roles", Map.of("subscriber", Map.of(), "publisher", Map.of()));
            details.put("authid", authid);
            details.put("authmethods", List.of(authmethods));
            send(new Hello("natter", details));
        }

        Challenge challenge() {
            return out.only(Challenge.class);
        }

        void authenticate(String signature) {
            send(new Authenticate(signature, Map.of()));
        }

        Abort abort() {
            return (Abort) out.closingMessage();
        }
    }

    Client client(List<Authenticator> authenticators) {
        return new Client(authenticators, HelloRateLimiter.unlimited());
    }

    /** A worker session of role {@code role}, joined directly. */
    final class Worker {
        final RecordingOutbound out = new RecordingOutbound();
        final Session session;
        private long request;

        Worker(String role) {
            this("worker", role);
        }

        Worker(String authid, String role) {
            session = realm.join(new io.natter.router.access.Principal(authid, role, "wampcra", "static", Map.of()),
                    new ClientRoles(Map.of("callee", Map.of(), "caller", Map.of(), "publisher", Map.of(),
                            "subscriber", Map.of("features", Map.of("subscription_revocation", true)))),
                    out, Map.of("type", "test"), (r, m) -> { });
        }

        /** The next request ID: 1, 2, 3, ... */
        long next() {
            return ++request;
        }

        void register(String procedure) {
            realm.handle(session, new Register(next(), Map.of(), procedure)).await().indefinitely();
        }

        /** Sends without waiting (the answer may need an authorizer). */
        void sendAsync(Message message) {
            realm.handle(session, message).subscribe().with(ignored -> { }, failure -> { throw new AssertionError(failure); });
        }

        void send(Message message) {
            realm.handle(session, message).await().indefinitely();
        }

        List<Invocation> invocations() {
            return out.messages(Invocation.class);
        }

        void yield(Invocation invocation, Object answer) {
            send(new Yield(invocation.request(), Map.of(), java.util.Arrays.asList(answer), Map.of()));
        }

        void error(Invocation invocation, String uri) {
            send(new io.natter.wamp.message.Error(Invocation.CODE, invocation.request(), Map.of(), uri, List.of("no"), Map.of()));
        }
    }
}
