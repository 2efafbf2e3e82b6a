package io.drpkit.sdk.internal.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy settings DRP's Go client honours (spec §2.2): {@code HTTPS_PROXY} for https and wss,
 * {@code HTTP_PROXY} for http, {@code NO_PROXY} exclusions (comma list of hosts, {@code .domain}
 * or {@code domain} suffixes, each optionally with {@code :port}; {@code *} for all), either case
 * of the names; localhost and loopback addresses are never proxied. Proxy URLs are
 * {@code http://host:port} (the default scheme) or {@code socks5://host:port}. Immutable and
 * thread-safe.
 */
final class EnvProxySelector extends ProxySelector {
    private final Optional<Proxy> https;
    private final Optional<Proxy> http;
    private final List<String> noProxy;

    private EnvProxySelector(Optional<Proxy> https, Optional<Proxy> http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /**
     * The selector for {@code env}, or empty when it names no proxy.
     *
     * @throws IllegalArgumentException naming the variable when a proxy URL cannot be used
     */
    static Optional<ProxySelector> from(Map<String, String> env) {
        Optional<Proxy> https = proxy(env, "HTTPS_PROXY");
        Optional<Proxy> http = proxy(env, "HTTP_PROXY");
        if (https.isEmpty() && http.isEmpty()) {
            return Optional.empty();
        }
        List<String> noProxy = new ArrayList<>();
        for (String entry : get(env, "NO_PROXY").orElse("").split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (!e.isEmpty()) {
                noProxy.add(e);
            }
        }
        return Optional.of(new EnvProxySelector(https, http, List.copyOf(noProxy)));
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<Proxy> proxy = scheme.equals("https") || scheme.equals("wss") ? https : http;
        if (proxy.isEmpty() || isLocal(host) || excluded(host, uri.getPort())) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy.get());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // no fallback list to maintain: the call fails and the session's retries take over
    }

    private static boolean isLocal(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    private boolean excluded(String host, int port) {
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String pattern = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon) {
                if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
                    continue;
                }
                pattern = entry.substring(0, colon);
            }
            String suffix = pattern.startsWith(".") ? pattern : "." + pattern;
            if (host.equals(pattern.startsWith(".") ? pattern.substring(1) : pattern) || host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = env.get(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static Optional<Proxy> proxy(Map<String, String> env, String name) {
        Optional<String> value = get(env, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().contains("://") ? value.get() : "http://" + value.get();
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": not a proxy URL: \"" + value.get() + "\"");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type = switch (scheme) {
            case "http" -> Proxy.Type.HTTP;
            case "socks5", "socks5h" -> Proxy.Type.SOCKS;
            default -> throw new IllegalArgumentException(name + ": unsupported proxy scheme \"" + scheme
                    + "\" (use http:// or socks5://)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(name + ": no host in \"" + value.get() + "\"");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : type == Proxy.Type.HTTP ? 80 : 1080;
        return Optional.of(new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port)));
    }
}
