package io.natter.app.user;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.json;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.natter.app.security.Passwords;
import io.natter.app.support.Api;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UsersTest {

    @Inject
    Passwords passwords;

    @Test
    void createWithoutPasswordGeneratesOne() {
        String name = unique("u");
        Response r = json().body(Map.of("name", name)).post("/api/users");
        r.then().statusCode(201).body("name", equalTo(name)).body("token", startsWith(name + "."));
        String token = r.path("token");
        String tokenId = r.path("token_id");
        assertThat(tokenId).matches("[A-Za-z0-9_-]{22}");
        assertThat(token).matches(name + "\\." + tokenId + "\\.[A-Za-z0-9_-]{43}");
        String password = r.path("password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        // The generated password works for login.
        json().body(Map.of("name", name, "password", password)).post("/api/login").then().statusCode(200);
    }

    @Test
    void createWithPasswordDoesNotEchoIt() {
        String name = unique("u");
        json().body(Map.of("name", name, "password", "correct horse")).post("/api/users")
                .then().statusCode(201).body("$", not(hasKey("password"))).body("token", startsWith(name + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "a b", "a.b", "abcdefghijabcdefghijabcdefghijabc", "é"})
    void badNamesAre400OnName(String name) {
        json().body(Map.of("name", name)).post("/api/users")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("bad_request")).body("field", equalTo("name"));
    }

    @Test
    void longestNameAndAllCharactersAreAccepted() {
        String name = unique("a-_9") + "x".repeat(20);
        assertThat(name).hasSize(32);
        json().body(Map.of("name", name)).post("/api/users").then().statusCode(201);
    }

    @Test
    void missingNameAndShortPasswordAre400() {
        json().body(Map.of()).post("/api/users").then().statusCode(400).body("field", equalTo("name"));
        json().body(Map.of("name", unique("u"), "password", "short")).post("/api/users")
                .then().statusCode(400).body("field", equalTo("password"));
    }

    @Test
    void notJsonIs400() {
        json().body("{\"name\": ").post("/api/users")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("bad_request"));
        json().body("{\"name\": {\"x\": 1}}").post("/api/users")
                .then().statusCode(400).body("field", equalTo("name"));
    }

    @Test
    void duplicateNameIs409() {
        String name = unique("u");
        newUser(name);
        json().body(Map.of("name", name)).post("/api/users")
                .then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void loginReturnsANewTokenAndTheOldOneKeepsWorking() {
        String name = unique("u");
        String first = json().body(Map.of("name", name, "password", "secret-pass")).post("/api/users")
                .then().statusCode(201).extract().path("token");
        Response second = json().body(Map.of("name", name, "password", "secret-pass")).post("/api/login");
        second.then().statusCode(200).body("token", startsWith(name + ".")).body("$", not(hasKey("password")));
        assertThat((String) second.path("token")).isNotEqualTo(first).contains("." + second.path("token_id") + ".");
        as(first).get("/api/threads").then().statusCode(200);
        as(second.path("token")).get("/api/threads").then().statusCode(200);
    }

    @Test
    void wrongPasswordAndUnknownNameGetTheSame401() {
        String name = unique("u");
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/users").then().statusCode(201);
        String wrongPassword = json().body(Map.of("name", name, "password", "not-the-pass"))
                .post("/api/login").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .extract().asString();
        String unknownName = json().body(Map.of("name", unique("nobody"), "password", "not-the-pass"))
                .post("/api/login").then().statusCode(401).extract().asString();
        assertThat(unknownName).isEqualTo(wrongPassword).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void loginWithoutFieldsIs400() {
        json().body(Map.of("password", "x")).post("/api/login").then().statusCode(400).body("field", equalTo("name"));
        json().body(Map.of("name", "x")).post("/api/login").then().statusCode(400).body("field", equalTo("password"));
    }

    @Test
    void parallelWrongLoginsFromOneAddressAre429PastTheLimit() {
        String name = unique("u");
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/users").then().statusCode(201);
        String address = Api.randomAddress();
        List<Integer> statuses = Api.postInParallel(40, "/api/login",
                "{\"name\": \"" + name + "\", \"password\": \"wrong-pass\"}", i -> address);
        // Counted before the password is checked: exactly the limit gets through, however parallel.
        assertThat(statuses).filteredOn(st -> st == 401).hasSize(5);
        assertThat(statuses).filteredOn(st -> st == 429).hasSize(35);
        // That address is now blocked for this name, even with the right password...
        login(address, name, "secret-pass").then().statusCode(429).header("Retry-After", not(nullValue()))
                .body("error", equalTo("too_many_requests"));
    }

    @Test
    void anAttackerBlockedForANameDoesNotLockItsOwnerOut() {
        String name = unique("victim");
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/users").then().statusCode(201);
        String attacker = Api.randomAddress();
        for (int i = 0; i < 10; i++) {
            login(attacker, name, "wrong-pass").then().statusCode(i < 5 ? 401 : 429);
        }
        // The owner, anywhere else, is not affected.
        login(Api.randomAddress(), name, "secret-pass").then().statusCode(200);
    }

    @Test
    void aDistributedAttackSlowsNewAddressesButNotTheOwnersOwn() {
        String name = unique("victim");
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/users").then().statusCode(201);
        String home = Api.randomAddress();
        login(home, name, "secret-pass").then().statusCode(200);
        // 12 addresses x 5 wrong passwords: each stays under its own limit, together past the per-name 50.
        for (int a = 0; a < 12; a++) {
            String bot = Api.randomAddress();
            for (int i = 0; i < 5; i++) {
                login(bot, name, "wrong-pass").then().statusCode(org.hamcrest.Matchers.oneOf(401, 429));
            }
        }
        login(Api.randomAddress(), name, "secret-pass").then().statusCode(429);
        login(home, name, "secret-pass").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0000", "Alice", "a b"})
    void loginNamesThatCannotExistAre400OnName(String name) {
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/login")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("bad_request")).body("field", equalTo("name"));
    }

    @Test
    void nulInASignUpNameIs400() {
        json().body(Map.of("name", "a\u0000b")).post("/api/users").then().statusCode(400).body("field", equalTo("name"));
    }

    @Test
    void parallelSignUpsOfOneNameCostOneHash() {
        String name = unique("u");
        long before = passwords.hashCount();
        List<Integer> statuses = Api.postInParallel(200, "/api/users",
                "{\"name\": \"" + name + "\", \"password\": \"secret-pass\"}", i -> Api.randomAddress());
        assertThat(statuses).filteredOn(st -> st == 201).hasSize(1);
        assertThat(statuses).filteredOn(st -> st == 409).hasSize(199);
        assertThat(passwords.hashCount() - before).isEqualTo(1);
        // The name is checked before hashing: a sign-up of a taken name costs no hash either.
        json().body(Map.of("name", name, "password", "other-pass")).post("/api/users").then().statusCode(409);
        assertThat(passwords.hashCount() - before).isEqualTo(1);
    }

    @Test
    void signUpsAreLimitedPerAddress() {
        String address = Api.randomAddress();
        for (int i = 0; i < 20; i++) {
            signUp(address, unique("s")).then().statusCode(201);
        }
        signUp(address, unique("s")).then().statusCode(429).header("Retry-After", not(nullValue()))
                .body("error", equalTo("too_many_requests"));
        signUp(Api.randomAddress(), unique("s")).then().statusCode(201);
    }

    private static Response login(String address, String name, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("name", name, "password", password)).post("/api/login");
    }

    private static Response signUp(String address, String name) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("name", name)).post("/api/users");
    }

    @Test
    void loginIsThrottledPerAddress() {
        String address = io.natter.app.support.Api.randomAddress();
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("name", unique("nobody"), "password", "wrong-pass"))
                    .post("/api/login").then().statusCode(401);
        }
        String name = unique("u");
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/users").then().statusCode(201);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("name", name, "password", "secret-pass"))
                .post("/api/login").then().statusCode(429);
        // The same user from elsewhere is not affected.
        json().body(Map.of("name", name, "password", "secret-pass")).post("/api/login").then().statusCode(200);
    }

    @Test
    void tokenRotationReplacesTheToken() {
        String name = unique("u");
        String old = newUser(name);
        Response rotated = as(old).post("/api/token");
        rotated.then().statusCode(200);
        String fresh = rotated.path("token");
        assertThat(fresh).startsWith(name + "." + rotated.path("token_id") + ".").isNotEqualTo(old);
        as(old).post("/api/token").then().statusCode(401).body("error", equalTo("unauthorized"));
        as(fresh).get("/api/threads").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic abc", "Bearer ", "Bearer nodot", "Bearer ghost.AAAA", "Bearer a.b.c",
            "Bearer ghost.AAAAAAAAAAAAAAAAAAAAAA.AAAA", "Bearer a..b", "Bearer a.b.c.d"})
    void badBearerIs401(String header) {
        var spec = json();
        if (!header.isEmpty()) {
            spec.header("Authorization", header);
        }
        spec.post("/api/token").then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", "Bearer").body("error", equalTo("unauthorized"));
    }

    @Test
    void aTokenOfOneUserWithAnotherNameIs401() {
        String alice = unique("a");
        String bob = unique("b");
        String aliceToken = newUser(alice);
        newUser(bob);
        String forged = bob + aliceToken.substring(alice.length());
        as(forged).get("/api/threads").then().statusCode(401);
    }
}
