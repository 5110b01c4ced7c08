package io.natter.app.internal;

import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.security.TokenKeys;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InternalTest {

    private static RequestSpecification service() {
        return given().header("Authorization", "Bearer test-service-credential");
    }

    @Test
    void authAnswersTheDerivedKeyOfTheToken() {
        String name = unique("u");
        String token = newUser(name);
        Response r = service().get("/internal/auth/" + name);
        r.then().statusCode(200).body("authid", equalTo(name)).body("role", equalTo("user"))
                .body("iterations", equalTo(1000)).body("keylen", equalTo(32));
        String secret = r.path("secret");
        String salt = r.path("salt");
        assertThat(secret).isEqualTo(TokenKeys.deriveKey(token, salt, 1000, 32)).doesNotContain(token);
    }

    @Test
    void authOfUnknownUserIs404() {
        service().get("/internal/auth/" + unique("ghost")).then().statusCode(404).body("error", equalTo("not_found"));
        service().get("/internal/auth/NOT_VALID").then().statusCode(404);
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
}
