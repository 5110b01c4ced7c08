package io.natter.wamp.message;

import java.util.List;
import java.util.Objects;

/**
 * Arguments as a reader received them: the decoded values and, beside them, the bytes they were
 * encoded as. A router forwards arguments unchanged (PUBLISH to EVENT, CALL to INVOCATION, YIELD
 * to RESULT), so a writer of the same encoding can copy those bytes instead of encoding the
 * values again; on fan-out of a 1 KiB JSON string, encoding it again was a sixth of the router's
 * Java samples. The values are decoded all the same: they are checked, and a peer of another
 * serializer gets them encoded anew. The list holds on to the frame it came in for as long as the
 * message is held (a message queued for a slow reader keeps its frame besides its values).
 */
public final class ReceivedArguments {

    /**
     * Where the arguments lie in the frame they came in: {@code length} bytes from {@code offset}
     * of {@code frame}, which nobody changes.
     */
    public record Raw(byte[] frame, int offset, int length) {
        public Raw {
            Objects.checkFromIndexSize(offset, length, frame.length);
        }
    }

    private ReceivedArguments() {
    }

    /**
     * The arguments {@code values} (a list nobody else holds), which a reader of {@code encoding}
     * (any object that stands for it; compared by identity) decoded from {@code raw}.
     */
    public static List<Object> of(List<Object> values, Object encoding, Raw raw) {
        if (values.isEmpty()) {
            return List.of();
        }
        return new FrozenList(values.toArray(), Objects.requireNonNull(encoding, "encoding"), Objects.requireNonNull(raw, "raw"));
    }

    /** The bytes {@code args} were received as, if a reader of {@code encoding} made them; else null. */
    public static Raw raw(List<?> args, Object encoding) {
        return args instanceof FrozenList f && f.encoding == encoding ? f.raw : null;
    }
}
