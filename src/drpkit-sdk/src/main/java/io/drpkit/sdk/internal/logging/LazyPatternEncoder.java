package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * A {@link PatternLayoutEncoder} built on the first line it encodes. Compiling a pattern loads
 * logback's pattern parser and converters; {@code listen} detaches the console appender before
 * it ever prints, and {@code define} never logs, so most processes never pay for it. No header
 * or footer (a pattern encoder has none). Thread-safe.
 */
final class LazyPatternEncoder extends EncoderBase<ILoggingEvent> {
    private final String pattern;
    private volatile PatternLayoutEncoder delegate;

    LazyPatternEncoder(String pattern) {
        this.pattern = pattern;
    }

    private PatternLayoutEncoder delegate() {
        PatternLayoutEncoder d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = new PatternLayoutEncoder();
                    d.setContext(getContext());
                    d.setPattern(pattern);
                    d.start();
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
