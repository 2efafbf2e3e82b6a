/**
 * A resource manager in the style of Waypoint's: named resources with typed state and explicit
 * dependencies, created in dependency order, rolled back in reverse on failure, destroyed in
 * reverse creation order, with a write-ahead record in a {@link io.drpkit.sdk.resource.StateStore}
 * so that a provider stopped in the middle of a create can still clean up later.
 *
 * <pre>{@code
 * Resource<Dir> dir = Resource.builder("dir", Dir.class).type("directory")
 *     .create(ctx -> new Dir(Files.createDirectories(root.resolve(ctx.targetKey())).toString()))
 *     .destroy(ctx -> removeIfPresent(ctx.state().map(Dir::path)))     // state may be absent
 *     .build();
 * Resource<File> file = Resource.builder("file", File.class).requires("dir")
 *     .create(ctx -> render(ctx.dependency("dir", Dir.class)))
 *     .destroy(ctx -> removeIfPresent(ctx.state().map(File::path)))
 *     .build();
 * ResourceManager<String> resources = ResourceManager.builder()
 *     .resource(dir).resource(file)
 *     .store(new FileStateStore(stateDir))
 *     .build();                        // checks names and the dependency graph here
 * resources.createAll(machineUuid);    // dir, then file; rolled back on failure
 * }</pre>
 *
 * @since 0.1
 */
package io.drpkit.sdk.resource;
