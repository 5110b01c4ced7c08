package io.natter.router.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.natter.wamp.serialization.WampDecodeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutgoingMessageTest {

    /** Counts the encodings it performs. */
    private static final class CountingSerializer implements Serializer {
        final Serializer delegate;
        final AtomicInteger encodings = new AtomicInteger();

        CountingSerializer(Serializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public String subprotocol() {
            return delegate.subprotocol();
        }

        @Override
        public boolean binary() {
            return delegate.binary();
        }

        @Override
        public byte[] encode(Message message) {
            encodings.incrementAndGet();
            return delegate.encode(message);
        }

        @Override
        public Message decode(byte[] frame) throws WampDecodeException {
            return delegate.decode(frame);
        }
    }

    @Test
    void encodesOncePerSerializerHoweverManyReceivers() throws WampDecodeException {
        CountingSerializer json = new CountingSerializer(Serializers.JSON);
        CountingSerializer msgpack = new CountingSerializer(Serializers.MSGPACK);
        Event event = new Event(1, 2, Map.of(), List.of("hi"), Map.of());
        OutgoingMessage outgoing = OutgoingMessage.of(event);

        for (int i = 0; i < 5; i++) {
            outgoing.frame(json);
            outgoing.frame(msgpack);
        }

        assertThat(json.encodings).hasValue(1);
        assertThat(msgpack.encodings).hasValue(1);
        assertThat(new String(outgoing.frame(json).bytes(), StandardCharsets.UTF_8)).isEqualTo("[36,1,2,{},[\"hi\"]]");
        assertThat(outgoing.frame(json).binary()).isFalse();
        assertThat(outgoing.frame(msgpack).binary()).isTrue();
        assertThat(Serializers.MSGPACK.decode(outgoing.frame(msgpack).bytes())).isEqualTo(event);
    }
}
