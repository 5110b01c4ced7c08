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
    void readinessCoversDatabaseAndBroker() throws InterruptedException {
        io.natter.app.support.Api.eventually(java.time.Duration.ofSeconds(10), "ready",
                () -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body(containsString("rabbitmq")).body(containsString("Database connections"));
    }

    @Test
    void openApiAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/users")).body(containsString("/api/threads/{thread}/messages"))
                .body(containsString("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
