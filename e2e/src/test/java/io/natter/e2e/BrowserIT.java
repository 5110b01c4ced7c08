package io.natter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.Broker;
import io.natter.e2e.support.Browser;
import io.natter.e2e.support.ChatPage;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser app in a real Chromium, on the whole stack: people sign up, make a thread, add each
 * other and chat from two browser contexts; notifications as toasts; a router restart in the middle
 * of a conversation; a member removed by the owner; user text that looks like HTML. Screenshots of
 * the main screens go to {@code e2e/target/screenshots/}.
 */
@ExtendWith(StackExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a browser test signs two people up through the UI first
class BrowserIT {

    private static Browser browser;
    private final List<ChatPage> pages = new ArrayList<>();

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        pages.forEach(ChatPage::assertClean);
    }

    private ChatPage page(Stack stack, String label) {
        ChatPage page = browser.page(stack, label);
        pages.add(page);
        return page;
    }

    /** Two people who signed up in their browsers, in a thread alice made and added bob to. */
    private record Pair(ChatPage alice, String aliceName, String alicePassword, ChatPage bob, String bobName, String title) {
    }

    private Pair pair(Stack stack, String topic) {
        ChatPage alice = page(stack, "alice");
        String aliceName = AppApi.uniqueName("alice");
        String alicePassword = alice.signUp(aliceName);
        ChatPage bob = page(stack, "bob");
        String bobName = AppApi.uniqueName("bob");
        bob.signUp(bobName);
        String title = topic + " " + AppApi.uniqueName("t");
        alice.createThread(title);
        alice.addMember(bobName);
        bob.openThread(title); // bob's list learns of it within a refresh
        return new Pair(alice, aliceName, alicePassword, bob, bobName, title);
    }

    @Test
    void twoPeopleChatSeeEachOtherOnlineAndTheHistorySurvivesAReload(Stack stack) {
        ChatPage login = page(stack, "newcomer");
        login.page().getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Log in")).waitFor();
        login.screenshot("login");

        Pair p = pair(stack, "Lunch");
        assertThat(p.alicePassword()).as("the generated password shown once").hasSizeGreaterThanOrEqualTo(16);
        p.alice().awaitOnline(List.of(p.aliceName(), p.bobName()));
        p.bob().awaitOnline(List.of(p.aliceName(), p.bobName()));

        p.alice().send("Hi bob, noodles at noon?");
        p.bob().awaitMessage("Hi bob, noodles at noon?");
        p.bob().send("Yes! The place on the corner.\nSecond line of the same message.");
        p.alice().awaitMessage("Yes! The place on the corner.\nSecond line of the same message.");
        String longLine = "A long line that must wrap: " + "word ".repeat(120).trim();
        p.alice().send(longLine);
        p.bob().awaitMessage(longLine);
        p.alice().awaitAllSent();
        List<String> conversation = List.of("Hi bob, noodles at noon?",
                "Yes! The place on the corner.\nSecond line of the same message.", longLine);
        assertThat(p.alice().messages()).containsExactlyElementsOf(conversation);
        assertThat(p.bob().messages()).containsExactlyElementsOf(conversation);
        p.alice().showMembers();
        p.alice().screenshot("chat");
        p.bob().screenshot("chat-other-side");

        // the history is stored: a reload (the token kept in the browser's storage) shows it again
        p.bob().reload();
        p.bob().awaitConnected();
        p.bob().openThread(p.title());
        p.bob().awaitMessage(longLine);
        assertThat(p.bob().messages()).containsExactlyElementsOf(conversation);

        // alice logs in on a phone-sized screen too: two tabs of hers count once
        ChatPage phone = browser.page(stack, "alice's phone", 390, 780);
        pages.add(phone);
        phone.logIn(p.aliceName(), p.alicePassword());
        phone.awaitConnected();
        phone.openThread(p.title());
        phone.awaitMessage(longLine);
        phone.screenshot("phone");
        p.bob().awaitOnline(List.of(p.aliceName(), p.bobName()));

        // every control on the main screen has an accessible name
        assertThat(p.alice().unnamedControls()).isEmpty();
        assertThat(phone.unnamedControls()).isEmpty();
    }

    @Test
    void htmlInAMessageIsShownAsText(Stack stack) {
        Pair p = pair(stack, "Markup");
        String hostile = "<script>alert('x')</script><img src=x onerror=\"alert('y')\"> <b>bold?</b> https://example.com";
        p.alice().send(hostile);
        p.bob().awaitMessage(hostile);
        assertThat(p.bob().page().locator("ol.messages img, ol.messages script, ol.messages b, ol.messages a").count())
                .as("no element made from a message").isZero();
        p.bob().reload();
        p.bob().awaitConnected();
        p.bob().openThread(p.title());
        p.bob().awaitMessage(hostile);
        assertThat(p.bob().page().locator("ol.messages img, ol.messages script, ol.messages b, ol.messages a").count()).isZero();
        // assertClean (after each test) checks that no alert() ran
    }

    @Test
    void aNotificationFromRabbitMqIsAToastOnTheRightPageOnlyAndWaitsInTheInbox(Stack stack) throws Exception {
        Pair p = pair(stack, "Notices");
        Broker.notification(stack, "user." + p.bobName(),
                "{\"title\":\"Your order shipped\",\"body\":\"Parcel 42 is on its way\",\"from\":\"shop\"}");
        Locator toast = p.bob().toasts().filter(new Locator.FilterOptions().setHasText("Your order shipped"));
        toast.waitFor();
        assertThat(toast.textContent()).contains("Parcel 42 is on its way").contains("from shop");
        // this one and app-api's "alice added you to …"
        p.bob().page().waitForFunction("() => document.querySelector('.inbox-button .badge')?.textContent === '2'");
        assertThat(p.bob().inboxUnread()).isEqualTo(2);
        p.bob().screenshot("notification");
        assertThat(p.alice().toasts().count()).as("alice got no toast").isZero();
    }

    @Test
    void aThreadSomeoneAddsMeToShowsAtOnceWithAToast(Stack stack) {
        ChatPage alice = page(stack, "alice");
        String aliceName = AppApi.uniqueName("alice");
        alice.signUp(aliceName);
        ChatPage bob = page(stack, "bob");
        String bobName = AppApi.uniqueName("bob");
        bob.signUp(bobName);
        String title = "Added " + AppApi.uniqueName("t");
        alice.createThread(title);
        long added = System.nanoTime();
        alice.addMember(bobName);
        // The list's own refresh comes every 10 s; the toast comes only from app-api's notification.
        bob.toasts().filter(new Locator.FilterOptions().setHasText(aliceName + " added you to “" + title + "”"))
                .waitFor(new Locator.WaitForOptions().setTimeout(8_000));
        bob.threadButton(title).waitFor(new Locator.WaitForOptions().setTimeout(2_000));
        System.out.printf("BrowserIT: added to a thread → shown in the list after %d ms%n",
                (System.nanoTime() - added) / 1_000_000);
        bob.openThread(title);
        bob.screenshot("added");
    }

    @Test
    void aMissedNotificationWaitsInTheInboxAfterLoggingInAgain(Stack stack) throws Exception {
        ChatPage carol = page(stack, "carol");
        String name = AppApi.uniqueName("carol");
        String password = "carol-password-1";
        Locator form = carol.page().getByRole(AriaRole.FORM,
                new Page.GetByRoleOptions().setName("Sign up"));
        form.getByLabel("Name").fill(name);
        form.getByLabel("Password (optional)").fill(password);
        form.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Sign up")).click();
        carol.awaitConnected();
        carol.logOut();
        Broker.notification(stack, "user." + name, "{\"title\":\"While you were away\",\"body\":\"The release shipped\"}");
        carol.logIn(name, "not-her-password");
        carol.page().getByText("Wrong name or password.").waitFor();
        carol.logIn(name, password);
        carol.awaitConnected();
        carol.page().waitForFunction("() => document.querySelector('.inbox-button .badge')?.textContent === '1'");
        assertThat(carol.inboxUnread()).isEqualTo(1);
        carol.inboxButton().click();
        carol.page().locator("dialog.inbox").getByText("While you were away").waitFor();
        carol.screenshot("inbox");
        carol.button("Mark all as read").click();
        carol.page().locator(".inbox-button .badge").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        carol.button("Close").click();
    }

    @Test
    void aLongHistoryPagesBackOnScrollingAndOfflineIsShownThenRecovered(Stack stack) throws Exception {
        Pair p = pair(stack, "Archive");
        String thread = p.alice().threadButton(p.title()).getAttribute("data-thread");
        int stored = 120;
        for (int i = 1; i <= stored; i++) {
            Broker.chatMessage(stack, thread, "{\"publication\":" + (System.nanoTime() & ((1L << 52) - 1))
                    + ",\"thread\":\"" + thread + "\",\"author\":\"" + p.aliceName() + "\",\"text\":\"old " + i + "\"}");
        }
        ChatPage bob = p.bob();
        bob.reload();
        bob.awaitConnected();
        bob.openThread(p.title());
        bob.awaitMessage("old " + stored);
        assertThat(bob.messages()).as("the latest page").hasSize(50).startsWith("old 71");
        // scrolling to the top loads the pages before it, until the beginning
        bob.page().waitForFunction("() => { const l = document.querySelector('ol.messages'); l.scrollTop = 0;"
                + " l.dispatchEvent(new Event('scroll')); return document.querySelectorAll('ol.messages li.message').length === "
                + stored + "; }", null, new com.microsoft.playwright.Page.WaitForFunctionOptions().setPollingInterval(300));
        List<String> all = bob.messages();
        assertThat(all).containsExactlyElementsOf(IntStream.rangeClosed(1, stored).mapToObj(i -> "old " + i).toList());
        bob.page().getByText("Beginning of the conversation").waitFor();

        // the browser goes offline: the page says so, and is connected again once it is back
        bob.page().context().setOffline(true);
        bob.awaitConnection("offline");
        bob.page().context().setOffline(false);
        bob.awaitConnected();
        p.alice().send("are you back?");
        bob.awaitMessage("are you back?");
    }

    @Test
    void theKeyboardAloneLogsInOpensAThreadAndSends(Stack stack) {
        Pair p = pair(stack, "Keys");
        // on the page bob used, alice logs in (her generated password is the one the test kept)
        ChatPage bob = p.bob();
        bob.logOut();
        Page keys = bob.page();
        // the login form's name field has the focus when the page opens
        keys.keyboard().type(p.aliceName());
        keys.keyboard().press("Tab");
        keys.keyboard().type(p.alicePassword());
        keys.keyboard().press("Enter");
        bob.awaitConnected();
        // Tab through the page to the thread, Enter opens it and puts the focus in the composer
        for (int i = 0; i < 30 && !Boolean.TRUE.equals(keys.evaluate(
                "t => document.activeElement?.classList.contains('thread') && document.activeElement.textContent.includes(t)",
                p.title())); i++) {
            keys.keyboard().press("Tab");
        }
        keys.keyboard().press("Enter");
        keys.waitForFunction("() => document.activeElement?.id === 'composer'");
        keys.keyboard().type("typed without a mouse");
        keys.keyboard().press("Enter");
        p.alice().awaitMessage("typed without a mouse");
    }

    @Test
    void aRouterRestartMidConversationLosesAndRepeatsNothing(Stack stack) {
        Pair p = pair(stack, "Outage");
        p.alice().send("before 1");
        p.bob().send("before 2");
        p.alice().awaitMessage("before 2");
        p.bob().awaitMessage("before 1");

        stack.router().kill();
        p.alice().awaitConnection("reconnecting");
        p.bob().awaitConnection("reconnecting");
        p.alice().screenshot("reconnecting");
        // written while the router is away: shown at once, sent when it is back
        p.alice().send("during 1");
        p.alice().send("during 2");
        p.bob().send("during 3");
        assertThat(p.alice().page().locator("li.message[data-state=\"queued\"]").count()).isEqualTo(2);

        stack.restart(stack.router());
        p.alice().awaitConnected();
        p.bob().awaitConnected();
        p.alice().send("after 1");
        for (ChatPage page : List.of(p.alice(), p.bob())) {
            for (String text : List.of("during 1", "during 2", "during 3", "after 1")) {
                page.awaitMessage(text);
            }
            page.awaitAllSent();
        }
        // the late history fills (1.5 s, 5 s after the join) must not add anything twice
        p.alice().page().waitForTimeout(6000);
        List<String> seenByAlice = p.alice().messages();
        List<String> seenByBob = p.bob().messages();
        for (List<String> seen : List.of(seenByAlice, seenByBob)) {
            assertThat(seen).as("each message once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrder("before 1", "before 2", "during 1", "during 2", "during 3", "after 1");
            assertThat(seen.indexOf("during 1")).as("alice's in her order").isLessThan(seen.indexOf("during 2"));
            assertThat(seen.indexOf("during 2")).isLessThan(seen.indexOf("after 1"));
        }
        // both pages show the stored order, which is one order for everyone
        p.bob().reload();
        p.bob().awaitConnected();
        p.bob().openThread(p.title());
        p.bob().awaitMessage("after 1");
        assertThat(p.bob().messages()).containsExactlyElementsOf(seenByAlice);
    }

    @Test
    void aMemberRemovedByTheOwnerIsToldAndSeesNoMore(Stack stack) {
        Pair p = pair(stack, "Private");
        p.alice().send("welcome bob");
        p.bob().awaitMessage("welcome bob");
        p.alice().removeMember(p.bobName());
        p.bob().page().getByText("You were removed from").first().waitFor();
        assertThat(p.bob().page().locator("ol.messages").count()).as("the thread's messages are gone").isZero();
        assertThat(p.bob().threadButton(p.title()).count()).isZero();
        p.alice().send("after bob left");
        p.alice().awaitAllSent();
        p.bob().page().waitForTimeout(1500);
        assertThat(p.bob().page().getByText("after bob left").count()).isZero();
        p.bob().screenshot("removed");
    }

    @Test
    void unreadCountsAndTheLatencyFromEnterToTheOtherPage(Stack stack) {
        Pair p = pair(stack, "Latency");
        String second = "Other " + AppApi.uniqueName("t");
        p.alice().createThread(second);
        p.alice().addMember(p.bobName());
        // bob has "Latency" open: messages in the other thread count as unread there
        p.alice().send("unread 1");
        p.alice().send("unread 2");
        p.bob().page().waitForFunction("t => [...document.querySelectorAll('button.thread')]"
                + ".some(b => b.textContent.includes(t) && b.querySelector('.unread')?.textContent === '2')", second);
        p.bob().openThread(second);
        p.bob().awaitMessage("unread 2");
        assertThat(p.bob().unread(second)).isZero();

        // time from Enter on alice's page to the message shown on bob's, both clocks the browser's
        p.alice().openThread(p.title());
        p.bob().openThread(p.title());
        p.bob().page().evaluate("() => { window.__seen = {}; new MutationObserver(() => {"
                + " for (const e of document.querySelectorAll('ol.messages li.message .text'))"
                + "   if (!(e.textContent in window.__seen)) window.__seen[e.textContent] = Date.now(); })"
                + ".observe(document.body, {subtree: true, childList: true, characterData: true}); }");
        p.alice().page().evaluate("() => { window.__sent = {}; document.addEventListener('keydown', ev => {"
                + " if (ev.key === 'Enter' && ev.target.id === 'composer') window.__sent[ev.target.value] = Date.now(); },"
                + " {capture: true}); }");
        int n = 200;
        for (int i = 0; i < n; i++) {
            String text = "latency " + i;
            p.alice().send(text);
            p.bob().awaitMessage(text);
        }
        List<Long> latencies = IntStream.range(0, n).mapToObj(i -> {
            Number sent = (Number) p.alice().page().evaluate("t => window.__sent[t]", "latency " + i);
            Number seen = (Number) p.bob().page().evaluate("t => window.__seen[t]", "latency " + i);
            return seen.longValue() - sent.longValue();
        }).sorted().collect(Collectors.toCollection(ArrayList::new));
        Collections.sort(latencies);
        long p50 = latencies.get(n / 2);
        long p99 = latencies.get((int) Math.ceil(n * 0.99) - 1);
        System.out.printf("[browser] Enter on one page → shown on the other, %d messages: p50 %d ms, p99 %d ms, max %d ms%n",
                n, p50, p99, latencies.get(n - 1));
        assertThat(latencies).allMatch(l -> l >= 0);
    }
}
