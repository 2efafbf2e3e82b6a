package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListQueryTest {
    @Test
    void filtersAreWrittenInDrpsSyntaxInOrder() {
        ListQuery q = ListQuery.builder().eq("Name", "m1").gt("CurrentTask", "2").in("Stage", List.of("a", "b"))
                .re("Address", "^10\\.").between("Arch", "a", "b").nin("Pool", List.of("x")).ne("OS", "")
                .offset(5).limit(10).sort("Name").reverse().build();
        assertThat(q.parameters()).containsExactly(Map.entry("Name", "Eq(m1)"), Map.entry("CurrentTask", "Gt(2)"),
                Map.entry("Stage", "In(a,b)"), Map.entry("Address", "Re(^10\\.)"), Map.entry("Arch", "Between(a,b)"),
                Map.entry("Pool", "Nin(x)"), Map.entry("OS", "Ne()"), Map.entry("offset", "5"), Map.entry("limit", "10"),
                Map.entry("sort", "Name"), Map.entry("reverse", "true"));
        assertThat(q.toString()).startsWith("?Name=Eq(m1)&CurrentTask=Gt(2)");
        assertThat(ListQuery.builder().build()).isSameAs(ListQuery.all());
    }

    @Test
    void mistakesAreRefusedWhenMade() {
        assertThatThrownBy(() -> ListQuery.builder().eq("Name", "a").ne("Name", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index Name is filtered twice");
        assertThatThrownBy(() -> ListQuery.builder().in("Stage", List.of("a,b")))
                .hasMessageContaining("contains ','");
        assertThatThrownBy(() -> ListQuery.builder().in("Stage", List.of())).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> ListQuery.builder().limit(-1)).hasMessageContaining("limit is negative");
        assertThatThrownBy(() -> ListQuery.builder().eq("offset", "1")).hasMessageContaining("list option");
        assertThatThrownBy(() -> ListQuery.builder().eq(" ", "1")).hasMessageContaining("index is blank");
    }
}
