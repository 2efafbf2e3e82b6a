package io.drpkit.sdk.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Conduit wrappers that make half-close and end-of-stream work for XNIO connections over JDK
 * {@code AF_UNIX} socket channels.
 *
 * <p>XNIO's socket conduit half-closes through {@code SocketChannel.socket().shutdownOutput()} /
 * {@code shutdownInput()}, and also calls {@code terminateReads()} from {@code read()} when it sees
 * end-of-stream. For Unix-domain channels the JDK throws {@link UnsupportedOperationException} from
 * {@code socket()}. XNIO has already updated its own connection state by then (in a {@code finally}
 * block), so the wrappers only have to swallow that exception and perform the shutdown on the
 * channel itself. Without them every {@code Connection: close}, HTTP/1.0 exchange or client
 * disconnect ends in an {@code UT005071 Undertow request failed} error.
 *
 * <p>Instances are used by exactly one XNIO connection and follow XNIO's conduit threading rules
 * (they hold no mutable state of their own).
 */
public final class UnixConduits {

    private static final Logger LOG = LoggerFactory.getLogger(UnixConduits.class);

    private UnixConduits() {
    }

    /** Sink side: {@code terminateWrites()} / {@code truncateWrites()} half-close the channel. */
    public static final class Sink extends AbstractStreamSinkConduit<StreamSinkConduit> {
        private final SocketChannel channel;

        /**
         * @param next the connection's original sink conduit
         * @param channel the accepted {@code AF_UNIX} channel underneath {@code next}
         */
        public Sink(StreamSinkConduit next, SocketChannel channel) {
            super(Objects.requireNonNull(next, "next == null"));
            this.channel = Objects.requireNonNull(channel, "channel == null");
        }

        @Override
        public void terminateWrites() throws IOException {
            try {
                next.terminateWrites();
            } catch (UnsupportedOperationException e) {
                shutdownOutput(channel);
            }
        }

        @Override
        public void truncateWrites() throws IOException {
            try {
                next.truncateWrites();
            } catch (UnsupportedOperationException e) {
                shutdownOutput(channel);
            }
        }
    }

    /** Source side: end-of-stream reads return -1 and {@code terminateReads()} half-closes. */
    public static final class Source extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final SocketChannel channel;

        /**
         * @param next the connection's original source conduit
         * @param channel the accepted {@code AF_UNIX} channel underneath {@code next}
         */
        public Source(StreamSourceConduit next, SocketChannel channel) {
            super(Objects.requireNonNull(next, "next == null"));
            this.channel = Objects.requireNonNull(channel, "channel == null");
        }

        // XNIO only calls socket() (and so only throws) after the channel returned -1.
        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                return next.read(dst);
            } catch (UnsupportedOperationException e) {
                shutdownInput(channel);
                return -1;
            }
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            try {
                return next.read(dsts, offs, len);
            } catch (UnsupportedOperationException e) {
                shutdownInput(channel);
                return -1L;
            }
        }

        // The delegate would transfer through its own read(), bypassing the EOF handling above.
        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target)
                throws IOException {
            return Conduits.transfer(this, count, throughBuffer, target);
        }

        @Override
        public void terminateReads() throws IOException {
            try {
                next.terminateReads();
            } catch (UnsupportedOperationException e) {
                shutdownInput(channel);
            }
        }
    }

    // A failed half-close means the peer or the channel is already gone; XNIO closes it next.
    private static void shutdownOutput(SocketChannel channel) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            LOG.debug("shutdownOutput failed on a Unix connection", e);
        }
    }

    private static void shutdownInput(SocketChannel channel) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.shutdownInput();
        } catch (IOException | RuntimeException e) {
            LOG.debug("shutdownInput failed on a Unix connection", e);
        }
    }
}
