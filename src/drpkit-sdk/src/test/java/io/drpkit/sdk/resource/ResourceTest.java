package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceTest {
    record Dir(String path) {
    }

    @Test
    void buildKeepsNameTypeStateClassAndRequirementsInOrder() {
        Resource<Dir> dir = Resource.builder("dir", Dir.class).type("directory")
                .requires("b", "a").create(ctx -> new Dir("/x")).destroy(ctx -> { }).build();

        assertThat(dir.name()).isEqualTo("dir");
        assertThat(dir.type()).isEqualTo("directory");
        assertThat(dir.stateClass()).isEqualTo(Dir.class);
        assertThat(dir.requires()).containsExactly("b", "a");
        assertThat(dir.hasStatus()).isFalse();
    }

    @Test
    void buildRejectsABlankName() {
        assertThatThrownBy(() -> Resource.builder(" ", Dir.class)
                .create(ctx -> new Dir("/x")).destroy(ctx -> { }).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource name is blank");
    }

    @Test
    void buildRejectsAMissingCreate() {
        assertThatThrownBy(() -> Resource.builder("dir", Dir.class).destroy(ctx -> { }).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource \"dir\" has no create function");
    }

    @Test
    void buildRejectsAMissingDestroyAndSaysHowToOptOut() {
        assertThatThrownBy(() -> Resource.builder("dir", Dir.class).create(ctx -> new Dir("/x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource \"dir\" has no destroy function;"
                        + " pass ctx -> { } if it must outlive its target");
    }

    @Test
    void buildRejectsBlankOrRepeatedRequirements() {
        assertThatThrownBy(() -> Resource.builder("file", Dir.class).requires("dir", "dir")
                .create(ctx -> new Dir("/x")).destroy(ctx -> { }).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource \"file\" requires \"dir\" twice");
        assertThatThrownBy(() -> Resource.builder("file", Dir.class).requires("")
                .create(ctx -> new Dir("/x")).destroy(ctx -> { }).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource \"file\" requires a blank name");
    }

    @Test
    void builderRejectsNulls() {
        assertThatThrownBy(() -> Resource.builder(null, Dir.class))
                .isInstanceOf(NullPointerException.class).hasMessage("name == null");
        assertThatThrownBy(() -> Resource.builder("dir", Dir.class).create(null))
                .isInstanceOf(NullPointerException.class).hasMessage("create == null");
    }
}
