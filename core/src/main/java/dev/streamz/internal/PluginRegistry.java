package dev.streamz.internal;

import dev.streamz.Stream;
import dev.streamz.spi.StreamPlugin;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds {@link StreamPlugin}s with {@link ServiceLoader} the first time one is asked for, checks their
 * names, and builds their nodes.
 */
public final class PluginRegistry {
    private static volatile PluginRegistry instance;

    private final Map<String, StreamPlugin> plugins;

    private PluginRegistry(Map<String, StreamPlugin> plugins) {
        this.plugins = plugins;
    }

    /** @return the registry, loading the plugins on first use */
    public static PluginRegistry instance() {
        PluginRegistry r = instance;
        if (r == null) {
            synchronized (PluginRegistry.class) {
                r = instance;
                if (r == null) {
                    r = load(ServiceLoader.load(StreamPlugin.class, Stream.class.getClassLoader()));
                    instance = r;
                }
            }
        }
        return r;
    }

    /** Builds a registry from explicit plugins, with the same checks as discovery. */
    public static PluginRegistry of(Iterable<? extends StreamPlugin> found) {
        Map<String, StreamPlugin> byName = new LinkedHashMap<>();
        Set<String> builtins = builtinNames();
        for (StreamPlugin p : found) {
            String name = p.name();
            if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                    || !name.chars().allMatch(Character::isJavaIdentifierPart)) {
                throw new IllegalStateException("plugin " + p.getClass().getName() + " has an invalid name '" + name
                        + "': expected a Java identifier");
            }
            if (builtins.contains(name)) {
                throw new IllegalStateException("plugin " + p.getClass().getName() + " is named '" + name
                        + "', which is a built-in operator of Stream; choose another name");
            }
            if (p.kind() == null) {
                throw new IllegalStateException("plugin '" + name + "' (" + p.getClass().getName()
                        + ") returned no kind");
            }
            StreamPlugin previous = byName.putIfAbsent(name, p);
            if (previous != null) {
                throw new IllegalStateException("two plugins are named '" + name + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new PluginRegistry(Collections.unmodifiableMap(byName));
    }

    private static PluginRegistry load(ServiceLoader<StreamPlugin> loader) {
        List<StreamPlugin> found = new ArrayList<>();
        try {
            for (StreamPlugin p : loader) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a streamz plugin: " + e.getMessage(), e);
        }
        return of(found);
    }

    private static Set<String> builtinNames() {
        Set<String> names = new HashSet<>();
        for (Method m : Stream.class.getMethods()) {
            if (m.getDeclaringClass() == Stream.class || !Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /** @return plugin names, in discovery order */
    public List<String> names() {
        return List.copyOf(plugins.keySet());
    }

    /**
     * Builds a plugin's node.
     *
     * @param upstream the node to attach to, or {@code null} for a source
     * @param name the plugin's name
     * @param args the user's arguments
     * @return the node
     */
    public Stream<?> create(Stream<?> upstream, String name, Object[] args) {
        StreamPlugin p = plugins.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no streamz plugin named '" + name + "'; available: " + names());
        }
        boolean source = p.kind() == StreamPlugin.Kind.SOURCE;
        if (upstream == null && !source) {
            throw new IllegalArgumentException("plugin '" + name + "' is " + p.kind()
                    + ", not a source: call it on a stream with stream.plugin(\"" + name + "\", ...)");
        }
        if (upstream != null && source) {
            throw new IllegalArgumentException("plugin '" + name + "' is a SOURCE: create it with Stream.fromPlugin(\""
                    + name + "\", ...)");
        }
        Stream<?> node;
        try {
            node = p.create(upstream, args == null ? new Object[0] : args.clone());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("plugin '" + name + "' rejected its arguments: " + e.getMessage(), e);
        }
        if (node == null) {
            throw new IllegalStateException("plugin '" + name + "' (" + p.getClass().getName() + ") returned null");
        }
        if (upstream != null && !node.upstreams().contains(upstream)) {
            throw new IllegalStateException("plugin '" + name + "' (" + p.getClass().getName()
                    + ") returned a node that is not downstream of the stream it was called on");
        }
        return node;
    }
}
