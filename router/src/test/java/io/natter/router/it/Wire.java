package io.natter.router.it;

import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;

/** The two WAMP serializations every integration test runs over. */
public enum Wire {
    JSON(Serializers.JSON),
    MSGPACK(Serializers.MSGPACK);

    private final Serializer serializer;

    Wire(Serializer serializer) {
        this.serializer = serializer;
    }

    public Serializer serializer() {
        return serializer;
    }
}
