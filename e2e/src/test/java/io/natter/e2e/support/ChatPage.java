package io.natter.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One person's page of the browser app, driven the way a person uses it: by the controls'
 * accessible names (labels, button texts), so a control a screen reader cannot name cannot be used
 * here either. Records the page's script errors and any dialog a script opened.
 */
public final class ChatPage {

    /** Long enough for a thread list refresh (every 10 s) and a reconnect after a restart. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Page page;
    private final String label;
    private final String url;
    private final List<String> scriptErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> dialogs = Collections.synchronizedList(new ArrayList<>());

    ChatPage(Page page, String label, String url) {
        this.page = page;
        this.label = label;
        this.url = url;
        page.setDefaultTimeout(WAIT.toMillis());
        page.onPageError(error -> scriptErrors.add(error));
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        page.navigate(url);
    }

    public Page page() {
        return page;
    }

    public String label() {
        return label;
    }

    public List<String> scriptErrors() {
        return List.copyOf(scriptErrors);
    }

    public List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    public void reload() {
        page.reload();
    }

    // ------------------------------------------------------------------ signing in

    /** Signs up without a password; returns the generated one the page showed, then goes on. */
    public String signUp(String name) {
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Sign up"));
        form.getByLabel("Name").fill(name);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign up")).click();
        Locator shown = page.getByLabel("Your password");
        shown.waitFor();
        String password = shown.inputValue();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue to Natter")).click();
        awaitConnected();
        return password;
    }

    public void logIn(String name, String password) {
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Log in"));
        form.getByLabel("Name").fill(name);
        form.getByLabel("Password").fill(password);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Log in")).click();
    }

    public void logOut() {
        button("Log out").click();
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Log in")).waitFor();
    }

    // ------------------------------------------------------------------ connection

    public Locator connection() {
        return page.locator(".connection");
    }

    public void awaitConnected() {
        awaitConnection("connected");
    }

    /** Waits until the connection badge says this state ({@code connected}, {@code reconnecting}, {@code offline}). */
    public void awaitConnection(String state) {
        page.locator(".connection[data-state=\"" + state + "\"]").waitFor();
    }

    // ------------------------------------------------------------------ threads

    /** Creates a thread and opens it; returns its permalink. */
    public String createThread(String title) {
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("New thread")).fill(title);
        button("Create").click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setExact(true)).waitFor();
        return threadButton(title).getAttribute("data-thread");
    }

    /** The thread's button in the list (it appears within a list refresh of being added). */
    public Locator threadButton(String title) {
        return page.locator("button.thread").filter(new Locator.FilterOptions().setHas(
                page.locator(".title").filter(new Locator.FilterOptions().setHasText(title))));
    }

    public void openThread(String title) {
        threadButton(title).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setExact(true)).waitFor();
    }

    /** The unread count the thread list shows for a thread (0 when none is shown). */
    public int unread(String title) {
        Locator badge = threadButton(title).locator(".unread");
        return badge.count() == 0 ? 0 : Integer.parseInt(badge.textContent().trim());
    }

    public void showMembers() {
        Locator toggle = button("Members");
        if (!"true".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        page.locator(".members h3").waitFor();
    }

    public void addMember(String name) {
        showMembers();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Add a member")).fill(name);
        button("Add").click();
        page.locator(".members li").filter(new Locator.FilterOptions().setHasText(name)).waitFor();
    }

    public void removeMember(String name) {
        showMembers();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + name).setExact(true)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + name).setExact(true))
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }

    // ------------------------------------------------------------------ messages

    public Locator composer() {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message").setExact(true));
    }

    /** Types a message and presses Enter, as a person does. */
    public void send(String text) {
        composer().fill(text);
        composer().press("Enter");
    }

    /** The texts of the open thread's messages, top to bottom. */
    @SuppressWarnings("unchecked")
    public List<String> messages() {
        return (List<String>) page.evaluate(
                "() => [...document.querySelectorAll('ol.messages li.message .text')].map(e => e.textContent)");
    }

    /** Waits until a message with exactly this text is shown. */
    public void awaitMessage(String text) {
        page.waitForFunction("t => [...document.querySelectorAll('ol.messages li.message .text')]"
                + ".some(e => e.textContent === t)", text);
    }

    /** Waits until every own message is confirmed (none waiting or sending). */
    public void awaitAllSent() {
        page.waitForFunction("() => !document.querySelector('ol.messages li.message[data-state=\"queued\"],"
                + " ol.messages li.message[data-state=\"sending\"]')");
    }

    // ------------------------------------------------------------------ presence, notifications

    /** The names the page shows online in the open thread. */
    public List<String> online() {
        String names = page.locator(".online").getAttribute("data-online");
        return names == null || names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
    }

    public void awaitOnline(List<String> names) {
        page.waitForFunction("n => document.querySelector('.online')?.dataset.online === n", String.join(",", names.stream().sorted().toList()));
    }

    public Locator toasts() {
        return page.locator(".toasts .toast");
    }

    /** The Inbox button; its accessible name carries the unread count ("Inbox 2 unread"). */
    public Locator inboxButton() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName(Pattern.compile("^Inbox( \\d+ unread)?$")));
    }

    /** The unread count on the Inbox button (0 when none is shown). */
    public int inboxUnread() {
        Locator badge = inboxButton().locator(".badge");
        return badge.count() == 0 ? 0 : Integer.parseInt(badge.textContent().trim());
    }

    public Locator banner() {
        return page.locator(".banner");
    }

    public Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /**
     * Every control on the page (buttons, inputs, text areas) has an accessible name; returns the
     * ones that have none, described.
     */
    @SuppressWarnings("unchecked")
    public List<String> unnamedControls() {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('button, input, textarea, select')]"
                + ".filter(e => e.offsetParent !== null || e.closest('dialog[open]'))"
                + ".filter(e => !((e.getAttribute('aria-label') || '').trim()"
                + " || (e.labels && [...e.labels].some(l => l.textContent.trim()))"
                + " || (e.tagName === 'BUTTON' && e.textContent.trim())))"
                + ".map(e => e.outerHTML.slice(0, 120))");
    }

    public Path screenshot(String name) {
        Path file = Browser.SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }

    /** No script error and no dialog on this page so far. */
    public void assertClean() {
        assertThat(scriptErrors).as("script errors on %s's page", label).isEmpty();
        assertThat(dialogs).as("dialogs opened on %s's page", label).isEmpty();
    }
}
