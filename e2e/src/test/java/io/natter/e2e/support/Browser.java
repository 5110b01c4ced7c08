package io.natter.e2e.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Chromium for the browser tests: Debian's package ({@code /usr/bin/chromium}, or
 * {@code NATTER_CHROMIUM}), driven by Playwright for Java, which is told never to download a browser
 * of its own. Each {@link #page} is a fresh browser context (its own storage, like another person's
 * browser) on the stack's app-api, where the browser app is served.
 */
public final class Browser implements AutoCloseable {

    /** Where screenshots go: {@code e2e/target/screenshots} under Maven. */
    public static final Path SCREENSHOTS = Path.of(System.getProperty("natter-e2e.screenshots", "target/screenshots"));

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NATTER_CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("no Chromium at " + CHROMIUM + ": install Debian's package "
                    + "(apt-get install chromium; .ci/run does) or name another with NATTER_CHROMIUM");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(List.of("--no-sandbox"))));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A desktop-sized page of its own browser context on the chat app. */
    public ChatPage page(Stack stack, String label) {
        return page(stack, label, 1100, 720);
    }

    /** A page of its own browser context with this viewport (e.g. a phone's 390 × 780). */
    public ChatPage page(Stack stack, String label, int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setPermissions(List.of("clipboard-read", "clipboard-write")));
        contexts.add(context);
        return new ChatPage(context.newPage(), label, stack.appUrl().toString() + "/");
    }

    @Override
    public void close() {
        for (BrowserContext context : contexts) {
            try {
                context.close();
            } catch (RuntimeException e) {
                // the browser may be gone already
            }
        }
        chromium.close();
        playwright.close();
    }
}
