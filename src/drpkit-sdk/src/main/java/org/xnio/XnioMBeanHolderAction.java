package org.xnio;

import io.drpkit.sdk.internal.server.DetachedMBeanServer;
import java.lang.management.ManagementFactory;
import java.security.PrivilegedAction;
import javax.management.MBeanServer;

/**
 * Replaces XNIO's own {@code Xnio$MBeanHolder$1}, the action that hands XNIO the MBean server for
 * its MXBeans: this one hands it a {@link DetachedMBeanServer} unless
 * {@code -Ddrpkit.xnio.jmx=true} asks for the platform MBean server, as XNIO's does. Not API.
 *
 * <p>XNIO (3.8) has no setting to skip its JMX registration, and the first registration creates
 * the platform MBean server (see {@link DetachedMBeanServer} for what that costs). The class keeps
 * XNIO's binary name, so it must be found before xnio-api's copy: the SDK jar precedes its
 * dependencies on a class path, and a shaded jar takes the SDK's copy (the first one), which
 * {@code DetachedMBeanServerTest} checks is the one loaded. The name is spelled with {@code $} on
 * purpose; the source file has another name because javac requires none for non-public classes.
 */
final class Xnio$MBeanHolder$1 implements PrivilegedAction<MBeanServer> {
    Xnio$MBeanHolder$1() {
    }

    @Override
    public MBeanServer run() {
        return DetachedMBeanServer.platformWanted() ? ManagementFactory.getPlatformMBeanServer()
                : new DetachedMBeanServer();
    }
}
