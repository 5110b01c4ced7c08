package io.natter.wamp.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-rolled scanner against the spec's regular expressions. Python's {@code \s} (what the
 * spec's expressions mean) is Java's Unicode {@code \s} plus U+001C..U+001F, hence the extra range.
 */
class UriRulesPropertiesTest {

    private static final String LOOSE = "[^\\s\\.#\\x1c-\\x1f]";
    private static final String STRICT = "[0-9a-z_]";
    private static final Pattern LOOSE_NON_EMPTY = spec("^(" + LOOSE + "+\\.)*(" + LOOSE + "+)$");
    private static final Pattern LOOSE_EMPTY = spec("^((" + LOOSE + "+\\.)|\\.)*(" + LOOSE + "+)?$");
    private static final Pattern LOOSE_LAST_EMPTY = spec("^(" + LOOSE + "+\\.)*(" + LOOSE + "*)$");
    private static final Pattern STRICT_NON_EMPTY = spec("^(" + STRICT + "+\\.)*(" + STRICT + "+)$");
    private static final Pattern STRICT_EMPTY = spec("^((" + STRICT + "+\\.)|\\.)*(" + STRICT + "+)?$");
    private static final Pattern STRICT_LAST_EMPTY = spec("^(" + STRICT + "+\\.)*(" + STRICT + "*)$");

    private static Pattern spec(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    @Property(tries = 3000)
    void isValidAgreesWithTheSpecRegexes(@ForAll("uriLike") String s) {
        check(s);
    }

    @Property(tries = 1000)
    void isValidAgreesWithTheSpecRegexesOnAnyText(@ForAll String s) {
        check(s);
    }

    @Property(tries = 500)
    void whitespaceIsPythonsWhitespace(@ForAll char c) {
        boolean python = Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0'
                || c == '\u2007' || c == '\u202f';
        assertThat(UriRules.isWhitespace(c)).as(Integer.toHexString(c)).isEqualTo(python);
    }

    private static void check(String s) {
        agree(UriRules.isValid(s, false, false), LOOSE_NON_EMPTY, s);
        agree(UriRules.isValid(s, false, true), LOOSE_EMPTY, s);
        agree(UriRules.isValid(s, true, false), STRICT_NON_EMPTY, s);
        agree(UriRules.isValid(s, true, true), STRICT_EMPTY, s);
        agree(UriRules.isValidPattern(s, MatchPolicy.EXACT, false), LOOSE_NON_EMPTY, s);
        agree(UriRules.isValidPattern(s, MatchPolicy.PREFIX, false), LOOSE_LAST_EMPTY, s);
        agree(UriRules.isValidPattern(s, MatchPolicy.PREFIX, true), STRICT_LAST_EMPTY, s);
        agree(UriRules.isValidPattern(s, MatchPolicy.WILDCARD, false), LOOSE_EMPTY, s);
        agree(UriRules.isValidPattern(s, MatchPolicy.WILDCARD, true), STRICT_EMPTY, s);
    }

    private static void agree(boolean scanner, Pattern regex, String s) {
        boolean expected = regex.matcher(s).matches();
        if (scanner != expected) {
            throw new AssertionError("'" + s + "' scanner=" + scanner + " regex " + regex + "=" + expected);
        }
    }

    @Provide
    Arbitrary<String> uriLike() {
        return Arbitraries.strings()
                .withChars('a', 'z', '0', '_', '.', '.', '.', 'A', '-', '#', ' ', '\t', '\u001c', '\u00a0',
                        '\u2028', '\u3000', '\u0085', 'é', '\u2007')
                .ofMaxLength(12);
    }
}
