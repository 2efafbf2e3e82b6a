/**
 * The drpkit Maven plugin: {@code drpkit:bundle} ({@link io.drpkit.maven.BundleMojo}) and
 * {@code drpkit:executable} ({@link io.drpkit.maven.ExecutableMojo}). A provider's pom needs
 * nothing else of drpkit's build: no copied stub, no internal class.
 *
 * @since 0.1
 */
package io.drpkit.maven;
