package io.natter.wamp.uri;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trie by character for prefix patterns: the values on the path that a URI spells out are
 * exactly those whose pattern is a prefix of the URI, so a lookup costs one step per character.
 *
 * @param <T> the value type
 */
final class PrefixTrie<T> {

    private final Node<T> root = new Node<>();

    T get(String pattern) {
        Node<T> node = find(pattern);
        return node == null ? null : node.value;
    }

    /** Stores the value unless the pattern has one; answers whether it stored it. */
    boolean put(String pattern, T value) {
        Node<T> node = root;
        for (int i = 0; i < pattern.length(); i++) {
            node = node.childOrCreate(pattern.charAt(i));
        }
        if (node.value != null) {
            return false;
        }
        node.value = value;
        return true;
    }

    T remove(String pattern) {
        List<Node<T>> path = new ArrayList<>(pattern.length() + 1);
        Node<T> node = root;
        path.add(node);
        for (int i = 0; i < pattern.length() && node != null; i++) {
            node = node.child(pattern.charAt(i));
            path.add(node);
        }
        if (node == null || node.value == null) {
            return null;
        }
        T removed = node.value;
        node.value = null;
        // Prune the nodes that now lead nowhere, from the leaf up; the root stays.
        for (int i = pattern.length(); i > 0 && path.get(i).isEmpty(); i--) {
            path.get(i - 1).removeChild(pattern.charAt(i - 1));
        }
        return removed;
    }

    /** Emits the value of every pattern that is a prefix of {@code uri}, shortest first. */
    void matchAll(String uri, Consumer<? super T> sink) {
        Node<T> node = root;
        if (node.value != null) {
            sink.accept(node.value);
        }
        for (int i = 0; i < uri.length(); i++) {
            node = node.child(uri.charAt(i));
            if (node == null) {
                return;
            }
            if (node.value != null) {
                sink.accept(node.value);
            }
        }
    }

    /** The value of the longest pattern that is a prefix of {@code uri}, or null. */
    T longest(String uri) {
        Node<T> node = root;
        T best = node.value;
        for (int i = 0; i < uri.length(); i++) {
            node = node.child(uri.charAt(i));
            if (node == null) {
                break;
            }
            if (node.value != null) {
                best = node.value;
            }
        }
        return best;
    }

    void forEachValue(Consumer<? super T> action) {
        // An explicit stack, because a peer's pattern can be long enough to overflow the call stack.
        ArrayDeque<Node<T>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node<T> node = pending.pop();
            if (node.value != null) {
                action.accept(node.value);
            }
            for (int i = 0; i < node.count; i++) {
                pending.push(node.children[i]);
            }
        }
    }

    boolean isEmpty() {
        return root.isEmpty();
    }

    private Node<T> find(String pattern) {
        Node<T> node = root;
        for (int i = 0; i < pattern.length() && node != null; i++) {
            node = node.child(pattern.charAt(i));
        }
        return node;
    }

    /** Children sit in parallel arrays sorted by character, found by binary search. */
    private static final class Node<T> {
        private static final char[] NO_KEYS = new char[0];

        private char[] keys = NO_KEYS;
        private Node<T>[] children;
        private int count;
        private T value;

        Node<T> child(char c) {
            int i = indexOf(c);
            return i >= 0 ? children[i] : null;
        }

        @SuppressWarnings("unchecked")
        Node<T> childOrCreate(char c) {
            int i = indexOf(c);
            if (i >= 0) {
                return children[i];
            }
            int at = -i - 1;
            if (count == keys.length) {
                int capacity = Math.max(2, count * 2);
                keys = Arrays.copyOf(keys, capacity);
                children = children == null
                        ? (Node<T>[]) new Node<?>[capacity]
                        : Arrays.copyOf(children, capacity);
            }
            System.arraycopy(keys, at, keys, at + 1, count - at);
            System.arraycopy(children, at, children, at + 1, count - at);
            Node<T> child = new Node<>();
            keys[at] = c;
            children[at] = child;
            count++;
            return child;
        }

        void removeChild(char c) {
            int i = indexOf(c);
            if (i < 0) {
                return;
            }
            System.arraycopy(keys, i + 1, keys, i, count - i - 1);
            System.arraycopy(children, i + 1, children, i, count - i - 1);
            count--;
            children[count] = null;
        }

        boolean isEmpty() {
            return value == null && count == 0;
        }

        private int indexOf(char c) {
            return Arrays.binarySearch(keys, 0, count, c);
        }
    }
}
