package io.drpkit.sdk.internal.server;

import java.io.ObjectInputStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.QueryExp;
import javax.management.loading.ClassLoaderRepository;

/**
 * Where XNIO's provider, worker and server MXBeans are registered in {@code listen} instead of the
 * platform MBean server (see {@code org.xnio.Xnio$MBeanHolder$1} in this module). Not API.
 *
 * <p>Why: XNIO registers them unconditionally, and the first registration creates the platform
 * MBean server, which introspects and registers every platform MXBean: about 900 classes and a
 * fifth of {@code listen}'s start-up, for beans nothing in a plugin reads. This registry keeps the
 * registrations (so XNIO's own unregistering works and a duplicate name is still refused) and
 * answers name queries; reading attributes or invoking operations is unsupported. With
 * {@value #PLATFORM_PROPERTY}{@code =true} XNIO uses the platform MBean server as before (for
 * watching XNIO over JMX).
 *
 * <p>Thread-safe: the registrations are a concurrent map.
 */
public final class DetachedMBeanServer implements MBeanServer {
    /** System property: {@code true} registers XNIO's MXBeans in the platform MBean server again. */
    public static final String PLATFORM_PROPERTY = "drpkit.xnio.jmx";

    private final Map<ObjectName, Object> beans = new ConcurrentHashMap<>();

    /** An empty registry. */
    public DetachedMBeanServer() {
    }

    /** jboss-threads' switch for the MXBean of each XNIO worker's task pool. */
    static final String THREADS_PROPERTY = "jboss.threads.eqe.disable-mbean";

    /** Whether XNIO should register with the platform MBean server ({@value #PLATFORM_PROPERTY}). */
    public static boolean platformWanted() {
        return Boolean.getBoolean(PLATFORM_PROPERTY);
    }

