package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.model.Event;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static Event event(String type, String action, String key) {
        return Event.of(type, action, key, null);
    }

    @Test
    void starMatchesAnything() {
        EventPattern p = EventPattern.parse("*.*.*");
        assertThat(p.matches(event("machines", "create", "u1"))).isTrue();
        assertThat(p.matches(event("", "", ""))).isTrue();
    }

    @Test
    void partsAreCommaListsOfLiterals() {
        EventPattern p = EventPattern.parse("machines,jobs.create,delete.*");
        assertThat(p.matches(event("machines", "delete", "x"))).isTrue();
        assertThat(p.matches(event("jobs", "create", "y"))).isTrue();
        assertThat(p.matches(event("jobs", "update", "y"))).isFalse();
        assertThat(p.matches(event("plugins", "create", "y"))).isFalse();
    }

    @Test
    void valuesAreTrimmedAsGosValueInListDoes() {
        EventPattern p = EventPattern.parse("machines.create, delete.*");
        assertThat(p.matches(event("machines", "delete", "x"))).isTrue();
        assertThat(p.matches(event("machines", "create", "x"))).isTrue();
        assertThat(p.matches(event("machines", "update", "x"))).isFalse();
        assertThat(EventPattern.parse(" machines ,jobs.save.\tk1 , k2").matches(event("jobs", "save", "k2"))).isTrue();
    }

    @Test
    void escapesStandForDotCommaAndStar() {
        EventPattern p = EventPattern.parse("profiles.save.a\\1b\\2c\\3");
        assertThat(p.matches(event("profiles", "save", "a.b,c*"))).isTrue();
        assertThat(p.matches(event("profiles", "save", "a"))).isFalse();
    }

    @Test
    void theKeyIsEverythingAfterTheSecondDot() {
        EventPattern p = EventPattern.parse("machines.update.a.b");
        assertThat(p.matches(event("machines", "update", "a.b"))).isTrue();
    }

    @Test
    void fewerThanThreePartsIsRejected() {
        assertThatThrownBy(() -> EventPattern.parse("machines.create"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("machines.create");
    }
}
