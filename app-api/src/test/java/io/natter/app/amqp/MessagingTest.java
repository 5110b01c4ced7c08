package io.natter.app.amqp;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.eventually;
import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.natter.app.support.Broker;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat-message consumer and the event outbox against the machine's RabbitMQ. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MessagingTest {

    @Inject
    Rabbit rabbit;
    @Inject
    AgroalDataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void connected() throws InterruptedException {
        eventually(Duration.ofSeconds(10), "RabbitMQ connection", rabbit::isConnected);
    }

    private static String chat(long publication, String thread, String author, String text) {
        return "{\"publication\": " + publication + ", \"thread\": \"" + thread + "\", \"author\": \"" + author
                + "\", \"text\": \"" + text + "\", \"ts\": \"2026-01-02T03:04:05Z\", \"client_id\": \"c1\"}";
    }

    private static long publication() {
        return ThreadLocalRandom.current().nextLong(1, 1L << 53);
    }

    private int stored(String thread) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM messages WHERE thread = ?")) {
            s.setString(1, thread);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMessageIsStoredAndReadable() throws Exception {
        String author = unique("a");
        String token = newUser(author);
        String thread = newThread(token, unique("chat "));
        long pub = publication();
        try (Broker broker = Broker.open()) {
            broker.publish("natter.messages", thread, chat(pub, thread, author, "hello"));
        }
        eventually(Duration.ofSeconds(10), "message stored", () -> stored(thread) == 1);
        as(token).get("/api/threads/" + thread + "/messages").then().statusCode(200)
                .body("messages[0].seq", org.hamcrest.Matchers.equalTo(1))
                .body("messages[0].publication", org.hamcrest.Matchers.equalTo(pub))
                .body("messages[0].text", org.hamcrest.Matchers.equalTo("hello"))
                .body("messages[0].client_id", org.hamcrest.Matchers.equalTo("c1"))
                .body("messages[0].ts", org.hamcrest.Matchers.startsWith("2026-01-02T03:04:05"));
    }

    @Test
    void redeliveredPublicationIsStoredOnce() throws Exception {
        String author = unique("a");
        String thread = newThread(newUser(author), unique("dup "));
        long pub = publication();
        try (Broker broker = Broker.open()) {
            // Two listeners forward the same event, and one copy comes again after a lost ack.
            for (int i = 0; i < 3; i++) {
                broker.publish("natter.messages", thread, chat(pub, thread, author, "once"));
            }
            broker.publish("natter.messages", thread, chat(publication(), thread, author, "second"));
            eventually(Duration.ofSeconds(10), "second message stored", () -> stored(thread) == 2);
            eventually(Duration.ofSeconds(10), "queue drained",
                    () -> depth(broker, Broker.name("natter.messages")) == 0);
        }
        Thread.sleep(300);
        assertThat(stored(thread)).isEqualTo(2);
    }

    private static long depth(Broker broker, String queue) {
        try {
            return broker.depth(queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unknownThreadNonMemberAndMalformedAreDeadLettered() throws Exception {
        String author = unique("a");
        String thread = newThread(newUser(author), unique("dlq "));
        String stranger = unique("s");
        newUser(stranger);
        String ghostThread = unique("ghost-");
        List<String> payloads = List.of(
                chat(publication(), ghostThread, author, "to nowhere"),
                chat(publication(), thread, stranger, "intruder"),
                "{\"publication\": \"NaN-" + unique("") + "\"}",
                // Valid JSON (an escaped NUL) that PostgreSQL text cannot hold.
                chat(publication(), thread, author, "nul\\u0000" + unique("")));
        try (Broker broker = Broker.open()) {
            for (String p : payloads) {
                broker.publish("natter.messages", "x", p);
            }
            // The DLQ is shared within this test JVM: pick out this test's four.
            int found = 0;
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (found < 4 && System.nanoTime() < end) {
                GetResponse r = broker.next(Broker.name("natter.messages.dlq"), Duration.ofSeconds(1));
                if (r == null) {
                    continue;
                }
                String body = new String(r.getBody());
                String reason = String.valueOf(r.getProps().getHeaders().get(MessageConsumer.REASON_HEADER));
                if (body.equals(payloads.get(0))) {
                    assertThat(reason).contains("unknown thread");
                    found++;
                } else if (body.equals(payloads.get(1))) {
                    assertThat(reason).contains("not a member");
                    found++;
                } else if (body.equals(payloads.get(2))) {
                    assertThat(reason).startsWith("malformed");
                    found++;
                } else if (body.equals(payloads.get(3))) {
                    assertThat(reason).startsWith("malformed").contains("NUL");
                    found++;
                }
            }
            assertThat(found).as("dead-lettered messages of this test").isEqualTo(4);
        }
        assertThat(stored(thread)).isZero();
    }

    @Test
    void aBurstIsStoredOnceInOrderWithDenseSeqsPerThread() throws Exception {
        String author = unique("a");
        String token = newUser(author);
        String stranger = unique("s");
        newUser(stranger);
        List<String> threads = List.of(newThread(token, unique("burst1 ")), newThread(token, unique("burst2 ")),
                newThread(token, unique("burst3 ")));
        String refused = chat(publication(), threads.get(1), stranger, "intruder " + unique(""));
        java.util.Map<String, List<Long>> sent = new java.util.HashMap<>();
        long duplicated = 0;
        try (Broker broker = Broker.open()) {
            // 500 messages, interleaved over three threads, published at once: the consumer sees
            // full prefetches and stores them batch by batch.
            List<String[]> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String thread = threads.get(i % 3 == 0 ? 0 : i % 2 == 0 ? 1 : 2);
                long pub = publication();
                sent.computeIfAbsent(thread, t -> new java.util.ArrayList<>()).add(pub);
                burst.add(new String[] {thread, chat(pub, thread, author, "m" + i)});
                if (i == 250) {
                    // A second copy of an earlier message (a second listener's, or a redelivery), mid-burst.
                    duplicated = sent.get(threads.get(0)).get(3);
                    burst.add(new String[] {threads.get(0), chat(duplicated, threads.get(0), author, "m9")});
                    burst.add(new String[] {threads.get(1), refused});
                }
            }
            broker.publishAll("natter.messages", burst);
            eventually(Duration.ofSeconds(30), "500 rows",
                    () -> threads.stream().mapToInt(this::stored).sum() == 500);
            eventually(Duration.ofSeconds(10), "queue drained",
                    () -> depth(broker, Broker.name("natter.messages")) == 0);
            boolean deadLettered = false;
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!deadLettered && System.nanoTime() < end) {
                GetResponse r = broker.next(Broker.name("natter.messages.dlq"), Duration.ofSeconds(1));
                if (r != null && new String(r.getBody()).equals(refused)) {
                    assertThat(String.valueOf(r.getProps().getHeaders().get(MessageConsumer.REASON_HEADER)))
                            .contains("not a member");
                    deadLettered = true;
                }
            }
            assertThat(deadLettered).as("the non-member's message in the DLQ").isTrue();
        }
        Thread.sleep(300);
        for (String thread : threads) {
            List<Long> pubs = new java.util.ArrayList<>();
            List<Long> seqs = new java.util.ArrayList<>();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "SELECT seq, publication FROM messages WHERE thread = ? ORDER BY seq")) {
                s.setString(1, thread);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        seqs.add(r.getLong(1));
                        pubs.add(r.getLong(2));
                    }
                }
                try (PreparedStatement l = c.prepareStatement("SELECT last_seq FROM threads WHERE permalink = ?")) {
                    l.setString(1, thread);
                    try (ResultSet r = l.executeQuery()) {
                        r.next();
                        assertThat(r.getLong(1)).as("last_seq of " + thread).isEqualTo(pubs.size());
                    }
                }
            }
            assertThat(pubs).as("publications of " + thread + " in arrival order").isEqualTo(sent.get(thread));
            assertThat(seqs).as("dense seqs").isEqualTo(
                    java.util.stream.LongStream.rangeClosed(1, pubs.size()).boxed().toList());
        }
        assertThat(threads.stream().mapToInt(this::stored).sum()).isEqualTo(500);
        assertThat(duplicated).isNotZero();
    }

    @Test
    void membershipAndTokenEventsGoOutThroughTheOutbox() throws Exception {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String member = unique("m");
        newUser(member);
        String thread = newThread(ownerToken, unique("events "));
        try (Broker broker = Broker.open()) {
            String q = broker.bind("natter.events", "#");
            grant(ownerToken, thread, member).then().statusCode(201);
            as(ownerToken).delete("/api/threads/" + thread + "/members/" + member).then().statusCode(204);
            as(ownerToken).post("/api/token").then().statusCode(200);
            List<JsonNode> mine = new java.util.ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (mine.size() < 3 && System.nanoTime() < end) {
                GetResponse r = broker.next(q, Duration.ofSeconds(1));
                if (r == null) {
                    continue;
                }
                JsonNode e = json.readTree(r.getBody());
                assertThat(r.getEnvelope().getRoutingKey()).isEqualTo(e.get("type").asText());
                if (owner.equals(e.path("authid").asText()) && "token.revoked".equals(e.get("type").asText())
                        || member.equals(e.path("authid").asText())) {
                    mine.add(e);
                }
            }
            assertThat(mine).extracting(e -> e.get("type").asText())
                    .containsExactly("membership.granted", "membership.revoked", "token.revoked");
            assertThat(mine.get(0).get("thread").asText()).isEqualTo(thread);
            assertThat(mine.get(2).get("reason").asText()).isEqualTo("rotate");
            assertThat(mine.get(2).get("token_id").asText()).isEqualTo(ownerToken.split("\\.")[1]);
        }
    }

    @Test
    void aNewMemberIsNotifiedThroughTheOutboxOnceAndNotWhenRemoved() throws Exception {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String member = unique("m");
        newUser(member);
        String title = unique("a thread with a title ");
        String thread = newThread(ownerToken, title);
        try (Broker broker = Broker.open()) {
            String q = broker.bind("natter.notifications", "user." + member);
            grant(ownerToken, thread, member).then().statusCode(201);
            grant(ownerToken, thread, member).then().statusCode(200);
            GetResponse r = broker.next(q, Duration.ofSeconds(10));
            assertThat(r).as("the notification of the new member").isNotNull();
            assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("user." + member);
            assertThat(r.getProps().getMessageId()).startsWith("outbox-");
            JsonNode n = json.readTree(r.getBody());
            assertThat(n.get("title").asText()).isEqualTo(owner + " added you to “" + title + "”");
            assertThat(n.get("from").asText()).isEqualTo(owner);
            assertThat(n.get("data").get("kind").asText()).isEqualTo("thread.member_added");
            assertThat(n.get("data").get("thread").asText()).isEqualTo(thread);
            assertThat(n.get("data").get("title").asText()).isEqualTo(title);
            assertThat(n.get("data").get("by").asText()).isEqualTo(owner);

            as(ownerToken).delete("/api/threads/" + thread + "/members/" + member).then().statusCode(204);
            assertThat(broker.next(q, Duration.ofSeconds(2))).as("nothing for a repeated grant or a removal").isNull();
        }
    }
}
