package io.natter.app.internal;

import static io.natter.app.support.Api.login;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.service;
import static io.natter.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.app.support.Api.Device;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The derived key app-api stores verifies a WAMP-CRA signature made by Autobahn|JS from the
 * token, the way a browser does it: {@code derive_key(token, salt, iterations, keylen)} then
 * {@code sign(key, challenge)}; the router checks with HMAC-SHA256 keyed by the stored key's text.
 * The key is the one of the token named by {@code token_id} (the browser's {@code authextra.token_id}).
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WampCraInteropTest {

    private static final String CHALLENGE_TEMPLATE = "{\"authid\":\"%s\",\"authrole\":\"user\",\"authmethod\":"
            + "\"wampcra\",\"authprovider\":\"dynamic\",\"nonce\":\"%s\",\"timestamp\":\"2026-01-01T00:00:00.000Z\","
            + "\"session\":4242}";

    private static Response auth(String name, String tokenId) {
        Response r = service().queryParam("token_id", tokenId).get("/internal/auth/" + name);
        r.then().statusCode(200);
        return r;
    }

    @Test
    void storedKeyOfEachDeviceVerifiesItsAutobahnSignature() throws Exception {
        String name = unique("cra");
        Device laptop = newUser(name, "secret-pass");
        Device phone = login(name, "secret-pass");
        for (Device d : new Device[] {laptop, phone}) {
            Response auth = auth(name, d.tokenId());
            String secret = auth.path("secret");
            String challenge = String.format(CHALLENGE_TEMPLATE, name, unique("n"));

            JsonNode browser = autobahn(d.token(), auth.path("salt"), auth.path("iterations"), auth.path("keylen"),
                    challenge);

            assertThat(browser.get("key").asText()).isEqualTo(secret);
            assertThat(browser.get("signature").asText()).isEqualTo(hmac(secret, challenge));
        }
    }

    @Test
    void anotherTokenDoesNotVerify() throws Exception {
        String name = unique("cra");
        Device laptop = newUser(name, "secret-pass");
        Device phone = login(name, "secret-pass");
        Response auth = auth(name, laptop.tokenId());
        String challenge = String.format(CHALLENGE_TEMPLATE, name, unique("n"));
        String token = laptop.token();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        for (String wrong : new String[] {forged, phone.token()}) {
            JsonNode browser = autobahn(wrong, auth.path("salt"), auth.path("iterations"), auth.path("keylen"),
                    challenge);
            assertThat(browser.get("signature").asText()).isNotEqualTo(hmac(auth.path("secret"), challenge));
        }
    }

    private static String hmac(String derivedKey, String challenge) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(derivedKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode autobahn(String token, String salt, int iterations, int keylen, String challenge)
            throws Exception {
        File dir = new File(System.getProperty("natter-test.js-dir", "src/test/js"));
        Process p = new ProcessBuilder("node", "--experimental-websocket", "cra-sign.js", token, salt,
                String.valueOf(iterations), String.valueOf(keylen), challenge)
                .directory(dir).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node exit code").isZero();
        return new ObjectMapper().readTree(p.getInputStream().readAllBytes());
    }
}
