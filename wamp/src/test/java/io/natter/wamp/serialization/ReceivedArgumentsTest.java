package io.natter.wamp.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.ReceivedArguments;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Yield;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments forwarded in the encoding they came in are copied as received, and mean the same. */
class ReceivedArgumentsTest {

    private static final Serializer JSON = Serializers.JSON;
    private static final Serializer MSGPACK = Serializers.MSGPACK;

    // Spacing, escapes, an exponent, a binary string, a nested dict: text a re-encoding would change.
    private static final String ARGS = "[ \"caf\\u00e9 \\/ \\\"q\\\"\" , 1E2,\n {\"k\" : [true, null]}, \"\\u0000"
            + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\", 18446744073709551615 ]";

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Publish publish() throws WampDecodeException {
        return (Publish) JSON.decode(("[16, 7, {}, \"com.example.t\", " + ARGS + ", {\"x\": 1}]").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEventOfAPublicationInJsonCarriesItsArgumentsTextAsReceived() throws Exception {
        Publish p = publish();
        Event e = new Event(1, 2, Map.of(), p.args(), p.kwargs());

        String text = utf8(JSON.encode(e));

        assertThat(text).isEqualTo("[36,1,2,{}," + ARGS + ",{\"x\":1}]");
        Event back = (Event) JSON.decode(text.getBytes(StandardCharsets.UTF_8));
        assertThat(back.args()).usingRecursiveComparison().isEqualTo(p.args());
        assertThat(back.args().get(3)).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void theSameArgumentsAreEncodedAnewForAnotherSerializer() throws Exception {
        Publish p = publish();
        Event e = new Event(1, 2, Map.of(), p.args(), p.kwargs());

        Message back = MSGPACK.decode(MSGPACK.encode(e));

        assertThat(((Event) back).args()).usingRecursiveComparison().isEqualTo(p.args());
        assertThat(((Event) back).args().get(0)).isEqualTo("café / \"q\"");
        assertThat(ReceivedArguments.raw(p.args(), new Object())).isNull();
    }

    @Test
    void callArgumentsTravelAsReceivedToTheCalleeAndYieldArgumentsToTheCaller() throws Exception {
        Call c = (Call) JSON.decode(("[48, 1, {}, \"p\", " + ARGS + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(utf8(JSON.encode(new Invocation(5, 6, Map.of(), c.args(), c.kwargs())))).isEqualTo("[68,5,6,{}," + ARGS + "]");

        Yield y = (Yield) JSON.decode(("[70, 5, {}, " + ARGS + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(utf8(JSON.encode(new Result(1, Map.of(), y.args(), y.kwargs())))).isEqualTo("[50,1,{}," + ARGS + "]");
    }

    @Test
    void argumentsMadeHereOrChangedAreEncodedFromTheirValues() throws Exception {
        Publish p = publish();
        List<Object> changed = new ArrayList<>(p.args());
        changed.set(1, 100);

        String text = utf8(JSON.encode(new Event(1, 2, Map.of(), changed, Map.of())));

        assertThat(text).startsWith("[36,1,2,{},[\"café / \\\"q\\\"\",100,{\"k\":[true,null]},");
        assertThat(ReceivedArguments.raw(changed, new Object())).isNull();
    }

    @Test
    void receivedArgumentsEqualAnyListOfTheSameValues() throws Exception {
        Publish p = (Publish) JSON.decode("[16, 7, {}, \"t\", [1, \"a\"]]".getBytes(StandardCharsets.UTF_8));

        assertThat(p.args()).isEqualTo(List.of(1, "a"));
        assertThat(List.of(1, "a")).isEqualTo(p.args());
        assertThat(p.args()).hasSameHashCodeAs(List.of(1, "a"));
    }

    @Test
    void anEmptyArgumentsListIsNotKeptAsText() throws Exception {
        Publish p = (Publish) JSON.decode("[16, 7, {}, \"t\", [], {\"a\": 1}]".getBytes(StandardCharsets.UTF_8));

        assertThat(utf8(JSON.encode(new Event(1, 2, Map.of(), p.args(), p.kwargs())))).isEqualTo("[36,1,2,{},[],{\"a\":1}]");
    }
}
