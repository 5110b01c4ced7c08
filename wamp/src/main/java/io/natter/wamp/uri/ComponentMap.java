package io.natter.wamp.uri;

import java.util.function.Consumer;

/**
 * A hash map from URI components to trie nodes that is looked up by a character range of a larger
 * string, so that matching a URI does not cut it into substrings. Open addressing with linear
 * probing; the hash is {@link String#hashCode()}'s, so stored keys hash with their cached code.
 *
 * @param <V> the value type
 */
final class ComponentMap<V> {

    private String[] keys = new String[4];
    private Object[] values = new Object[4];
    private int size;

    int size() {
        return size;
    }

    /** The value stored for the characters {@code source[from, to)}, or null. */
    @SuppressWarnings("unchecked")
    V get(String source, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + source.charAt(i);
        }
        int length = to - from;
        int mask = keys.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return null;
            }
            if (key.length() == length && source.regionMatches(from, key, 0, length)) {
                return (V) values[slot];
            }
        }
    }

    V get(String key) {
        return get(key, 0, key.length());
    }

    /** Stores {@code value} under {@code key}, which must not be present yet. */
    void put(String key, V value) {
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        insert(key, value);
        size++;
    }

    /** Removes {@code key} if present. */
    void remove(String key) {
        int mask = keys.length - 1;
        int slot = spread(key.hashCode()) & mask;
        while (keys[slot] != null && !keys[slot].equals(key)) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == null) {
            return;
        }
        // Backward-shift deletion: a later entry of the same probe run moves into the hole unless
        // its home slot lies cyclically in (hole, its slot], so every run stays unbroken without
        // tombstones.
        int hole = slot;
        keys[hole] = null;
        values[hole] = null;
        size--;
        for (int j = (hole + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int home = spread(keys[j].hashCode()) & mask;
            boolean staysPut = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!staysPut) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                keys[j] = null;
                values[j] = null;
                hole = j;
            }
        }
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept((V) values[i]);
            }
        }
    }

    private void insert(String key, Object value) {
        int mask = keys.length - 1;
        int slot = spread(key.hashCode()) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    private void resize(int capacity) {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new String[capacity];
        values = new Object[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
