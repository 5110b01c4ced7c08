package io.natter.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One Autobahn|JS client under Node ({@code src/test/js/client.mjs}), driven over its stdin and
 * stdout in JSON lines: one WAMP session at a time, joined with WAMP-CRA as a browser on the chat
 * page would (the page's Origin header, {@code authextra.token_id}, the key derived from the token
 * with the challenge's salt).
 *
 * <p>Replies to commands are matched by id; what the client reports unprompted (events, revoked
 * subscriptions, the session's end) is kept in arrival order for the test to wait on. A reader
 * thread fills both; the test's thread waits, always with a timeout.
 */
public final class JsClient implements AutoCloseable {

    /** How long one command may take: a join includes the router's call to the authenticator and app-api. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String label;
    private final Process process;
    private final OutputStream stdin;
    private final String wsUrl;
    private final String origin;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> unprompted = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Path log;

    private JsClient(String label, Process process, String wsUrl, String origin, Path log) {
        this.label = label;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.wsUrl = wsUrl;
        this.origin = origin;
        this.log = log;
        Thread reader = new Thread(this::readLoop, "js-client-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    static JsClient start(Path jsDir, String label, Path logDir, String wsUrl, String origin) {
        Path script = jsDir.resolve("client.mjs");
        if (!Files.isDirectory(jsDir.resolve("node_modules/autobahn"))) {
            throw new IllegalStateException("Autobahn|JS is not installed in " + jsDir + ": run npm ci there");
        }
        Path log = logDir.resolve("client-" + SEQUENCE.incrementAndGet() + "-" + label + ".log");
        try {
            Files.createDirectories(logDir);
            Process p = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", script.toString())
                    .directory(jsDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            JsClient client = new JsClient(label, p, wsUrl, origin, log);
            client.ready.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return client;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Node client " + label + " did not start (stderr in " + log + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String label() {
        return label;
    }

    /** Joins realm natter as {@code device}; the answer is {@code joined} or {@code aborted}. */
    public JsonNode tryJoin(Device device) {
        return tryJoin(device, true);
    }

    /** Joins as {@code device} but sends no {@code authextra.token_id}, as an old client would. */
    public JsonNode tryJoinWithoutTokenId(Device device) {
        return tryJoin(device, false);
    }

    private JsonNode tryJoin(Device device, boolean withTokenId) {
        ObjectNode c = command("join")
                .put("url", wsUrl)
                .put("realm", Stack.REALM)
                .put("authid", device.name())
                .put("token", device.token().reveal());
        if (withTokenId) {
            c.put("token_id", device.tokenId());
        }
        if (origin != null) {
            c.put("origin", origin);
        }
        return request(c);
    }

    /** Joins and fails unless the router welcomed the session; returns the {@code joined} message. */
    public JsonNode join(Device device) {
        JsonNode answer = tryJoin(device);
        if (!"joined".equals(answer.path("type").asText())) {
            throw new AssertionError(label + " (" + device.name() + ") was not welcomed: " + answer);
        }
        return answer;
    }

    /**
     * Joins, trying again every half second until {@code timeout} (the first tries may still meet
     * an outage); fails unless the router welcomed the session in the end.
     */
    public JsonNode joinWithin(Device device, Duration timeout) {
        return Replies.expect(retry(() -> tryJoin(device), "joined", timeout, 500), "joined");
    }

    /**
     * Subscribes, trying again every 200 ms while refused until {@code timeout} (a grant may still
     * be on its way); returns the last answer.
     */
    public JsonNode subscribeWithin(String topic, Duration timeout) {
        return retry(() -> subscribe(topic), "subscribed", timeout, 200);
    }

    /** Joins and fails unless the router refused the session; returns the {@code aborted} message. */
    public JsonNode joinRefused(Device device) {
        JsonNode answer = tryJoin(device);
        if (!"aborted".equals(answer.path("type").asText())) {
            throw new AssertionError(label + " (" + device.name() + ") was expected to be refused: " + answer);
        }
        return answer;
    }

    /** Subscribes; the answer is {@code subscribed} or {@code error} (with the WAMP error URI). */
    public JsonNode subscribe(String topic) {
        return request(command("subscribe").put("topic", topic));
    }

    /** Subscribes with a match policy ({@code prefix}, {@code wildcard}); answers as {@link #subscribe(String)}. */
    public JsonNode subscribe(String topic, String match) {
        ObjectNode c = command("subscribe").put("topic", topic);
        c.putObject("options").put("match", match);
        return request(c);
    }

    /** Publishes with acknowledgement; the answer is {@code published} or {@code error}. */
    public JsonNode publish(String topic, String text) {
        ObjectNode c = command("publish").put("topic", topic).put("acknowledge", true);
        c.putArray("args").add(text);
        return request(c);
    }

    /** Publishes without acknowledgement (the router sends nothing back, as for a browser); answers {@code sent}. */
    public JsonNode publishNoAck(String topic, String text) {
        ObjectNode c = command("publish").put("topic", topic).put("acknowledge", false);
        c.putArray("args").add(text);
        return request(c);
    }

    /** Calls a procedure; the answer is {@code result} or {@code error}. */
    public JsonNode call(String procedure, Object... args) {
        ObjectNode c = command("call").put("procedure", procedure);
        c.set("args", AppApi.JSON.valueToTree(args));
        return request(c);
    }

    /** Leaves (GOODBYE) and waits until the session is closed; returns the {@code closed} message. */
    public JsonNode leave() {
        send(command("leave"));
        return awaitClosed(REPLY_TIMEOUT);
    }

    /** The first event on {@code topic} whose first argument is {@code text}, waiting up to {@code timeout}. */
    public JsonNode awaitEvent(String topic, String text, Duration timeout) {
        return awaitUnprompted(m -> isEvent(m, topic) && text.equals(m.path("args").path(0).asText(null)), timeout)
                .orElseThrow(() -> new AssertionError(label + " received no event '" + text + "' on " + topic
                        + " within " + timeout.toMillis() + " ms; it got: " + unprompted()));
    }

    /** The texts of every event received on {@code topic} so far, in order. */
    public List<String> texts(String topic) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : unprompted()) {
            if (isEvent(m, topic)) {
                texts.add(m.path("args").path(0).asText(null));
            }
        }
        return texts;
    }

    /** Waits until the session ends (GOODBYE from the router, kill, lost connection); returns {@code closed}. */
    public JsonNode awaitClosed(Duration timeout) {
        return awaitUnprompted(m -> "closed".equals(m.path("type").asText()), timeout)
                .orElseThrow(() -> new AssertionError(label + "'s session did not end within " + timeout.toMillis()
                        + " ms; it got: " + unprompted()));
    }

    /** The {@code closed} message if the session ended already. */
    public Optional<JsonNode> closed() {
        return unprompted().stream().filter(m -> "closed".equals(m.path("type").asText())).findFirst();
    }

    /** Waits for the router's revocation of the subscription to {@code topic} (UNSUBSCRIBED with request 0). */
    public Optional<JsonNode> awaitRevoked(String topic, Duration timeout) {
        return awaitUnprompted(m -> "revoked".equals(m.path("type").asText()) && topic.equals(m.path("topic").asText()),
                timeout);
    }

    /** Everything reported unprompted so far, in arrival order. */
    public List<JsonNode> unprompted() {
        synchronized (unprompted) {
            return List.copyOf(unprompted);
        }
    }

    private static JsonNode retry(Supplier<JsonNode> attempt, String type, Duration timeout, long pauseMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode answer = attempt.get();
        while (!type.equals(answer.path("type").asText()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            answer = attempt.get();
        }
        return answer;
    }

    private static boolean isEvent(JsonNode m, String topic) {
        return "event".equals(m.path("type").asText()) && topic.equals(m.path("topic").asText());
    }

    private Optional<JsonNode> awaitUnprompted(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (unprompted) {
            while (true) {
                for (JsonNode m : unprompted) {
                    if (match.test(m)) {
                        return Optional.of(m);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(unprompted, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    private ObjectNode command(String cmd) {
        return AppApi.JSON.createObjectNode().put("cmd", cmd).put("id", ids.incrementAndGet());
    }

    private JsonNode request(ObjectNode command) {
        long id = command.path("id").asLong();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        send(command);
        try {
            return reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(label + ": no answer to " + command.path("cmd").asText() + " within "
                    + REPLY_TIMEOUT.toSeconds() + " s (stderr in " + log + ")");
        } catch (ExecutionException e) {
            throw new AssertionError(label + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    private void send(ObjectNode command) {
        try {
            synchronized (stdin) {
                stdin.write(AppApi.JSON.writeValueAsBytes(command));
                stdin.write('\n');
                stdin.flush();
            }
        } catch (IOException e) {
            throw new AssertionError(label + ": the Node client is gone (stderr in " + log + "): " + e, e);
        }
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode m;
                try {
                    m = AppApi.JSON.readTree(line);
                } catch (IOException e) {
                    continue; // not ours
                }
                String type = m.path("type").asText();
                if ("ready".equals(type)) {
                    ready.complete(null);
                    continue;
                }
                CompletableFuture<JsonNode> reply = m.has("id") ? pending.get(m.path("id").asLong()) : null;
                if (reply != null) {
                    reply.complete(m);
                } else {
                    synchronized (unprompted) {
                        unprompted.add(m);
                        unprompted.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            IllegalStateException gone = new IllegalStateException("the Node client " + label + " ended (stderr in " + log + ")");
            ready.completeExceptionally(gone);
            pending.values().forEach(f -> f.completeExceptionally(gone));
        }
    }

    /** Ends the Node process (its WebSocket closes with it). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            synchronized (stdin) {
                stdin.write("{\"cmd\":\"exit\"}\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "JsClient[" + label + "]";
    }
}
