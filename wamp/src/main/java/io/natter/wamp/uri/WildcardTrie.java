package io.natter.wamp.uri;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trie over dot-separated components for wildcard patterns. Each node has its literal children,
 * keyed by component, and one child for the empty component, which matches any one component.
 * A pattern's value sits at the depth of its component count, so a URI reaches only patterns with
 * as many components as itself, and a lookup visits only trie paths that agree with the URI.
 *
 * <p>Matching walks depth first and tries the literal child before the wildcard child, so values
 * come out in the order of the spec's precedence for pattern-based registrations: at the first
 * component where two matching patterns differ, the one with a literal there wins (for
 * {@code a1.b2.c33.d4.e5}, {@code a1.b2.c33..e5} before {@code a1.b2..d4.e5}). That extends the
 * spec's "longest portion of URI components matched before each wildcard" to a total order.
 *
 * <p>Walks use explicit stacks rather than recursion: the depth is the number of components of a
 * peer's pattern, which a peer chooses.
 *
 * @param <T> the value type
 */
final class WildcardTrie<T> {

    private final Node<T> root = new Node<>();

    T get(String pattern) {
        Node<T> node = root;
        int from = 0;
        while (node != null) {
            int end = componentEnd(pattern, from);
            node = node.child(pattern, from, end);
            if (end == pattern.length()) {
                break;
            }
            from = end + 1;
        }
        return node == null ? null : node.value;
    }

    /** Stores the value unless the pattern has one; answers whether it stored it. */
    boolean put(String pattern, T value) {
        Node<T> node = root;
        int from = 0;
        while (true) {
            int end = componentEnd(pattern, from);
            node = node.childOrCreate(pattern, from, end);
            if (end == pattern.length()) {
                break;
            }
            from = end + 1;
        }
        if (node.value != null) {
            return false;
        }
        node.value = value;
        return true;
    }

    T remove(String pattern) {
        List<Node<T>> path = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        Node<T> node = root;
        int from = 0;
        while (true) {
            int end = componentEnd(pattern, from);
            path.add(node);
            steps.add(pattern.substring(from, end));
            node = node.child(pattern, from, end);
            if (node == null) {
                return null;
            }
            if (end == pattern.length()) {
                break;
            }
            from = end + 1;
        }
        T removed = node.value;
        if (removed == null) {
            return null;
        }
        node.value = null;
        // Prune the nodes that now lead nowhere, from the leaf up; the root stays.
        for (int i = path.size() - 1; i >= 0 && node.isEmpty(); i--) {
            Node<T> parent = path.get(i);
            parent.removeChild(steps.get(i));
            node = parent;
        }
        return removed;
    }

    /** Emits the value of every pattern matching {@code uri}, best first (see the class comment). */
    void matchAll(String uri, Consumer<? super T> sink) {
        walk(uri, sink);
    }

    /** The value of the best pattern matching {@code uri} (see the class comment), or null. */
    T best(String uri) {
        return walk(uri, null);
    }

    void forEachValue(Consumer<? super T> action) {
        ArrayDeque<Node<T>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node<T> node = pending.pop();
            if (node.value != null) {
                action.accept(node.value);
            }
            if (node.literals != null) {
                node.literals.forEachValue(pending::push);
            }
            if (node.any != null) {
                pending.push(node.any);
            }
        }
    }

    boolean isEmpty() {
        return root.isEmpty();
    }

    /** Emits every match to {@code sink}, or, when it is null, returns the first match. */
    private T walk(String uri, Consumer<? super T> sink) {
        // Frames are (node, start of the URI component it has to match). The wildcard child is
        // pushed before the literal child so that the literal one is explored first.
        Object[] nodes = new Object[8];
        int[] starts = new int[8];
        int top = 0;
        nodes[top] = root;
        starts[top++] = 0;
        while (top > 0) {
            top--;
            @SuppressWarnings("unchecked")
            Node<T> node = (Node<T>) nodes[top];
            nodes[top] = null;
            int from = starts[top];
            int end = componentEnd(uri, from);
            Node<T> literal = node.literals == null ? null : node.literals.get(uri, from, end);
            Node<T> any = node.any;
            if (end == uri.length()) {
                if (literal != null && literal.value != null) {
                    if (sink == null) {
                        return literal.value;
                    }
                    sink.accept(literal.value);
                }
                if (any != null && any.value != null) {
                    if (sink == null) {
                        return any.value;
                    }
                    sink.accept(any.value);
                }
                continue;
            }
            if (top + 2 > nodes.length) {
                nodes = Arrays.copyOf(nodes, nodes.length * 2);
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            if (any != null) {
                nodes[top] = any;
                starts[top++] = end + 1;
            }
            if (literal != null) {
                nodes[top] = literal;
                starts[top++] = end + 1;
            }
        }
        return null;
    }

    private static int componentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static final class Node<T> {
        private ComponentMap<Node<T>> literals;
        private Node<T> any;
        private T value;

        Node<T> child(String s, int from, int end) {
            if (from == end) {
                return any;
            }
            return literals == null ? null : literals.get(s, from, end);
        }

        Node<T> childOrCreate(String s, int from, int end) {
            if (from == end) {
                if (any == null) {
                    any = new Node<>();
                }
                return any;
            }
            Node<T> child = literals == null ? null : literals.get(s, from, end);
            if (child == null) {
                if (literals == null) {
                    literals = new ComponentMap<>();
                }
                child = new Node<>();
                literals.put(s.substring(from, end), child);
            }
            return child;
        }

        void removeChild(String component) {
            if (component.isEmpty()) {
                any = null;
            } else if (literals != null) {
                literals.remove(component);
                if (literals.size() == 0) {
                    literals = null;
                }
            }
        }

        boolean isEmpty() {
            return value == null && any == null && literals == null;
        }
    }
}
