package io.natter.wamp.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenPayloadTest {

    @Test
    void argsAreACopyThatCannotChange() {
        List<Object> args = new ArrayList<>(Arrays.asList("a", null, 3));
        Call call = new Call(1, Map.of(), "com.example.proc", args, Map.of());

        args.set(0, "changed");

        assertThat(call.args()).containsExactly("a", null, 3);
        assertThat(call.args()).isEqualTo(Arrays.asList("a", null, 3));
        assertThatThrownBy(() -> call.args().set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> call.args().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void argsPassedOnAreNotCopiedAgain() {
        Call call = new Call(1, Map.of(), "com.example.proc", List.of("a", 1), Map.of());
        Invocation invocation = new Invocation(7, 8, Map.of(), call.args(), call.kwargs());

        assertThat(invocation.args()).isSameAs(call.args());
    }

    @Test
    void emptyOrMissingArgsAreTheEmptyList() {
        assertThat(new Call(1, Map.of(), "com.example.proc", null, null).args()).isEmpty();
        assertThat(new Call(1, Map.of(), "com.example.proc", new ArrayList<>(), null).args()).isSameAs(List.of());
    }
}
