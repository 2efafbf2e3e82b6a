package io.drpkit.maven;

import java.nio.charset.StandardCharsets;

/**
 * A provider's main as {@code drpkit:executable} runs it to render {@code define}: prints a
 * definition that names the properties and the {@code RS_TOKEN} it was started with.
 */
public final class FakeProviderMain {
    private FakeProviderMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].equals("define")) {
            System.exit(2);
        }
        byte[] json = ("{\n  \"Name\": \"fake\",\n  \"Live\": \"" + System.getProperty("drpkit.define.live")
                + "\",\n  \"Build\": \"" + System.getProperty("drpkit.define.build") + "\",\n  \"Token\": \""
                + System.getenv("RS_TOKEN") + "\",\n  \"Note\": \"\u00e9\"\n}\n").getBytes(StandardCharsets.UTF_8);
        System.out.write(json, 0, json.length);
        System.out.flush();
    }
}
