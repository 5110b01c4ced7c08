package io.natter.app.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/** Small helpers shared by the REST tests: unique names, users with tokens, polling. */
public final class Api {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Api() {
    }

    /** A name no other test uses: {@code prefix} plus 8 random hex digits. */
    public static String unique(String prefix) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** A random client address, so that login throttling by address does not couple tests. */
    public static String randomAddress() {
        return "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
    }

    /** A JSON request. */
    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", randomAddress());
    }

    /** A JSON request with a user token. */
    public static RequestSpecification as(String token) {
        return json().header("Authorization", "Bearer " + token);
    }

    /** A new user; returns its token. */
    public static String newUser(String name) {
        return json().body(Map.of("name", name)).post("/api/users")
                .then().statusCode(201).extract().path("token");
    }

    /** A token with its id, as {@code POST /api/users} and {@code /api/login} answer. */
    public record Device(String token, String tokenId) {
        static Device of(Response r) {
            return new Device(r.path("token"), r.path("token_id"));
        }
    }

    /** A new user with a password; returns its first device. */
    public static Device newUser(String name, String password) {
        return Device.of(json().body(Map.of("name", name, "password", password)).post("/api/users")
                .then().statusCode(201).extract().response());
    }

    /** Logs in as another device. */
    public static Device login(String name, String password) {
        return Device.of(json().body(Map.of("name", name, "password", password)).post("/api/login")
                .then().statusCode(200).extract().response());
    }

    /** A request presenting the internal API's service credential of the test profile. */
    public static RequestSpecification service() {
        return given().header("Authorization", "Bearer test-service-credential");
    }

    /** Opens a thread; returns its permalink. */
    public static String newThread(String token, String title) {
        return as(token).body(Map.of("title", title)).post("/api/threads")
                .then().statusCode(201).extract().path("thread");
    }

    /** Adds a member. */
    public static Response grant(String ownerToken, String thread, String name) {
        return as(ownerToken).body(Map.of("name", name)).post("/api/threads/" + thread + "/members");
    }

    /**
     * Sends {@code n} JSON POSTs at once (all requests are in flight before the first answer is
     * awaited) and returns their statuses; {@code address.apply(i)} is request i's client address.
     */
    public static List<Integer> postInParallel(int n, String path, String json, IntFunction<String> address) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
        HttpClient client = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            URI uri = URI.create("http://localhost:" + io.restassured.RestAssured.port + path);
            List<CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("X-Forwarded-For", address.apply(i))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
                calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            return calls.stream().map(c -> c.join().statusCode()).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until the condition holds, failing after the timeout. */
    public static void eventually(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
