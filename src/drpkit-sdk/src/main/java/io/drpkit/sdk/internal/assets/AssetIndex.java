package io.drpkit.sdk.internal.assets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The assets index: what the build recorded and the unpacker restores. One line per entry,
 * {@code <octal mode> <relative path>}, with {@code /} separators and a trailing {@code /} on
 * directories, sorted by path so a directory always comes before what it holds:
 *
 * <pre>
 * 0644 README.txt
 * 0755 scripts/
 * 0755 scripts/runbook-hello.sh
 * </pre>
 *
 * A provider without assets has an empty index. The file bytes live beside it under
 * {@value #FILES}. Immutable and thread-safe.
 */
public final class AssetIndex {
    /** Name of the index resource under the assets root. */
    public static final String INDEX = "index";
    /** Folder under the assets root that holds the file bytes, by relative path. */
    public static final String FILES = "files";
    /** Highest mode recorded: permission bits only (no setuid, setgid or sticky). */
    public static final int MAX_MODE = 0777;

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::indexPath);

    private final List<Entry> entries;

    private AssetIndex(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * An index of {@code entries}, sorted.
     *
     * @throws IllegalArgumentException if a path is unsafe, a mode is out of range, a path is
     *     listed twice, or a file is listed as the parent of another entry
     */
    public static AssetIndex of(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        checkConsistent(sorted);
        return new AssetIndex(List.copyOf(sorted));
    }

    /**
     * Parses index text read from {@code source} (named in errors).
     *
     * @throws IOException naming the source and line if a line is malformed or unsafe
     */
    public static AssetIndex parse(String source, String text) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            try {
                entries.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IOException("assets index " + source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        try {
            return of(entries);
        } catch (IllegalArgumentException e) {
            throw new IOException("assets index " + source + ": " + e.getMessage(), e);
        }
    }

    /** The entries, sorted by path (directories before their content). */
    public List<Entry> entries() {
        return entries;
    }

    /** The index text: one line per entry, each ending with a newline; empty if no entries. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(String.format("%04o", e.mode())).append(' ').append(e.indexPath()).append('\n');
        }
        return out.toString();
    }

    private static Entry parseLine(String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("expected '<octal mode> <path>', got '" + line + "'");
        }
        String modeText = line.substring(0, space);
        if (!modeText.matches("[0-7]{1,4}")) {
            throw new IllegalArgumentException("mode '" + modeText + "' is not octal, in '" + line + "'");
        }
        int mode = Integer.parseInt(modeText, 8);
        String path = line.substring(space + 1);
        boolean directory = path.endsWith("/");
        return new Entry(directory ? path.substring(0, path.length() - 1) : path, mode, directory);
    }

    private static void checkConsistent(List<Entry> sorted) {
        Map<String, Entry> byPath = new HashMap<>();
        for (Entry e : sorted) {
            Entry earlier = byPath.putIfAbsent(e.path(), e);
            if (earlier != null) {
                throw new IllegalArgumentException("'" + e.path() + "' is listed twice");
            }
        }
        for (Entry e : sorted) {
            String path = e.path();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                Entry parent = byPath.get(path.substring(0, slash));
                if (parent != null && !parent.directory()) {
                    throw new IllegalArgumentException("'" + path + "' is inside '" + parent.path()
                            + "', which is listed as a file");
                }
            }
        }
    }

    /**
     * Checks that {@code path} is a safe relative path: not empty, not absolute, {@code /}
     * separators, no empty, {@code .} or {@code ..} segment, no control characters.
     *
     * @return {@code path}
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkPath(String path) {
        Objects.requireNonNull(path, "path == null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("'" + path + "' is absolute");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException("'" + path.replace("\n", "\\n")
                        + "' contains a control character");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + path + "' has a '" + segment
                        + "' segment; paths must stay inside the target directory");
            }
        }
        return path;
    }

    /**
     * One file or directory: its path relative to the assets root, {@code /}-separated and
     * without a trailing {@code /}, and its permission bits.
     */
    public record Entry(String path, int mode, boolean directory) {
        /** @throws IllegalArgumentException if the path is unsafe or the mode out of range */
        public Entry {
            checkPath(path);
            if (mode < 0 || mode > MAX_MODE) {
                throw new IllegalArgumentException("'" + path + "': mode " + Integer.toOctalString(mode)
                        + " is outside 0000-0777");
            }
        }

        public static Entry file(String path, int mode) {
            return new Entry(path, mode, false);
        }

        public static Entry directory(String path, int mode) {
            return new Entry(path, mode, true);
        }

        /** The path as written in the index: directories end with {@code /}. */
        public String indexPath() {
            return directory ? path + "/" : path;
        }
    }
}
