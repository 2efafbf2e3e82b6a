/**
 * {@code runbook}, the provider that ships with drpkit, built only on the public SDK
 * ({@code ArchitectureTest} checks it). Each feature is the reference use of an SDK part.
 */
package io.drpkit.provider;
