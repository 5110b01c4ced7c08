package io.natter.router.session;

import io.natter.router.peer.Session;
import io.natter.router.peer.TransportInfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.auth.AllowAllAuthorizer;
import io.natter.router.auth.AnonymousAuthenticator;
import io.natter.router.auth.HelloRateLimiter;
import io.natter.router.realm.Realm;
import io.natter.router.realm.RealmSettings;
import io.natter.router.testing.ManualTimers;
import io.natter.router.testing.RecordingOutbound;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Welcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WampConnectionTest {

    private static final Map<String, Object> ROLES = Map.of("roles", Map.of("subscriber", Map.of(), "publisher", Map.of()));

    private final ManualTimers timers = new ManualTimers();
    private final Realm realm = Realm.open(new RealmSettings("realm1", List.of("anonymous"),
            new AllowAllAuthorizer()), false, timers, Clock.systemUTC());
    private final RecordingOutbound out = new RecordingOutbound();
    private final WampConnection connection = new WampConnection(name -> name.equals("realm1") ? realm : null,
            List.of(new AnonymousAuthenticator("anonymous")), HelloRateLimiter.unlimited(),
            new TransportInfo("test", "tcp4:127.0.0.1:1234", Map.of(), "wamp.2.json"), out, timers, 10_000);

    private void receive(Message message) {
        connection.onMessage(message).await().indefinitely();
    }

    private Welcome join() {
        connection.opened();
        receive(new Hello("realm1", ROLES));
        return out.only(Welcome.class);
    }

    private void assertAbortedWith(String reason, int code) {
        assertThat(out.closingMessage()).isInstanceOf(Abort.class);
        assertThat(((Abort) out.closingMessage()).reason()).isEqualTo(reason);
        assertThat(out.closeCode()).isEqualTo(code);
    }

    @Test
    void helloIsWelcomedAnonymouslyWithRouterRoles() {
        Welcome welcome = join();
        assertThat(welcome.details()).containsEntry("realm", "realm1").containsEntry("authrole", "anonymous")
                .containsEntry("authmethod", "anonymous").containsEntry("authprovider", "static").containsKey("roles");
        assertThat((String) welcome.details().get("authid")).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){5}");
        assertThat(realm.stats().sessions()).isEqualTo(1);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void roleTheRealmDoesNotDefineIsAbortedWithNoSuchRole() {
        WampConnection guest = new WampConnection(name -> name.equals("realm1") ? realm : null,
                List.of(new AnonymousAuthenticator("guest")),
                new TransportInfo("test", "tcp4:127.0.0.1:1234", Map.of(), "wamp.2.json"), out, timers, 10_000);
        guest.opened();
        guest.onMessage(new Hello("realm1", ROLES)).await().indefinitely();

        assertAbortedWith("wamp.error.no_such_role", WampConnection.CLOSE_NORMAL);
        assertThat(realm.stats().sessions()).isZero();
    }

    @Test
    void sessionDetailsCarryTheTransportButNoHeaders() {
        WampConnection withHeaders = new WampConnection(name -> name.equals("realm1") ? realm : null,
                List.of(new AnonymousAuthenticator("anonymous")),
                new TransportInfo("workers[0].transports[1]", "tcp4:10.0.0.7:5555", Map.of("Cookie", "session=abc"), "wamp.2.msgpack"),
                out, timers, 10_000);
        withHeaders.opened();
        withHeaders.onMessage(new Hello("realm1", ROLES)).await().indefinitely();
        out.only(Welcome.class);

        Map<String, Object> details = withHeaders.session().details();
        assertThat(details.get("transport")).isEqualTo(Map.of("type", "websocket", "protocol", "wamp.2.msgpack", "peer", "tcp4:10.0.0.7:5555"));
        assertThat(withHeaders.transportInfo().httpHeaders()).containsEntry("cookie", "session=abc");
        assertThat(withHeaders.transportInfo().toString()).doesNotContain("abc");
        withHeaders.onTransportClosed();
    }

    @Test
    void unknownRealmIsAbortedWithNoSuchRealm() {
        connection.opened();
        receive(new Hello("nowhere", ROLES));
        assertAbortedWith(WampErrors.NO_SUCH_REALM, WampConnection.CLOSE_NORMAL);
        assertThat(((Abort) out.closingMessage()).details().get("message").toString()).contains("nowhere");
    }

    @Test
    void messageBeforeHelloIsAProtocolViolation() {
        connection.opened();
        receive(new Subscribe(1, Map.of(), "a.b"));
        assertAbortedWith(WampErrors.PROTOCOL_VIOLATION, WampConnection.CLOSE_PROTOCOL_ERROR);
        assertThat(((Abort) out.closingMessage()).details().get("message").toString()).contains("before HELLO");
    }

    @Test
    void helloWithoutRolesIsAProtocolViolation() {
        connection.opened();
        receive(new Hello("realm1", Map.of()));
        assertAbortedWith(WampErrors.PROTOCOL_VIOLATION, WampConnection.CLOSE_PROTOCOL_ERROR);
    }

    @Test
    void helloOfferingOnlyUnavailableMethodsIsAbortedWithNoAuthMethod() {
        connection.opened();
        receive(new Hello("realm1", Map.of("roles", Map.of("caller", Map.of()), "authmethods", List.of("ticket"))));
        assertAbortedWith(WampErrors.NO_AUTH_METHOD, WampConnection.CLOSE_NORMAL);
    }

    @Test
    void secondHelloIsAProtocolViolationAndTheSessionLeaves() {
        join();
        receive(new Subscribe(1, Map.of(), "a.b"));
        assertThat(realm.stats().subscriptions()).isEqualTo(1);
        receive(new Hello("realm1", ROLES));
        assertAbortedWith(WampErrors.PROTOCOL_VIOLATION, WampConnection.CLOSE_PROTOCOL_ERROR);
        assertThat(realm.stats().isEmpty()).isTrue();
    }

    @Test
    void violationInsideTheSessionAbortsAndFreesItsState() {
        join();
        receive(new Subscribe(1, Map.of(), "a.b"));
        receive(new Call(0, Map.of(), "a.c", List.of(), Map.of()));
        assertAbortedWith(WampErrors.PROTOCOL_VIOLATION, WampConnection.CLOSE_PROTOCOL_ERROR);
        assertThat(((Abort) out.closingMessage()).details().get("message").toString()).contains("CALL request ID 0 is not in [1, 2^53]");
        assertThat(realm.stats().isEmpty()).isTrue();
    }

    @Test
    void undecodableFrameIsAProtocolViolation() {
        join();
        connection.onUndecodable("malformed message: not an array");
        assertAbortedWith(WampErrors.PROTOCOL_VIOLATION, WampConnection.CLOSE_PROTOCOL_ERROR);
        assertThat(realm.stats().sessions()).isZero();
    }

    @Test
    void goodbyeIsAnsweredAndTheTransportMayJoinAgain() {
        join();
        receive(new Goodbye(Map.of(), WampErrors.CLOSE_REALM));
        assertThat(out.only(Goodbye.class).reason()).isEqualTo(WampErrors.GOODBYE_AND_OUT);
        assertThat(realm.stats().sessions()).isZero();
        assertThat(out.closeCode()).isNull();

        receive(new Hello("realm1", ROLES));
        assertThat(out.messages(Welcome.class)).hasSize(2);
        receive(new Subscribe(1, Map.of(), "a.b"));
        assertThat(out.messages(Subscribed.class)).hasSize(1);
    }

    @Test
    void handshakeDeadlineClosesAnIdleConnection() {
        connection.opened();
        timers.advance(9_999);
        assertThat(out.closeCode()).isNull();
        timers.advance(1);
        assertThat(out.closeCode()).isEqualTo(WampConnection.CLOSE_POLICY);
    }

    @Test
    void establishedSessionIsNotClosedByTheDeadline() {
        join();
        timers.advance(60_000);
        assertThat(out.closeCode()).isNull();
    }

    @Test
    void killedSessionGetsGoodbyeAndTheTransportClosesOnTheReply() {
        join();
        Session session = connection.session();
        realm.kill(session, WampErrors.KILLED, "bye");

        Goodbye goodbye = out.only(Goodbye.class);
        assertThat(goodbye.reason()).isEqualTo(WampErrors.KILLED);
        assertThat(goodbye.details()).containsEntry("message", "bye");
        assertThat(realm.stats().sessions()).isZero();

        receive(new Publish(1, Map.of(), "a.b", List.of(), Map.of()));
        assertThat(out.closeCode()).isNull();
        receive(new Goodbye(Map.of(), WampErrors.GOODBYE_AND_OUT));
        assertThat(out.closeCode()).isEqualTo(WampConnection.CLOSE_NORMAL);
    }

    @Test
    void killedSessionThatNeverRepliesIsClosedAfterTheDeadline() {
        join();
        realm.kill(connection.session(), WampErrors.KILLED, null);
        timers.advance(10_000);
        assertThat(out.closeCode()).isEqualTo(WampConnection.CLOSE_POLICY);
    }

    @Test
    void slowConsumerLeavesAndIsClosedWith1008() {
        join();
        receive(new Subscribe(1, Map.of(), "a.b"));
        connection.onSlowConsumer();

        assertThat(out.closeCode()).isEqualTo(WampConnection.CLOSE_POLICY);
        assertThat(out.closeReason()).isEqualTo(WampErrors.SLOW_CONSUMER);
        assertThat(((Goodbye) out.closingMessage()).reason()).isEqualTo(WampErrors.SLOW_CONSUMER);
        assertThat(realm.stats().isEmpty()).isTrue();
    }

    @Test
    void transportClosedLeavesTheRealm() {
        join();
        receive(new Subscribe(1, Map.of(), "a.b"));
        connection.onTransportClosed();
        assertThat(realm.stats().isEmpty()).isTrue();
    }
}
