package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSelectionTest {
    private static Event event(String type, String action, String key) {
        return Event.of(type, action, key, null);
    }

    @Test
    void ofWritesStarsAndEscapesLiteralValues() {
        assertThat(EventSelection.of("machines", "create", "*").text()).isEqualTo("machines.create.*");
        assertThat(EventSelection.of("profiles", "save", "rack1.dc,b*").text())
                .isEqualTo("profiles.save.rack1\\1dc\\2b\\3");
    }

    @Test
    void anyOfWritesCommaListsAndEmptyMeansAnything() {
        EventSelection s = EventSelection.anyOf(List.of("machines", "jobs"), List.of("create", "delete"), List.of());
        assertThat(s.text()).isEqualTo("machines,jobs.create,delete.*");
        assertThat(EventSelection.anyOf(List.of(), List.of(), List.of("*")).text()).isEqualTo("*.*.\\3");
    }

    @Test
    void starMatchesAnythingAndListsMatchAnyOfTheirValues() {
        EventSelection s = EventSelection.parse("machines,jobs.create,delete.*");
        assertThat(s.matches(event("machines", "create", "u1"))).isTrue();
        assertThat(s.matches(event("jobs", "delete", "u2"))).isTrue();
        assertThat(s.matches(event("machines", "update", "u1"))).isFalse();
        assertThat(s.matches(event("profiles", "create", "u1"))).isFalse();
        assertThat(EventSelection.parse("*.*.*").matches(event("websocket", "register", "machines.*.*"))).isTrue();
    }

    @Test
    void valuesAreTrimmedAsGosValueInListDoes() {
        // issue 11 item 7: `machines.create, delete.*` selects deletes too
        EventSelection s = EventSelection.parse("machines.create, delete.*");
        assertThat(s.matches(event("machines", "delete", "u1"))).isTrue();
        assertThat(s.matches(event("machines", "create", "u1"))).isTrue();
        assertThat(s.matches(event("machines", "update", "u1"))).isFalse();
        EventSelection padded = EventSelection.parse(" machines , jobs .save\t,\tcreate. a , b ");
        assertThat(padded.matches(event("jobs", "save", "b"))).isTrue();
        assertThat(padded.matches(event("machines", "create", "a"))).isTrue();
        assertThat(padded.text()).as("the wire form is sent as written").isEqualTo(" machines , jobs .save\t,\tcreate. a , b ");
        assertThatThrownBy(() -> EventSelection.parse("machines.create, .*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty action");
    }

    @Test
    void escapedValuesMatchKeysWithDotsCommasAndStars() {
        EventSelection s = EventSelection.parse("profiles.save.rack1\\1dc,a\\2b,\\3");
        assertThat(s.matches(event("profiles", "save", "rack1.dc"))).isTrue();
        assertThat(s.matches(event("profiles", "save", "a,b"))).isTrue();
        assertThat(s.matches(event("profiles", "save", "*"))).isTrue();
        assertThat(s.matches(event("profiles", "save", "rack1"))).isFalse();
        assertThat(s.matches(event("profiles", "save", "anything"))).isFalse();
    }

    @Test
    void theKeyPartKeepsEverythingAfterTheSecondDot() {
        // split on the first two dots only: an unescaped dot in the key stays in the key
        EventSelection s = EventSelection.parse("machines.update.a.b");
        assertThat(s.matches(event("machines", "update", "a.b"))).isTrue();
    }

    @Test
    void ofAndParseAgree() {
        EventSelection built = EventSelection.of("profiles", "save", "x.y");
        EventSelection parsed = EventSelection.parse(built.text());
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.matches(event("profiles", "save", "x.y"))).isTrue();
    }

    @Test
    void malformedSelectionsAreRefusedWithTheText() {
        assertThatThrownBy(() -> EventSelection.parse("machines.create"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"machines.create\"").hasMessageContaining("<type>.<action>.<key>");
        assertThatThrownBy(() -> EventSelection.parse("machines..*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty action");
        assertThatThrownBy(() -> EventSelection.of("machines", "", "*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty action");
    }

    @Test
    void escapeAndUnescapeAreInverse() {
        String v = "a.b,c*d";
        assertThat(EventSelection.unescape(EventSelection.escape(v))).isEqualTo(v);
        assertThat(EventSelection.escape(v)).doesNotContain(".").doesNotContain(",").doesNotContain("*");
    }
}
