package io.natter.router.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Event;
import io.natter.wamp.serialization.Serializers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shared message keeps a large frame in one direct buffer for all its receivers, until released. */
class SharedOutgoingMessageTest {

    private static Event event(int payload) {
        return new Event(1, 2, Map.of(), List.of("x".repeat(payload)), Map.of());
    }

    @Test
    void receiversOfASharedMessageWriteTheSameDirectBytesAndTheLastReleaseFreesThem() {
        OutgoingMessage m = OutgoingMessage.shared(event(2000));
        byte[] json = m.frame(Serializers.JSON).bytes();

        ByteBuf a = m.retainedDirect(Serializers.JSON);
        ByteBuf b = m.retainedDirect(Serializers.JSON);

        assertThat(a.isDirect()).isTrue();
        assertThat(ByteBufUtil.getBytes(a)).isEqualTo(json);
        assertThat(ByteBufUtil.getBytes(b)).isEqualTo(json);
        assertThat(a.unwrap()).isSameAs(b.unwrap());
        ByteBuf kept = a.unwrap();
        m.release();
        assertThat(kept.refCnt()).isEqualTo(2);
        a.release();
        b.release();
        assertThat(kept.refCnt()).isZero();
    }

    @Test
    void eachSerializerHasItsOwnBufferAndAfterReleaseReceiversGetTheHeapFrame() {
        OutgoingMessage m = OutgoingMessage.shared(event(2000));
        ByteBuf json = m.retainedDirect(Serializers.JSON);
        ByteBuf msgpack = m.retainedDirect(Serializers.MSGPACK);

        assertThat(ByteBufUtil.getBytes(msgpack)).isEqualTo(m.frame(Serializers.MSGPACK).bytes());
        assertThat(json.unwrap()).isNotSameAs(msgpack.unwrap());
        m.release();
        assertThat(m.retainedDirect(Serializers.JSON)).isNull();
        json.release();
        msgpack.release();
        assertThat(json.refCnt()).isZero();
        assertThat(msgpack.refCnt()).isZero();
    }

    @Test
    void smallFramesAndUnsharedMessagesAreNotCopiedToDirectBuffers() {
        assertThat(OutgoingMessage.shared(event(10)).retainedDirect(Serializers.JSON)).isNull();
        assertThat(OutgoingMessage.of(event(2000)).retainedDirect(Serializers.JSON)).isNull();
    }
}
