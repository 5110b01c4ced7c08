package io.natter.app.internal;

import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.login;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.service;
import static io.natter.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.security.TokenKeys;
import io.natter.app.support.Api.Device;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InternalTest {

    private static Response auth(String name, String tokenId) {
        return service().queryParam("token_id", tokenId).get("/internal/auth/" + name);
    }

    @Test
    void authAnswersTheDerivedKeyOfThatToken() {
        String name = unique("u");
        Device laptop = newUser(name, "secret-pass");
        Device phone = login(name, "secret-pass");
        for (Device d : new Device[] {laptop, phone}) {
            Response r = auth(name, d.tokenId());
            r.then().statusCode(200).body("authid", equalTo(name)).body("role", equalTo("user"))
                    .body("iterations", equalTo(1000)).body("keylen", equalTo(32))
                    .body("token_id", equalTo(d.tokenId()));
            String secret = r.path("secret");
            String salt = r.path("salt");
            assertThat(secret).isEqualTo(TokenKeys.deriveKey(d.token(), salt, 1000, 32)).doesNotContain(d.token());
        }
        assertThat((String) auth(name, laptop.tokenId()).path("secret"))
                .isNotEqualTo(auth(name, phone.tokenId()).path("secret"));
    }

    @Test
    void unknownUserAndUnknownTokenGetTheSame404() {
        String name = unique("u");
        Device own = newUser(name, "secret-pass");
        Device others = newUser(unique("o"), "secret-pass");
        String unknownUser = auth(unique("ghost"), own.tokenId()).then().statusCode(404)
                .body("error", equalTo("not_found")).extract().asString();
        assertThat(auth(name, others.tokenId()).then().statusCode(404).extract().asString()).isEqualTo(unknownUser);
        assertThat(auth(name, "AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404).extract().asString())
                .isEqualTo(unknownUser);
        assertThat(auth(name, "not-an-id").then().statusCode(404).extract().asString()).isEqualTo(unknownUser);
        assertThat(auth("NOT_VALID", own.tokenId()).then().statusCode(404).extract().asString())
                .isEqualTo(unknownUser);
    }

    @Test
    void authWithoutTokenIdIs400() {
        String name = unique("u");
        newUser(name);
        service().get("/internal/auth/" + name).then().statusCode(400)
                .body("error", equalTo("bad_request")).body("field", equalTo("token_id"));
        auth(name, "").then().statusCode(400).body("field", equalTo("token_id"));
    }

    @Test
    void refusedWithoutTheServiceCredential() {
        String name = unique("u");
        newUser(name);
        given().get("/internal/auth/" + name).then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer test-service-credentiaX").get("/internal/auth/" + name)
                .then().statusCode(401);
        given().header("Authorization", "Bearer test-service-credential-longer").get("/internal/auth/" + name)
                .then().statusCode(401);
        // A user's own token is not the service credential.
        String token = newUser(unique("t"));
        given().header("Authorization", "Bearer " + token).get("/internal/access/x/" + name).then().statusCode(401);
    }

    @Test
    void accessIs204ForMembersOnly() {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String other = unique("m");
        newUser(other);
        String thread = newThread(ownerToken, unique("access "));
        service().get("/internal/access/" + thread + "/" + owner).then().statusCode(204);
        service().get("/internal/access/" + thread + "/" + other).then().statusCode(404);
        grant(ownerToken, thread, other).then().statusCode(201);
        service().get("/internal/access/" + thread + "/" + other).then().statusCode(204);
        service().get("/internal/access/" + unique("none-") + "/" + owner).then().statusCode(404);
        given().get("/internal/access/" + thread + "/" + owner).then().statusCode(401);
    }

    @Test
    void threadMembersAndUsersForTheNotifier() {
        String owner = unique("u");
        String other = unique("m");
        String token = newUser(owner);
        newUser(other);
        String thread = newThread(token, "Members " + unique("t"));
        grant(token, thread, other).then().statusCode(201);
        java.util.List<String> members = service().get("/internal/threads/" + thread + "/members").then()
                .statusCode(200).extract().jsonPath().getList("members", String.class);
        assertThat(members).containsExactlyInAnyOrder(owner, other);
        service().get("/internal/threads/" + unique("none-") + "/members").then().statusCode(404)
                .body("error", equalTo("not_found"));
        service().get("/internal/threads/NOT_VALID/members").then().statusCode(404);
        given().get("/internal/threads/" + thread + "/members").then().statusCode(401);

        service().get("/internal/users/" + owner).then().statusCode(204);
        service().get("/internal/users/" + unique("ghost")).then().statusCode(404);
        service().get("/internal/users/NOT_VALID").then().statusCode(404);
        given().get("/internal/users/" + owner).then().statusCode(401);
    }
}
