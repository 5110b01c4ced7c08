package io.natter.router.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.config.AnonymousAuthConfig;
import io.natter.router.config.AuthConfig;
import io.natter.router.config.CraUser;
import io.natter.router.config.TicketAuthConfig;
import io.natter.router.config.TicketPrincipal;
import io.natter.router.config.WampCraAuthConfig;
import io.natter.wamp.WampErrors;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.auth.WampCra;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Welcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static final String PETER_KEY = WampCra.deriveKey("secret1", "salt123", 100, 16);

    private final AuthHarness harness = new AuthHarness(new AllowAllAuthorizer(), "user", "authenticator", "workman", "banished");

    private final List<Authenticator> staticAuth = harness.authenticators(new AuthConfig(null,
            new TicketAuthConfig(Map.of("barry", new TicketPrincipal(Secret.of("notsosecret"), "workman")), null, null),
            new WampCraAuthConfig(usersOf(
                    "joe", new CraUser(Secret.of("secret2"), "authenticator", null, null, null),
                    "peter", new CraUser(Secret.of(PETER_KEY), "user", "salt123", 100, 16)), null, null)));

    private final List<Authenticator> dynamicAuth = harness.authenticators(new AuthConfig(null,
            new TicketAuthConfig(Map.of(), "natter.auth", null), new WampCraAuthConfig(Map.of(), "natter.auth", null)));

    private static Map<String, CraUser> usersOf(String a, CraUser ua, String b, CraUser ub) {
        Map<String, CraUser> users = new LinkedHashMap<>();
        users.put(a, ua);
        users.put(b, ub);
        return users;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static String sign(Challenge challenge, String secret) {
        Map<String, Object> extra = challenge.extra();
        String key = extra.containsKey("salt")
                ? WampCra.deriveKey(secret, (String) extra.get("salt"), (Integer) extra.get("iterations"), (Integer) extra.get("keylen"))
                : secret;
        return WampCra.sign(key, (String) extra.get("challenge"));
    }

    @Test
    void staticTicketWelcomesAndRefusesWrongAndUnknownAlike() {
        AuthHarness.Client ok = harness.client(staticAuth);
        ok.hello("barry", "ticket");
        assertThat(ok.challenge().authMethod()).isEqualTo("ticket");
        ok.authenticate("notsosecret");
        assertThat(ok.out.only(Welcome.class).details()).containsEntry("authid", "barry").containsEntry("authrole", "workman")
                .containsEntry("authmethod", "ticket").containsEntry("authprovider", "static");

        AuthHarness.Client wrong = harness.client(staticAuth);
        wrong.hello("barry", "ticket");
        wrong.authenticate("slightlymoresecret");
        AuthHarness.Client unknown = harness.client(staticAuth);
        unknown.hello("nobody", "ticket");
        assertThat(unknown.challenge().extra()).isEmpty();
        unknown.authenticate("notsosecret");
        assertThat(wrong.abort().reason()).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(unknown.abort()).isEqualTo(new Abort(wrong.abort().details(), wrong.abort().reason()));
        assertThat(wrong.abort().details().toString()).doesNotContain("slightlymoresecret").doesNotContain("notsosecret");
    }

    @Test
    void staticWampcraUnsaltedAndSaltedAsCrossbar() {
        AuthHarness.Client joe = harness.client(staticAuth);
        joe.hello("joe", "wampcra");
        Challenge challenge = joe.challenge();
        assertThat(challenge.extra()).containsOnlyKeys("challenge");
        joe.authenticate(sign(challenge, "secret2"));
        Welcome welcome = joe.out.only(Welcome.class);
        assertThat(welcome.details()).containsEntry("authid", "joe").containsEntry("authrole", "authenticator")
                .containsEntry("authmethod", "wampcra").containsEntry("authprovider", "static");
        assertThat((String) challenge.extra().get("challenge")).contains("\"session\": " + welcome.session())
                .contains("\"authrole\": \"authenticator\"").contains("\"authprovider\": \"static\"");

        AuthHarness.Client peter = harness.client(staticAuth);
        peter.hello("peter", "wampcra");
        assertThat(peter.challenge().extra()).containsEntry("salt", "salt123").containsEntry("iterations", 100).containsEntry("keylen", 16);
        peter.authenticate(sign(peter.challenge(), "secret1"));
        assertThat(peter.out.only(Welcome.class).details()).containsEntry("authrole", "user");
    }

    @Test
    void unknownWampcraUserGetsAStableFakeSaltAndFailsLikeAWrongSignature() {
        AuthHarness.Client wrong = harness.client(staticAuth);
        wrong.hello("peter", "wampcra");
        wrong.authenticate(sign(wrong.challenge(), "guess"));

        AuthHarness.Client first = harness.client(staticAuth);
        first.hello("mallory", "wampcra");
        Challenge fake = first.challenge();
        assertThat(fake.extra()).containsEntry("salt", WampCra.fakeSalt("mallory", harness.settings.fakeSaltKey()))
                .containsEntry("iterations", 100).containsEntry("keylen", 16);
        first.authenticate(sign(fake, "guess"));
        AuthHarness.Client second = harness.client(staticAuth);
        second.hello("mallory", "wampcra");
        assertThat(second.challenge().extra().get("salt")).isEqualTo(fake.extra().get("salt"));

        assertThat(wrong.abort().reason()).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(first.abort()).isEqualTo(wrong.abort());
    }

    @Test
    void clientsAuthmethodsOrderIsHonouredAndUnknownMethodsRefused() {
        AuthHarness.Client cra = harness.client(staticAuth);
        cra.hello("joe", "cryptosign", "wampcra", "ticket");
        assertThat(cra.challenge().authMethod()).isEqualTo("wampcra");
        AuthHarness.Client ticket = harness.client(staticAuth);
        ticket.hello("barry", "ticket", "wampcra");
        assertThat(ticket.challenge().authMethod()).isEqualTo("ticket");
        AuthHarness.Client none = harness.client(staticAuth);
        none.hello("joe", "anonymous");
        assertThat(none.abort().reason()).isEqualTo(WampErrors.NO_AUTH_METHOD);
        AuthHarness.Client anonymous = harness.client(harness.authenticators(new AuthConfig(new AnonymousAuthConfig("ghost"), null, null)));
        anonymous.hello("x", "anonymous");
        assertThat(anonymous.abort().reason()).as("a role the realm lacks").isEqualTo(WampErrors.NO_SUCH_ROLE);
    }

    @Test
    void dynamicWampcraAsksTheAuthenticatorWithCrossbarsArguments() {
        AuthHarness.Worker worker = harness.new Worker("authenticator");
        worker.register("natter.auth");
        AuthHarness.Client client = harness.client(dynamicAuth);
        client.hello("alice", "wampcra");
        Invocation invocation = worker.invocations().get(0);
        assertThat(invocation.args().subList(0, 2)).containsExactly("natter", "alice");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) invocation.args().get(2);
        assertThat(details).containsEntry("authmethod", "wampcra").containsEntry("authid", "alice").containsKey("session");
        @SuppressWarnings("unchecked")
        Map<String, Object> transport = (Map<String, Object>) details.get("transport");
        assertThat(transport).containsEntry("peer", "tcp4:10.1.2.3:4567").containsEntry("protocol", "wamp.2.json");
        assertThat(transport.get("http_headers_received")).isEqualTo(Map.of("user-agent", "test"));

        String key = WampCra.deriveKey("token", "s4lt", 1000, 32);
        worker.yield(invocation, Map.of("secret", key, "role", "user", "salt", "s4lt", "iterations", 1000, "keylen", 32,
                "extra", Map.of("name", "Alice")));
        Challenge challenge = client.challenge();
        assertThat((String) challenge.extra().get("challenge")).contains("\"authprovider\": \"dynamic\"")
                .contains("\"session\": " + details.get("session"));
        client.authenticate(sign(challenge, "token"));
        Welcome welcome = client.out.only(Welcome.class);
        assertThat(welcome.session()).isEqualTo(details.get("session"));
        assertThat(welcome.details()).containsEntry("authid", "alice").containsEntry("authrole", "user")
                .containsEntry("authprovider", "dynamic").containsEntry("authextra", Map.of("name", "Alice"));
    }

    @Test
    void dynamicRefusalLooksLikeAWrongSignature() {
        AuthHarness.Worker worker = harness.new Worker("authenticator");
        worker.register("natter.auth");
        AuthHarness.Client known = harness.client(dynamicAuth);
        known.hello("alice", "wampcra");
        worker.yield(worker.invocations().get(0), Map.of("secret", WampCra.deriveKey("token", "s4lt", 1000, 32), "role", "user",
                "salt", "s4lt", "iterations", 1000, "keylen", 32));
        Challenge real = known.challenge();
        known.authenticate(sign(real, "wrong"));

        AuthHarness.Client unknown = harness.client(dynamicAuth);
        unknown.hello("mallory", "wampcra");
        worker.error(worker.invocations().get(1), "com.example.no_such_user");
        Challenge fake = unknown.challenge();
        assertThat(fake.extra().keySet()).isEqualTo(real.extra().keySet());
        assertThat(fake.extra()).containsEntry("iterations", 1000).containsEntry("keylen", 32);
        assertThat((String) fake.extra().get("challenge")).contains("\"authrole\": \"user\"");
        unknown.authenticate(sign(fake, "token"));
        assertThat(unknown.abort()).isEqualTo(known.abort());
        assertThat(known.abort().reason()).isEqualTo(WampErrors.NOT_AUTHORIZED);
    }

    @Test
    void absentAuthenticatorFailsClosedAtOnce() {
        AuthHarness.Client client = harness.client(dynamicAuth);
        client.hello("alice", "wampcra");
        assertThat(client.abort().reason()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);
        assertThat((String) client.abort().details().get("message")).contains("natter.auth").contains("no callee");
    }

    @Test
    void silentAuthenticatorFailsClosedAfterTheTimeout() {
        AuthHarness.Worker worker = harness.new Worker("authenticator");
        worker.register("natter.auth");
        AuthHarness.Client client = harness.client(dynamicAuth);
        client.hello("alice", "wampcra");
        assertThat(worker.invocations()).hasSize(1);
        harness.timers.advance(Duration.ofSeconds(5).toMillis() - 1);
        assertThat(client.abort()).isNull();
        harness.timers.advance(1);
        assertThat(client.abort().reason()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);
        assertThat((String) client.abort().details().get("message")).contains("no answer within 5000 ms");
        assertThat(harness.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void dynamicTicketGetsTheTicketAndMayAnswerARole() {
        AuthHarness.Worker worker = harness.new Worker("authenticator");
        worker.register("natter.auth");
        AuthHarness.Client client = harness.client(dynamicAuth);
        client.hello("barry", "ticket");
        assertThat(worker.invocations()).as("ticket: asked at AUTHENTICATE").isEmpty();
        client.authenticate("t0ken");
        Invocation invocation = worker.invocations().get(0);
        assertThat(AuthenticationTest.<Map<String, Object>>cast(invocation.args().get(2))).containsEntry("ticket", "t0ken").containsEntry("authmethod", "ticket");
        worker.yield(invocation, "workman");
        assertThat(client.out.only(Welcome.class).details()).containsEntry("authrole", "workman").containsEntry("authprovider", "dynamic");

        AuthHarness.Client ghost = harness.client(dynamicAuth);
        ghost.hello("casper", "ticket");
        ghost.authenticate("boo");
        worker.yield(worker.invocations().get(1), Map.of("role", "ghost"));
        assertThat(ghost.abort().reason()).isEqualTo(WampErrors.NO_SUCH_ROLE);

        AuthHarness.Client refused = harness.client(dynamicAuth);
        refused.hello("barry", "ticket");
        refused.authenticate("Xq7-ticket");
        worker.error(worker.invocations().get(2), "wamp.error.not_authorized");
        assertThat(refused.abort().reason()).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(refused.abort().details().toString()).doesNotContain("Xq7-ticket");

        AuthHarness.Client invalid = harness.client(dynamicAuth);
        invalid.hello("barry", "ticket");
        invalid.authenticate("t0ken");
        worker.yield(worker.invocations().get(3), 42);
        assertThat(invalid.abort().reason()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);
    }

    @Test
    void helloIsRateLimitedBeforeTheAuthenticatorIsAsked() {
        AuthHarness.Worker worker = harness.new Worker("authenticator");
        worker.register("natter.auth");
        HelloRateLimiter limiter = new HelloRateLimiter(100, 2, Duration.ofSeconds(10), 100, System::nanoTime);
        for (int i = 0; i < 2; i++) {
            AuthHarness.Client client = harness.new Client(dynamicAuth, limiter);
            client.hello("alice", "wampcra");
            assertThat(client.abort()).isNull();
        }
        AuthHarness.Client limited = harness.new Client(dynamicAuth, limiter);
        limited.hello("alice", "wampcra");
        assertThat(limited.abort().reason()).isEqualTo("natter.error.rate_limited");
        assertThat(worker.invocations()).hasSize(2);
        AuthHarness.Client other = harness.new Client(dynamicAuth, limiter);
        other.hello("bob", "wampcra");
        assertThat(other.abort()).isNull();
    }
}
