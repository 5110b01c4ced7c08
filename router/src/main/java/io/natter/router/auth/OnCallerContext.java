package io.natter.router.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings the answer of a dynamic authenticator or authorizer back to the Vert.x context that
 * asked for it: the callee's YIELD arrives on the callee's event loop, but the asking
 * connection's state belongs to its own.
 */
final class OnCallerContext {

    private OnCallerContext() {
    }

    static <T> Uni<T> of(Uni<T> answer) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return answer;
        }
        return answer.emitOn(task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        });
    }
}
