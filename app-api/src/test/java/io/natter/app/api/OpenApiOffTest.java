package io.natter.app.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.support.TestServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration of the packaged app (no {@code %dev} or {@code %test} values): the API
 * description and Swagger UI are off (the packaged build does not even contain Swagger UI).
 */
@QuarkusTest
@TestProfile(OpenApiOffTest.Packaged.class)
class OpenApiOffTest {

    /** A profile of its own, so that only the unprefixed properties apply, as in production. */
    public static class Packaged implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "packaged";
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestServices.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void openApiAndSwaggerUiAreOff() {
        given().accept("application/json").get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
        // The API itself is there.
        given().get("/api/threads").then().statusCode(401).body("error", equalTo("unauthorized"));
    }
}
