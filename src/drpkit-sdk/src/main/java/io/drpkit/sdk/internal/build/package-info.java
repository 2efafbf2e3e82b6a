/**
 * Build-time tools run by the drpkit-maven-plugin (in {@code process-classes}): content and
 * assets bundling. Not API; may change without notice.
 */
package io.drpkit.sdk.internal.build;
