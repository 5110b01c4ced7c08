package io.natter.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.natter.wamp.auth.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/** app-api's REST API as the browser uses it (JSON over HTTP), with answers checked as it goes. */
public final class AppApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AppApi(URI base) {
        this.base = base;
    }

    /** An HTTP answer: status and JSON body ({@link MissingNode} when empty). */
    public record Response(int status, JsonNode body) {

        /** The body of a 2xx answer; anything else fails with the status and the body. */
        public JsonNode ok() {
            if (status < 200 || status > 299) {
                throw new AssertionError("app-api answered " + status + ": " + body);
            }
            return body;
        }
    }

    /** A user name no other test (or run on the same database server) uses: prefix + random hex. */
    public static String uniqueName(String prefix) {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return prefix + "-" + HexFormat.of().formatHex(b);
    }

    /** Signs up a user with a fresh name and password; the answer's token is its first device. */
    public User signUp(String prefix) {
        String name = uniqueName(prefix);
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        Secret password = Secret.of(HexFormat.of().formatHex(b));
        JsonNode body = post("/api/users", Map.of("name", name, "password", password.reveal()), null).ok();
        return new User(name, password, device(name, body));
    }

    /** Logs the user in on another device: a new token, the others keep working. */
    public Device login(User user) {
        JsonNode body = post("/api/login", Map.of("name", user.name(), "password", user.password().reveal()), null).ok();
        return device(user.name(), body);
    }

    public Response logout(Device device) {
        return send("POST", "/api/logout", null, device);
    }

    public Response tokens(Device device) {
        return send("GET", "/api/tokens", null, device);
    }

    /** Opens a thread owned by {@code owner}; returns its permalink. */
    public String createThread(Device owner, String title) {
        return post("/api/threads", Map.of("title", title), owner).ok().path("thread").asText();
    }

    /** Opens a thread owned by {@code owner} with {@code members} added; returns its permalink. */
    public String threadWith(User owner, User... members) {
        String thread = createThread(owner.device(), "e2e " + owner.name());
        for (User m : members) {
            addMember(owner.device(), thread, m.name()).ok();
        }
        return thread;
    }

    /** The WAMP topic of a thread's chat messages. */
    public static String topic(String thread) {
        return "natter.thread." + thread;
    }

    public Response addMember(Device owner, String thread, String name) {
        return post("/api/threads/" + thread + "/members", Map.of("name", name), owner);
    }

    public Response removeMember(Device owner, String thread, String name) {
        return send("DELETE", "/api/threads/" + thread + "/members/" + name, null, owner);
    }

    public Response post(String path, Object body, Device auth) {
        return send("POST", path, body, auth);
    }

    public Response send(String method, String path, Object body, Device auth) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json");
            if (auth != null) {
                request.header("Authorization", "Bearer " + auth.token().reveal());
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Device device(String name, JsonNode body) {
        String token = body.path("token").asText(null);
        String tokenId = body.path("token_id").asText(null);
        if (token == null || tokenId == null) {
            throw new AssertionError("app-api answered no token or token_id for " + name + " (keys "
                    + iterableKeys(body) + ")");
        }
        return new Device(name, Secret.of(token), tokenId);
    }

    private static String iterableKeys(JsonNode body) {
        StringBuilder b = new StringBuilder();
        body.fieldNames().forEachRemaining(k -> b.append(b.isEmpty() ? "" : ",").append(k));
        return b.toString();
    }
}
