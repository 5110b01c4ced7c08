package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketFrame;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VertxInternalsTest {

    /** A connection of a class this Vert.x does not make: what a changed Vert.x would hand over. */
    private static HttpConnection foreignConnection() {
        return (HttpConnection) Proxy.newProxyInstance(VertxInternalsTest.class.getClassLoader(),
                new Class<?>[] {HttpConnection.class}, (proxy, method, args) -> null);
    }

    @Test
    void aConnectionOfAnotherKindFallsBackAndIsCounted() {
        long before = VertxInternals.fallbacks();
        assertThat(VertxInternals.channel(foreignConnection())).isNull();
        assertThat(VertxInternals.handlerContext(foreignConnection())).isNull();
        assertThat(VertxInternals.channel(null)).isNull();
        assertThat(VertxInternals.fallbacks()).isEqualTo(before + 3);
    }

    @Test
    void aDataFrameWrapsThePayloadWithoutACopy() {
        ByteBuf payload = Unpooled.copiedBuffer("[16,1,{}]", StandardCharsets.UTF_8);
        WebSocketFrame text = VertxInternals.dataFrame(payload, false);
        assertThat(text.isText()).isTrue();
        assertThat(text.isFinal()).isTrue();
        assertThat(text.textData()).isEqualTo("[16,1,{}]");
        WebSocketFrame binary = VertxInternals.dataFrame(Unpooled.wrappedBuffer(new byte[] {1, 2}), true);
        assertThat(binary.isBinary()).isTrue();
        assertThat(binary.binaryData().getBytes()).containsExactly(1, 2);
    }
}
