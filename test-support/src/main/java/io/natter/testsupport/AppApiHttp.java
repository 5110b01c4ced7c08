package io.natter.testsupport;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * app-api's public REST API, as a browser uses it: what the whole-stack tests of the workers
 * (authenticator, listener, notifier) ask of it. Every user has the password {@link #PASSWORD}.
 */
public final class AppApiHttp {

    /** A user's device: the token and its id, as signup or login return them. */
    public record Device(String name, String token, String tokenId) {
        @Override
        public String toString() {
            return "Device[" + name + "]";
        }
    }

    public static final String PASSWORD = "correct-horse-battery";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    public AppApiHttp(String base) {
        this.base = base;
    }

    public Device signUp(String name) throws Exception {
        JsonObject body = send("POST", "/api/users", null, new JsonObject().put("name", name).put("password", PASSWORD), 201);
        return new Device(name, body.getString("token"), body.getString("token_id"));
    }

    public Device logIn(String name) throws Exception {
        JsonObject body = send("POST", "/api/login", null, new JsonObject().put("name", name).put("password", PASSWORD), 200);
        return new Device(name, body.getString("token"), body.getString("token_id"));
    }

    public void logOut(Device device) throws Exception {
        send("POST", "/api/logout", device.token(), null, 204);
    }

    public String openThread(Device owner, String title) throws Exception {
        return send("POST", "/api/threads", owner.token(), new JsonObject().put("title", title), 201).getString("thread");
    }

    public void addMember(Device owner, String thread, String name) throws Exception {
        send("POST", "/api/threads/" + thread + "/members", owner.token(), new JsonObject().put("name", name), 201);
    }

    public void removeMember(Device owner, String thread, String name) throws Exception {
        send("DELETE", "/api/threads/" + thread + "/members/" + name, owner.token(), null, 204);
    }

    /** {@code POST /api/notifications} as {@code sender}: the notification's id (202). */
    public String notify(Device sender, JsonObject request) throws Exception {
        return send("POST", "/api/notifications", sender.token(), request, 202).getString("id");
    }

    /** {@code GET /api/notifications?unread=true} as {@code reader}: the unread notifications, newest first. */
    public io.vertx.core.json.JsonArray unread(Device reader) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/notifications?unread=true"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + reader.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/notifications answered " + response.statusCode() + ": " + response.body());
        }
        return new io.vertx.core.json.JsonArray(response.body());
    }

    /** {@code GET /api/threads/{thread}/messages?limit=200} as {@code reader}: the stored messages, oldest first. */
    public io.vertx.core.json.JsonArray messages(Device reader, String thread) throws Exception {
        return send("GET", "/api/threads/" + thread + "/messages?limit=200", reader.token(), null, 200).getJsonArray("messages");
    }

    private JsonObject send(String method, String path, String token, JsonObject body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    }
}
