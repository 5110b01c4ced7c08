package io.natter.app.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The browser app as the build packs it: the page, its bundle, its settings and its headers. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebAppTest {

    @Test
    void thePageLoadsTheBundleBuiltWithAutobahn() {
        String page = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .extract().asString();
        Matcher script = Pattern.compile("src=\"(app\\.js\\?v=[0-9a-f]{12})\"").matcher(page);
        org.assertj.core.api.Assertions.assertThat(script.find()).as("script tag in %s", page).isTrue();
        given().get("/" + script.group(1)).then().statusCode(200)
                .contentType(containsString("javascript"))
                // Autobahn|JS's WAMP-CRA is in the bundle: the page derives the key from the token itself
                .body(containsString("wampcra"));
        given().get("/style.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void configTellsTheRealmAndWhereTheRouterIs() {
        given().get("/api/config").then().statusCode(200)
                .body("realm", equalTo("natter"))
                .body("router_url", nullValue())
                .body("router_port", equalTo(8080));
    }
}
