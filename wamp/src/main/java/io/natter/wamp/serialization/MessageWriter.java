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
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Lays a {@link Message} out as its WAMP array, the same way for every format. Trailing empty
 * ArgumentsKw are left out, and Arguments too when both are empty; an empty Arguments list stays
 * when ArgumentsKw follows, since the elements are positional.
 */
final class MessageWriter {

    /** Depth of the dicts and lists that are elements of the frame array. */
    private static final int ELEMENT_DEPTH = 2;

    private MessageWriter() {
    }

    static void write(Message message, ValueWriter out) throws IOException {
        switch (message.code()) {
            case Hello.CODE -> {
                Hello m = (Hello) message;
                head(out, m, 3);
                out.writeString(m.realm());
                dict(out, m.details());
            }
            case Welcome.CODE -> {
                Welcome m = (Welcome) message;
                head(out, m, 3);
                out.writeLong(m.session());
                dict(out, m.details());
            }
            case Abort.CODE -> {
                Abort m = (Abort) message;
                head(out, m, 3);
                dict(out, m.details());
                out.writeString(m.reason());
            }
            case Challenge.CODE -> {
                Challenge m = (Challenge) message;
                head(out, m, 3);
                out.writeString(m.authMethod());
                dict(out, m.extra());
            }
            case Authenticate.CODE -> {
                Authenticate m = (Authenticate) message;
                head(out, m, 3);
                out.writeString(m.signature());
                dict(out, m.extra());
            }
            case Goodbye.CODE -> {
                Goodbye m = (Goodbye) message;
                head(out, m, 3);
                dict(out, m.details());
                out.writeString(m.reason());
            }
            case io.natter.wamp.message.Error.CODE -> {
                io.natter.wamp.message.Error m = (io.natter.wamp.message.Error) message;
                head(out, m, 5 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.requestType());
                out.writeLong(m.request());
                dict(out, m.details());
                out.writeString(m.error());
                payload(out, m.args(), m.kwargs());
            }
            case Publish.CODE -> {
                Publish m = (Publish) message;
                head(out, m, 4 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.request());
                dict(out, m.options());
                out.writeString(m.topic());
                payload(out, m.args(), m.kwargs());
            }
            case Published.CODE -> {
                Published m = (Published) message;
                ids(out, m, m.request(), m.publication());
            }
            case Subscribe.CODE -> {
                Subscribe m = (Subscribe) message;
                head(out, m, 4);
                out.writeLong(m.request());
                dict(out, m.options());
                out.writeString(m.topic());
            }
            case Subscribed.CODE -> {
                Subscribed m = (Subscribed) message;
                ids(out, m, m.request(), m.subscription());
            }
            case Unsubscribe.CODE -> {
                Unsubscribe m = (Unsubscribe) message;
                ids(out, m, m.request(), m.subscription());
            }
            case Unsubscribed.CODE -> {
                Unsubscribed m = (Unsubscribed) message;
                optionalDetails(out, m, m.request(), m.details());
            }
            case Event.CODE -> {
                Event m = (Event) message;
                head(out, m, 4 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.subscription());
                out.writeLong(m.publication());
                dict(out, m.details());
                payload(out, m.args(), m.kwargs());
            }
            case Call.CODE -> {
                Call m = (Call) message;
                head(out, m, 4 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.request());
                dict(out, m.options());
                out.writeString(m.procedure());
                payload(out, m.args(), m.kwargs());
            }
            case Cancel.CODE -> {
                Cancel m = (Cancel) message;
                head(out, m, 3);
                out.writeLong(m.request());
                dict(out, m.options());
            }
            case Result.CODE -> {
                Result m = (Result) message;
                head(out, m, 3 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.request());
                dict(out, m.details());
                payload(out, m.args(), m.kwargs());
            }
            case Register.CODE -> {
                Register m = (Register) message;
                head(out, m, 4);
                out.writeLong(m.request());
                dict(out, m.options());
                out.writeString(m.procedure());
            }
            case Registered.CODE -> {
                Registered m = (Registered) message;
                ids(out, m, m.request(), m.registration());
            }
            case Unregister.CODE -> {
                Unregister m = (Unregister) message;
                ids(out, m, m.request(), m.registration());
            }
            case Unregistered.CODE -> {
                Unregistered m = (Unregistered) message;
                optionalDetails(out, m, m.request(), m.details());
            }
            case Invocation.CODE -> {
                Invocation m = (Invocation) message;
                head(out, m, 4 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.request());
                out.writeLong(m.registration());
                dict(out, m.details());
                payload(out, m.args(), m.kwargs());
            }
            case Interrupt.CODE -> {
                Interrupt m = (Interrupt) message;
                head(out, m, 3);
                out.writeLong(m.request());
                dict(out, m.options());
            }
            case Yield.CODE -> {
                Yield m = (Yield) message;
                head(out, m, 3 + payloadSize(m.args(), m.kwargs()));
                out.writeLong(m.request());
                dict(out, m.options());
                payload(out, m.args(), m.kwargs());
            }
            default -> throw new IllegalArgumentException("unknown message code " + message.code());
        }
        out.endArray();
    }

    private static void head(ValueWriter out, Message message, int size) throws IOException {
        out.startArray(size);
        out.writeLong(message.code());
    }

    private static void ids(ValueWriter out, Message message, long first, long second) throws IOException {
        head(out, message, 3);
        out.writeLong(first);
        out.writeLong(second);
    }

    /** UNSUBSCRIBED and UNREGISTERED carry details only in the Advanced Profile's revocation form. */
    private static void optionalDetails(ValueWriter out, Message message, long request, Map<String, Object> details)
            throws IOException {
        head(out, message, details.isEmpty() ? 2 : 3);
        out.writeLong(request);
        if (!details.isEmpty()) {
            dict(out, details);
        }
    }

    private static void dict(ValueWriter out, Map<String, Object> dict) throws IOException {
        out.writeMap(dict, ELEMENT_DEPTH);
    }

    private static int payloadSize(List<Object> args, Map<String, Object> kwargs) {
        if (!kwargs.isEmpty()) {
            return 2;
        }
        return args.isEmpty() ? 0 : 1;
    }

    private static void payload(ValueWriter out, List<Object> args, Map<String, Object> kwargs) throws IOException {
        if (!args.isEmpty() || !kwargs.isEmpty()) {
            out.writeArguments(args, ELEMENT_DEPTH);
        }
        if (!kwargs.isEmpty()) {
            out.writeMap(kwargs, ELEMENT_DEPTH);
        }
    }
}
