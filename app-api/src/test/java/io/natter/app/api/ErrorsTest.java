package io.natter.app.api;

import static io.natter.app.support.Api.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Failures outside any resource method still answer {@code {error, message}} JSON. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErrorsTest {

    @Test
    void unknownPathIs404Json() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("not_found"));
    }

    @Test
    void wrongMethodIs405Json() {
        given().delete("/api/users").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void wrongContentTypeIs415Json() {
        given().contentType(ContentType.TEXT).body("name=x").post("/api/users")
                .then().statusCode(415).contentType(ContentType.JSON).body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void malformedJsonShowsNoInternals() {
        json().body("{\"name\": \"x\", }").post("/api/users").then().statusCode(400)
                .body(not(containsString("jackson"))).body(not(containsString("Exception")))
                .body("message", equalTo("body is not valid JSON"));
    }

    @Test
    void readinessCoversTheDatabaseAndTheBrokerHasAGroupOfItsOwn() throws InterruptedException {
        io.natter.app.support.Api.eventually(java.time.Duration.ofSeconds(10), "ready",
                () -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body(containsString("Database connections"))
                .body(not(containsString("rabbitmq")));
        io.natter.app.support.Api.eventually(java.time.Duration.ofSeconds(10), "broker connected",
                () -> given().get("/q/health/group/rabbitmq").statusCode() == 200);
        given().get("/q/health/group/rabbitmq").then().body("checks[0].name", equalTo("rabbitmq"))
                .body("checks[0].status", equalTo("UP"));
    }

    @Test
    void tooLongUriIs414Json() {
        given().get("/api/threads?q=" + "x".repeat(5000)).then().statusCode(414).contentType(ContentType.JSON)
                .body("error", equalTo("uri_too_long"));
        // Just under the limit it is an ordinary request.
        given().get("/api/threads?q=" + "x".repeat(4000)).then().statusCode(401);
    }

    @ParameterizedTest
    @EnumSource(java.net.http.HttpClient.Version.class)
    void tooLargeBodyWithoutLengthIs413Json(java.net.http.HttpClient.Version version) throws Exception {
        // No Content-Length: the size is only known while reading.
        byte[] body = ("{\"name\": \"" + "x".repeat(70_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/users"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder().version(version).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(r.body()).contains("\"error\":\"payload_too_large\"");
        // A body within the limit, sent the same way, is read as usual.
        byte[] small = ("{\"name\": \"" + io.natter.app.support.Api.unique("c") + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> ok = java.net.http.HttpClient.newBuilder().version(version).build()
                .send(java.net.http.HttpRequest.newBuilder(request.uri()).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", io.natter.app.support.Api.randomAddress())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(small))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(ok.statusCode()).isEqualTo(201);
    }

    @Test
    void tooLargeBodyIs413Json() {
        json().body("{\"name\": \"" + "x".repeat(70_000) + "\"}").post("/api/users")
                .then().statusCode(413).contentType(ContentType.JSON).body("error", equalTo("payload_too_large"));
    }

    @Test
    void openApiAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/users")).body(containsString("/api/threads/{thread}/messages"))
                .body(containsString("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
