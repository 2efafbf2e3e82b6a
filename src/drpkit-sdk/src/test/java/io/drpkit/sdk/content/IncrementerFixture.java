package io.drpkit.sdk.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Go incrementer's content directory (spec §6.1), rebuilt file by file. */
final class IncrementerFixture {
    private IncrementerFixture() {
    }

    static Path write(Path dir) throws IOException {
        write(dir, "._Description.meta", "Test Plugin for DRP\n");
        write(dir, "._DisplayName.meta", "Incrementer Test Plugin\n");
        param(dir, "cow.id.yaml", "cow/id", "string");
        param(dir, "cow.object.yaml", "cow/object", "object");
        param(dir, "incrementer.parameter.yaml", "incrementer/parameter", "string");
        param(dir, "incrementer.step.yaml", "incrementer/step", "integer");
        param(dir, "incrementer.touched.yaml", "incrementer/touched", "integer");
        write(dir, "typed-cows/bertie.yaml", """
                Id: bertie
                Type: typed-cows
                CanMilk: false
                Spotted: false
                Location: Dallas
                """);
        write(dir, "typed-cows/bessie.yaml", """
                Id: bessie
                Type: typed-cows
                CanMilk: true
                Spotted: true
                Location: Austin
                """);
        return dir;
    }

    static Path write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static void param(Path dir, String file, String name, String type) throws IOException {
        write(dir, "params/" + file, "Name: " + name + "\nSchema:\n  type: " + type + "\n");
    }
}
