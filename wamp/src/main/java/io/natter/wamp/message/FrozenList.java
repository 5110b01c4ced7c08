package io.natter.wamp.message;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The unmodifiable list behind every message's {@code args}: a private copy of the elements (null
 * allowed, as JSON has it), equal to any list with the same elements. Only
 * {@link Message#frozen(java.util.List)} makes one, which is how it knows that a list needs no
 * further copy.
 */
final class FrozenList extends AbstractList<Object> implements RandomAccess {

    private final Object[] elements;

    /** @param elements a fresh array that nobody else holds */
    FrozenList(Object[] elements) {
        this.elements = elements;
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
