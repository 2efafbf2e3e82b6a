package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A {@link PatternLayoutEncoder} built on the first line it encodes. Compiling a pattern loads
 * logback's pattern parser and converters; {@code listen} detaches the console appender before
 * it ever prints, and {@code define} never logs, so most processes never pay for it. No header
 * or footer (a pattern encoder has none). Each line passes {@link #mask(UnaryOperator)}'s function
 * (none until the host forwarder sets the runtime's secrets). Thread-safe.
 */
final class LazyPatternEncoder extends EncoderBase<ILoggingEvent> {
    private final String pattern;
    private volatile PatternLayoutEncoder delegate;
    private volatile UnaryOperator<String> mask;

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

    /** From now on, every line is {@code mask}ed before it is written. */
    void mask(UnaryOperator<String> mask) {
        this.mask = Objects.requireNonNull(mask, "mask == null");
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        PatternLayoutEncoder d = delegate();
        UnaryOperator<String> m = mask;
        if (m == null) {
            return d.encode(event);
        }
        String masked = m.apply(d.getLayout().doLayout(event)); // what d.encode does, masked in between
        Charset charset = d.getCharset();
        return charset == null ? masked.getBytes() : masked.getBytes(charset);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
