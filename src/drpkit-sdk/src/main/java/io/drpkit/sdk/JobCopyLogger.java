package io.drpkit.sdk;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * {@link JobLogger#logger}: each enabled call goes to the real logger (marked
 * {@link #COPIED}, so the SDK does not route it to the job a second time) and to the job's log.
 */
final class JobCopyLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    /** Marks lines already written to a job's log. */
    static final Marker COPIED = JobLogger.PROVIDER_LOG_ONLY;

    private final transient Logger delegate;
    private final transient JobLogger job;
    private final transient java.util.function.UnaryOperator<String> mask;

    JobCopyLogger(Logger delegate, JobLogger job, java.util.function.UnaryOperator<String> mask) {
        this.delegate = delegate;
        this.job = job;
        this.mask = mask;
        this.name = delegate.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String text = mask.apply(MessageFormatter.basicArrayFormat(pattern, arguments));
        LoggingEventBuilder b = delegate.makeLoggingEventBuilder(level).addMarker(COPIED).setMessage(text);
        if (marker != null) {
            b = b.addMarker(marker);
        }
        if (throwable != null) {
            b = b.setCause(throwable);
        }
        b.log();
        if (level.toInt() < Level.INFO.toInt()) {
            return; // DEBUG and TRACE stay in DRP's log, as with the routed lines
        }
        job.line(level + " " + text + (throwable == null ? "" : " (" + mask.apply(throwable.toString()) + ")"));
    }
}
