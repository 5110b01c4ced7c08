package io.natter.wamp.message;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The unmodifiable list behind every message's {@code args}: a private copy of the elements (null
 * allowed, as JSON has it), equal to any list with the same elements. Only
 * {@link Message#frozen(java.util.List)} and {@link ReceivedArguments} make one, which is how it
 * knows that a list needs no further copy. One a reader made also keeps where its encoded form
 * lies in the frame it came in ({@link ReceivedArguments#raw}).
 */
final class FrozenList extends AbstractList<Object> implements RandomAccess {

    private final Object[] elements;
    final Object encoding;
    final ReceivedArguments.Raw raw;

    /** @param elements a fresh array that nobody else holds */
    FrozenList(Object[] elements) {
        this(elements, null, null);
    }

    FrozenList(Object[] elements, Object encoding, ReceivedArguments.Raw raw) {
        this.elements = elements;
        this.encoding = encoding;
        this.raw = raw;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}
