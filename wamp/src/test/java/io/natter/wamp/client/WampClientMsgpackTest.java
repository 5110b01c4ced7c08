package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same protocol over {@code wamp.2.msgpack}: binary frames, binary payloads. */
class WampClientMsgpackTest extends PeerTestBase {

    @Override
    Serializer serializer() {
        return Serializers.MSGPACK;
    }

    @Test
    void joinsSubscribesAndCallsOverMessagePack() throws Exception {
        WampClient client = builder().build();
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        assertThat(connection.offeredSubprotocols).isEqualTo("wamp.2.msgpack");
        connection.expect(Hello.class);
        connection.send(welcome(1));
        await(joined);

        BlockingQueue<EventDetails> events = new LinkedBlockingQueue<>();
        Future<Subscription> subscribed = client.subscribe("bin", events::add);
        assertThat(connection.receive()).isEqualTo(new Subscribe(1, Map.of(), "bin"));
        connection.send(new Subscribed(1, 3));
        await(subscribed);
        byte[] blob = {0, 1, 2, (byte) 0xff};
        connection.send(new Event(3, 4, Map.of(), List.of(blob), Map.of()));
        assertThat((byte[]) events.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS).args().get(0)).containsExactly(blob);

        Future<CallResult> result = client.call("add", List.of(2, 3));
        Call call = connection.expect(Call.class);
        assertThat(call.args()).extracting(n -> ((Number) n).intValue()).containsExactly(2, 3);
        connection.send(new Result(2, Map.of(), List.of(5), Map.of()));
        assertThat(((Number) await(result).arg0()).intValue()).isEqualTo(5);
    }

    @Test
    void aTextFrameOnMessagePackIsAProtocolViolation() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        connection.sendRawText("[36, 1, 2, {}]");
        assertThat(connection.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        connection.awaitClosed();
    }
}