    /**
     * Before the first XNIO worker: unless {@value #PLATFORM_PROPERTY} is set or the property is
     * already given, sets {@value #THREADS_PROPERTY}{@code =true}, so jboss-threads does not
     * register the worker's task pool in the platform MBean server either (it is read once, when
     * jboss-threads' executor class initialises; a JVM-wide system property, like the rest of
     * jboss-threads' settings).
     */
    public static void detachThreadPools() {
        if (!platformWanted() && System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, "true");
        }
    }

    @Override
    public ObjectInstance registerMBean(Object object, ObjectName name) throws InstanceAlreadyExistsException {
        Objects.requireNonNull(object, "object == null");
        Objects.requireNonNull(name, "name == null");
        if (beans.putIfAbsent(name, object) != null) {
            throw new InstanceAlreadyExistsException(name.toString());
        }
        return new ObjectInstance(name, object.getClass().getName());
    }

    @Override
    public void unregisterMBean(ObjectName name) throws InstanceNotFoundException {
        if (name == null || beans.remove(name) == null) {
            throw new InstanceNotFoundException(String.valueOf(name));
        }
    }

    @Override
    public ObjectInstance getObjectInstance(ObjectName name) throws InstanceNotFoundException {
        Object bean = name == null ? null : beans.get(name);
        if (bean == null) {
            throw new InstanceNotFoundException(String.valueOf(name));
        }
        return new ObjectInstance(name, bean.getClass().getName());
    }

    @Override
    public Set<ObjectInstance> queryMBeans(ObjectName name, QueryExp query) {
        Set<ObjectInstance> found = new LinkedHashSet<>();
        for (ObjectName n : queryNames(name, query)) {
            Object bean = beans.get(n);
            if (bean != null) {
                found.add(new ObjectInstance(n, bean.getClass().getName()));
            }
        }
        return found;
    }

    @Override
    public Set<ObjectName> queryNames(ObjectName name, QueryExp query) {
        if (query != null) {
            throw unsupported("queries with a QueryExp");
        }
        Set<ObjectName> found = new LinkedHashSet<>();
        for (ObjectName n : beans.keySet()) {
            if (name == null || name.apply(n)) {
                found.add(n);
            }
        }
        return found;
    }

    @Override
    public boolean isRegistered(ObjectName name) {
        return name != null && beans.containsKey(name);
    }

    @Override
    public Integer getMBeanCount() {
        return beans.size();
    }

    @Override
    public String getDefaultDomain() {
        return "DefaultDomain";
    }

    @Override
    public String[] getDomains() {
        return beans.keySet().stream().map(ObjectName::getDomain).distinct().sorted().toArray(String[]::new);
    }

    @Override
    public boolean isInstanceOf(ObjectName name, String className) throws InstanceNotFoundException {
        Object bean = name == null ? null : beans.get(name);
        if (bean == null) {
            throw new InstanceNotFoundException(String.valueOf(name));
        }
        try {
            return Class.forName(className, false, bean.getClass().getClassLoader()).isInstance(bean);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " are not supported by drpkit's detached registry of XNIO's"
                + " MXBeans; run with -D" + PLATFORM_PROPERTY + "=true to register them in the platform MBean server");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name) {
        throw unsupported("MBean creation");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, ObjectName loaderName) {
        throw unsupported("MBean creation");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, Object[] params, String[] signature) {
        throw unsupported("MBean creation");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, ObjectName loaderName, Object[] params,
            String[] signature) {
        throw unsupported("MBean creation");
    }

    @Override
    public Object getAttribute(ObjectName name, String attribute) {
        throw unsupported("attribute reads");
    }

    @Override
    public AttributeList getAttributes(ObjectName name, String[] attributes) {
        throw unsupported("attribute reads");
    }

    @Override
    public void setAttribute(ObjectName name, Attribute attribute) {
        throw unsupported("attribute writes");
    }

    @Override
    public AttributeList setAttributes(ObjectName name, AttributeList attributes) {
        throw unsupported("attribute writes");
    }

    @Override
    public Object invoke(ObjectName name, String operationName, Object[] params, String[] signature) {
        throw unsupported("operations");
    }

    @Override
    public MBeanInfo getMBeanInfo(ObjectName name) {
        throw unsupported("MBean descriptions");
    }

    @Override
    public void addNotificationListener(ObjectName name, NotificationListener listener, NotificationFilter filter,
            Object handback) {
        throw unsupported("notifications");
    }

    @Override
    public void addNotificationListener(ObjectName name, ObjectName listener, NotificationFilter filter,
            Object handback) {
        throw unsupported("notifications");
    }

    @Override
    public void removeNotificationListener(ObjectName name, ObjectName listener) {
        throw unsupported("notifications");
    }

    @Override
    public void removeNotificationListener(ObjectName name, ObjectName listener, NotificationFilter filter,
            Object handback) {
        throw unsupported("notifications");
    }

    @Override
    public void removeNotificationListener(ObjectName name, NotificationListener listener) {
        throw unsupported("notifications");
    }

    @Override
    public void removeNotificationListener(ObjectName name, NotificationListener listener, NotificationFilter filter,
            Object handback) {
        throw unsupported("notifications");
    }

    @Override
    public Object instantiate(String className) {
        throw unsupported("instantiation");
    }

    @Override
    public Object instantiate(String className, ObjectName loaderName) {
        throw unsupported("instantiation");
    }

    @Override
    public Object instantiate(String className, Object[] params, String[] signature) {
        throw unsupported("instantiation");
    }

    @Override
    public Object instantiate(String className, ObjectName loaderName, Object[] params, String[] signature) {
        throw unsupported("instantiation");
    }

    @Override
    @Deprecated
    public ObjectInputStream deserialize(ObjectName name, byte[] data) {
        throw unsupported("deserialization");
    }

    @Override
    @Deprecated
    public ObjectInputStream deserialize(String className, byte[] data) {
        throw unsupported("deserialization");
    }

    @Override
    @Deprecated
    public ObjectInputStream deserialize(String className, ObjectName loaderName, byte[] data) {
        throw unsupported("deserialization");
    }

    @Override
    public ClassLoader getClassLoaderFor(ObjectName mbeanName) {
        throw unsupported("class loaders");
    }

    @Override
    public ClassLoader getClassLoader(ObjectName loaderName) {
        throw unsupported("class loaders");
    }

    @Override
    public ClassLoaderRepository getClassLoaderRepository() {
        throw unsupported("class loaders");
    }
}
