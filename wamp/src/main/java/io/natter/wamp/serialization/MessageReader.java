package io.natter.wamp.serialization;

import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.message.Yield;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Turns a decoded frame (plain Java values, as both formats' readers produce them) into a
 * {@link Message}, checking the element count and every element's type against the spec. The
 * router judges meaning (URI syntax, request sequencing); this judges shape only.
 */
final class MessageReader {

    /** IDs are integers in [0, 2^53], so that JavaScript peers hold them exactly. */
    static final long MAX_ID = 1L << 53;

    private final String name;
    private final List<?> elements;

    private MessageReader(String name, List<?> elements) {
        this.name = name;
        this.elements = elements;
    }

    static Message read(Object frame) throws WampDecodeException {
        if (!(frame instanceof List<?> elements)) {
            throw new WampDecodeException("frame must be an array, not " + describe(frame));
        }
        if (elements.isEmpty()) {
            throw new WampDecodeException("frame must not be an empty array");
        }
        Object type = elements.get(0);
        if (!isInteger(type)) {
            throw new WampDecodeException("element 0 (message type) must be an integer, not " + describe(type));
        }
        String name = type instanceof Integer code ? nameOf(code) : null;
        if (name == null) {
            throw new WampDecodeException("unknown message type " + type);
        }
        return new MessageReader(name, elements).message((Integer) type);
    }

    private Message message(int code) throws WampDecodeException {
        return switch (code) {
            case Hello.CODE -> {
                arity(3, 3);
                yield new Hello(string(1, "Realm"), dict(2, "Details"));
            }
            case Welcome.CODE -> {
                arity(3, 3);
                yield new Welcome(id(1, "Session"), dict(2, "Details"));
            }
            case Abort.CODE -> {
                arity(3, 3);
                yield new Abort(dict(1, "Details"), string(2, "Reason"));
            }
            case Challenge.CODE -> {
                arity(3, 3);
                yield new Challenge(string(1, "AuthMethod"), dict(2, "Extra"));
            }
            case Authenticate.CODE -> {
                arity(3, 3);
                yield new Authenticate(string(1, "Signature"), dict(2, "Extra"));
            }
            case Goodbye.CODE -> {
                arity(3, 3);
                yield new Goodbye(dict(1, "Details"), string(2, "Reason"));
            }
            case io.natter.wamp.message.Error.CODE -> {
                arity(5, 7);
                yield new io.natter.wamp.message.Error(requestType(1), id(2, "Request"), dict(3, "Details"),
                        string(4, "Error"), args(5), kwargs(6));
            }
            case Publish.CODE -> {
                arity(4, 6);
                yield new Publish(id(1, "Request"), dict(2, "Options"), string(3, "Topic"), args(4), kwargs(5));
            }
            case Published.CODE -> {
                arity(3, 3);
                yield new Published(id(1, "Request"), id(2, "Publication"));
            }
            case Subscribe.CODE -> {
                arity(4, 4);
                yield new Subscribe(id(1, "Request"), dict(2, "Options"), string(3, "Topic"));
            }
            case Subscribed.CODE -> {
                arity(3, 3);
                yield new Subscribed(id(1, "Request"), id(2, "Subscription"));
            }
            case Unsubscribe.CODE -> {
                arity(3, 3);
                yield new Unsubscribe(id(1, "Request"), id(2, "Subscription"));
            }
            case Unsubscribed.CODE -> {
                arity(2, 3);
                yield new Unsubscribed(id(1, "Request"), optionalDict(2, "Details"));
            }
            case Event.CODE -> {
                arity(4, 6);
                yield new Event(id(1, "Subscription"), id(2, "Publication"), dict(3, "Details"), args(4), kwargs(5));
            }
            case Call.CODE -> {
                arity(4, 6);
                yield new Call(id(1, "Request"), dict(2, "Options"), string(3, "Procedure"), args(4), kwargs(5));
            }
            case Cancel.CODE -> {
                arity(3, 3);
                yield new Cancel(id(1, "Request"), dict(2, "Options"));
            }
            case Result.CODE -> {
                arity(3, 5);
                yield new Result(id(1, "Request"), dict(2, "Details"), args(3), kwargs(4));
            }
            case Register.CODE -> {
                arity(4, 4);
                yield new Register(id(1, "Request"), dict(2, "Options"), string(3, "Procedure"));
            }
            case Registered.CODE -> {
                arity(3, 3);
                yield new Registered(id(1, "Request"), id(2, "Registration"));
            }
            case Unregister.CODE -> {
                arity(3, 3);
                yield new Unregister(id(1, "Request"), id(2, "Registration"));
            }
            case Unregistered.CODE -> {
                arity(2, 3);
                yield new Unregistered(id(1, "Request"), optionalDict(2, "Details"));
            }
            case Invocation.CODE -> {
                arity(4, 6);
                yield new Invocation(id(1, "Request"), id(2, "Registration"), dict(3, "Details"), args(4), kwargs(5));
            }
            case Interrupt.CODE -> {
                arity(3, 3);
                yield new Interrupt(id(1, "Request"), dict(2, "Options"));
            }
            case Yield.CODE -> {
                arity(3, 5);
                yield new Yield(id(1, "Request"), dict(2, "Options"), args(3), kwargs(4));
            }
            default -> throw new WampDecodeException("unknown message type " + code);
        };
    }

    /** The spec's name of a message type, or null when the type is not one Natter knows. */
    static String nameOf(int code) {
        return switch (code) {
            case Hello.CODE -> "HELLO";
            case Welcome.CODE -> "WELCOME";
            case Abort.CODE -> "ABORT";
            case Challenge.CODE -> "CHALLENGE";
            case Authenticate.CODE -> "AUTHENTICATE";
            case Goodbye.CODE -> "GOODBYE";
            case io.natter.wamp.message.Error.CODE -> "ERROR";
            case Publish.CODE -> "PUBLISH";
            case Published.CODE -> "PUBLISHED";
            case Subscribe.CODE -> "SUBSCRIBE";
            case Subscribed.CODE -> "SUBSCRIBED";
            case Unsubscribe.CODE -> "UNSUBSCRIBE";
            case Unsubscribed.CODE -> "UNSUBSCRIBED";
            case Event.CODE -> "EVENT";
            case Call.CODE -> "CALL";
            case Cancel.CODE -> "CANCEL";
            case Result.CODE -> "RESULT";
            case Register.CODE -> "REGISTER";
            case Registered.CODE -> "REGISTERED";
            case Unregister.CODE -> "UNREGISTER";
            case Unregistered.CODE -> "UNREGISTERED";
            case Invocation.CODE -> "INVOCATION";
            case Interrupt.CODE -> "INTERRUPT";
            case Yield.CODE -> "YIELD";
            default -> null;
        };
    }

    private void arity(int min, int max) throws WampDecodeException {
        int size = elements.size();
        if (size < min || size > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw new WampDecodeException(name + ": expected " + expected + " elements, got " + size);
        }
    }

    private long id(int index, String field) throws WampDecodeException {
        Object value = elements.get(index);
        if (value instanceof Integer n && n >= 0) {
            return n;
        }
        if (value instanceof Long n && n >= 0 && n <= MAX_ID) {
            return n;
        }
        throw invalid(index, field, "an ID (an integer in [0, 2^53])", value);
    }

    private int requestType(int index) throws WampDecodeException {
        Object value = elements.get(index);
        if (value instanceof Integer code && isRequest(code)) {
            return code;
        }
        throw invalid(index, "REQUEST.Type", "the code of SUBSCRIBE, UNSUBSCRIBE, PUBLISH, REGISTER, UNREGISTER, "
                + "CALL or INVOCATION", value);
    }

    /** The messages ERROR may answer; CANCEL is not one, since the ERROR of its CALL answers it. */
    private static boolean isRequest(int code) {
        return switch (code) {
            case Subscribe.CODE, Unsubscribe.CODE, Publish.CODE, Register.CODE, Unregister.CODE, Call.CODE,
                    Invocation.CODE -> true;
            default -> false;
        };
    }

    private String string(int index, String field) throws WampDecodeException {
        Object value = elements.get(index);
        if (value instanceof String s) {
            return s;
        }
        throw invalid(index, field, "a string", value);
    }

    @SuppressWarnings("unchecked") // the value readers build only Map<String, Object>
    private Map<String, Object> dict(int index, String field) throws WampDecodeException {
        Object value = elements.get(index);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw invalid(index, field, "a dict", value);
    }

    private Map<String, Object> optionalDict(int index, String field) throws WampDecodeException {
        return index < elements.size() ? dict(index, field) : Map.of();
    }

    @SuppressWarnings("unchecked") // the value readers build only List<Object>
    private List<Object> args(int index) throws WampDecodeException {
        if (index >= elements.size()) {
            return List.of();
        }
        Object value = elements.get(index);
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw invalid(index, "Arguments", "a list", value);
    }

    private Map<String, Object> kwargs(int index) throws WampDecodeException {
        return optionalDict(index, "ArgumentsKw");
    }

    private WampDecodeException invalid(int index, String field, String expected, Object actual) {
        return new WampDecodeException(
                name + ": element " + index + " (" + field + ") must be " + expected + ", not " + describe(actual));
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    /** How a value looks in an error message: integers by value, everything else by kind. */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (isInteger(value)) {
            return value.toString();
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Double) {
            return "a float";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof byte[]) {
            return "binary";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof Map ? "a dict" : value.getClass().getSimpleName();
    }
}
