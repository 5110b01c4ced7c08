package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Welcome;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WampClientJoinTest extends PeerTestBase {

    @Test
    void anonymousJoinAnnouncesRolesAndFeaturesAndYieldsTheSession() throws Exception {
        WampClient client = builder().header("X-Test", "yes").build();
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        assertThat(connection.offeredSubprotocols).isEqualTo("wamp.2.json");
        assertThat(connection.headers.get("X-Test")).isEqualTo("yes");

        Hello hello = connection.expect(Hello.class);
        assertThat(hello.realm()).isEqualTo("realm1");
        assertThat(hello.details()).containsEntry("authmethods", List.of("anonymous")).doesNotContainKey("authid");
        @SuppressWarnings("unchecked")
        Map<String, Object> roles = (Map<String, Object>) hello.details().get("roles");
        assertThat(roles.keySet()).containsExactlyInAnyOrder("publisher", "subscriber", "caller", "callee");
        assertThat(features(roles, "caller")).containsEntry("call_canceling", true)
                .containsEntry("progressive_call_results", true).containsEntry("call_timeout", true)
                .containsEntry("caller_identification", true);
        assertThat(features(roles, "publisher")).containsEntry("publisher_exclusion", true);
        assertThat(features(roles, "subscriber")).containsEntry("pattern_based_subscription", true);
        assertThat(features(roles, "callee")).containsEntry("progressive_call_results", true).containsEntry("call_canceling", true);

        connection.send(welcome(17));
        SessionInfo session = await(joined);
        assertThat(session.sessionId()).isEqualTo(17);
        assertThat(session.realm()).isEqualTo("realm1");
        assertThat(session.authid()).isEqualTo("peer-assigned");
        assertThat(session.authrole()).isEqualTo("anonymous");
        assertThat(session.authmethod()).isEqualTo("anonymous");
        assertThat(session.routerSupports("dealer", "call_canceling")).isTrue();
        assertThat(session.routerSupports("dealer", "call_timeout")).isFalse();
        assertThat(client.session()).isEqualTo(session);
    }

    @Test
    void ticketAnswersTheChallengeWithTheTicket() throws Exception {
        WampClient client = builder().ticket("alice", Secret.of("tkt-123")).authExtra(Map.of("device", "t1")).build();
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        Hello hello = connection.expect(Hello.class);
        assertThat(hello.details()).containsEntry("authmethods", List.of("ticket")).containsEntry("authid", "alice")
                .containsEntry("authextra", Map.of("device", "t1"));
        connection.send(new Challenge("ticket", Map.of()));
        assertThat(connection.receive()).isEqualTo(new Authenticate("tkt-123", Map.of()));
        connection.send(new Welcome(5, Map.of("authid", "alice", "authrole", "user", "authmethod", "ticket")));
        assertThat(await(joined).authrole()).isEqualTo("user");
    }

    @Test
    void wampcraSignsTheChallengeWithTheSecret() throws Exception {
        WampClient client = builder().wampcra("worker", Secret.of("s3cret")).build();
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        assertThat(connection.expect(Hello.class).details()).containsEntry("authmethods", List.of("wampcra"))
                .containsEntry("authid", "worker");
        String challenge = "{\"nonce\":\"abc\",\"authid\":\"worker\",\"session\":9}";
        connection.send(new Challenge("wampcra", Map.of("challenge", challenge)));
        Authenticate answer = connection.expect(Authenticate.class);
        assertThat(answer.signature()).isEqualTo(hmac("s3cret", challenge));
        connection.send(welcome(9));
        assertThat(await(joined).sessionId()).isEqualTo(9);
    }

    @Test
    void wampcraWithSaltDerivesTheKeyFirstAsAutobahnDoes() throws Exception {
        WampClient client = builder().wampcra("user1", Secret.of("secret123")).build();
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        connection.expect(Hello.class);
        String challenge = "{\"nonce\":\"xyz\"}";
        connection.send(new Challenge("wampcra", Map.of("challenge", challenge, "salt", "salt123", "iterations", 1000, "keylen", 32)));
        // autobahn.auth_cra.derive_key('secret123', 'salt123', 1000, 32), the known vector
        String derived = "Eu7CQLfR+/Ffb+275A4s9/6H/RGKYxM4s6IMrsNKzC8=";
        assertThat(connection.expect(Authenticate.class).signature()).isEqualTo(hmac(derived, challenge));
        connection.send(welcome(10));
        await(joined);
    }

    @Test
    void abortOnJoinFailsConnectWithTheReasonAndIsNotRetried() throws Exception {
        List<ReconnectAttempt> attempts = new CopyOnWriteArrayList<>();
        WampClient client = builder().reconnect(ReconnectPolicy.defaults()).build().onReconnect(attempts::add);
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        connection.expect(Hello.class);
        connection.send(new Abort(Map.of("message", "no realm realm1"), WampErrors.NO_SUCH_REALM));

        WampException failure = awaitFailure(joined);
        assertThat(failure.error()).isEqualTo(WampErrors.NO_SUCH_REALM);
        assertThat(failure.getMessage()).contains("no realm realm1");
        assertThat(attempts).isEmpty();
        connection.awaitClosed();
        assertThat(client.isJoined()).isFalse();
    }

    @Test
    void anUnanswerableChallengeAbortsTheHandshake() throws Exception {
        WampClient client = builder().build();
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        connection.expect(Hello.class);
        connection.send(new Challenge("cryptosign", Map.of()));
        assertThat(connection.expect(Abort.class).reason()).isEqualTo(WampErrors.NO_AUTH_METHOD);
        assertThat(awaitFailure(joined).error()).isEqualTo(WampErrors.NO_AUTH_METHOD);
    }

    @Test
    void closeSaysGoodbyeWaitsForTheReplyAndDoesNotReconnect() throws Exception {
        List<String> left = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        WampClient client = builder().reconnect(ReconnectPolicy.defaults()).build()
                .onLeave(left::add).onDisconnect(() -> events.add("disconnect")).onReconnect(a -> events.add("reconnect"));
        ScriptedPeer.Connection connection = join(client);

        Future<Void> closed = client.close();
        assertThat(connection.receive()).isEqualTo(new Goodbye(Map.of(), WampErrors.CLOSE_REALM));
        assertThat(closed.isComplete()).isFalse();
        connection.send(new Goodbye(Map.of(), WampErrors.GOODBYE_AND_OUT));
        await(closed);
        connection.awaitClosed();
        assertThat(left).containsExactly(WampErrors.GOODBYE_AND_OUT);
        assertThat(events).containsExactly("disconnect");
        assertThat(client.isJoined()).isFalse();
        assertThat(awaitFailure(client.publish("t", List.of(), Map.of(), Map.of())).error()).isEqualTo(ClientErrors.NOT_CONNECTED);
    }

    @Test
    void aGoodbyeFromTheRouterIsAnswered() throws Exception {
        List<String> left = new CopyOnWriteArrayList<>();
        WampClient client = builder().build().onLeave(left::add);
        ScriptedPeer.Connection connection = join(client);
        connection.send(new Goodbye(Map.of(), WampErrors.SYSTEM_SHUTDOWN));
        assertThat(connection.receive()).isEqualTo(new Goodbye(Map.of(), WampErrors.GOODBYE_AND_OUT));
        connection.awaitClosed();
        assertThat(left).containsExactly(WampErrors.SYSTEM_SHUTDOWN);
    }

    @Test
    void aMalformedFrameIsAProtocolViolationThatClosesTheConnection() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        WampClient client = builder().build().onDisconnect(() -> events.add("disconnect"));
        ScriptedPeer.Connection connection = join(client);
        connection.sendRawText("[36, \"not a subscription id\"");
        assertThat(connection.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        connection.awaitClosed();
        assertThat(client.isJoined()).isFalse();
    }

    @Test
    void aReplyToARequestNeverSentIsAProtocolViolation() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        connection.send(new Subscribed(99, 5));
        assertThat(connection.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        connection.awaitClosed();
    }

    @Test
    void requestsBeforeJoiningFailAsNotConnected() {
        WampClient client = builder().build();
        assertThat(awaitFailure(client.subscribe("t", e -> { })).error()).isEqualTo(ClientErrors.NOT_CONNECTED);
        assertThat(awaitFailure(client.call("p", List.of())).error()).isEqualTo(ClientErrors.NOT_CONNECTED);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> features(Map<String, Object> roles, String role) {
        return (Map<String, Object>) ((Map<String, Object>) roles.get(role)).get("features");
    }

    /** Base64 of HMAC-SHA256 over the challenge, keyed with the UTF-8 bytes of {@code key}: WAMP-CRA's signature. */
    static String hmac(String key, String challenge) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
    }
}
