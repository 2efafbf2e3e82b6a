package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivilegedAction;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class DetachedMBeanServerTest {
    interface SampleMXBean {
        int getValue();
    }

    static final class Sample implements SampleMXBean {
        @Override
        public int getValue() {
            return 1;
        }
    }

    @Test
    void keepsRegistrationsRefusesDuplicatesAndUnregisters() throws Exception {
        DetachedMBeanServer server = new DetachedMBeanServer();
        ObjectName name = new ObjectName("org.xnio:type=Xnio,provider=\"nio\"");
        ObjectName other = new ObjectName("org.xnio:type=Xnio,provider=\"nio\",worker=\"drpkit-http\"");

        assertThat(server.registerMBean(new Sample(), name).getObjectName()).isEqualTo(name);
        server.registerMBean(new Sample(), other);
        assertThatThrownBy(() -> server.registerMBean(new Sample(), name))
                .isInstanceOf(InstanceAlreadyExistsException.class);

        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getMBeanCount()).isEqualTo(2);
        assertThat(server.queryNames(new ObjectName("org.xnio:*"), null)).containsExactlyInAnyOrder(name, other);
        assertThat(server.queryNames(new ObjectName("org.xnio:type=Xnio,provider=\"nio\""), null))
                .containsExactly(name);
        assertThat(server.isInstanceOf(name, SampleMXBean.class.getName())).isTrue();
        assertThat(server.getDomains()).containsExactly("org.xnio");

        server.unregisterMBean(name);
        assertThat(server.isRegistered(name)).isFalse();
        assertThatThrownBy(() -> server.unregisterMBean(name)).isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    void readingABeanIsUnsupportedAndSaysHowToGetThePlatformServer() throws Exception {
        DetachedMBeanServer server = new DetachedMBeanServer();
        ObjectName name = new ObjectName("org.xnio:type=Xnio");
        server.registerMBean(new Sample(), name);

        assertThatThrownBy(() -> server.getAttribute(name, "Value"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("-D" + DetachedMBeanServer.PLATFORM_PROPERTY + "=true");
    }

    @Test
    void xniosMBeanServerActionIsTheSdksAndHandsOutADetachedRegistry() throws Exception {
        // the class with XNIO's binary name comes from this module, before xnio-api's copy
        Class<?> action = Class.forName("org.xnio.Xnio$MBeanHolder$1");
        assertThat(action.getProtectionDomain().getCodeSource().getLocation())
                .isEqualTo(DetachedMBeanServer.class.getProtectionDomain().getCodeSource().getLocation());

        var constructor = action.getDeclaredConstructor();
        constructor.setAccessible(true);
        @SuppressWarnings("unchecked")
        PrivilegedAction<MBeanServer> run = (PrivilegedAction<MBeanServer>) constructor.newInstance();
        assertThat(run.run()).isInstanceOf(DetachedMBeanServer.class);
    }
}
