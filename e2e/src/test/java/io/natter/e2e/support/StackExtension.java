package io.natter.e2e.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the run's {@link Stack} to test classes ({@code @ExtendWith(StackExtension.class)}, then a
 * {@code Stack} parameter on a test, {@code @BeforeAll} or constructor). The stack starts at the
 * first class that asks and is kept in the root context's store, so JUnit closes it once, at the end
 * of the run. Before each test every service is running and ready again (a fault test that failed
 * halfway may have left one killed); after each test the test's Node clients are ended.
 */
public final class StackExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    private static Stack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Stack.class, key -> Stack.shared(), Stack.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stack(context).ensureRunning();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stack(context).closeClients();
    }
}
