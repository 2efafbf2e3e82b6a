/**
 * DRP's wire models (spec §5): immutable values that serialize with DRP's exact PascalCase member
 * names, in DRP's member order, zero values included. Decoding accepts any letter case and
 * ignores unknown members.
 *
 * @since 0.1
 */
package io.drpkit.sdk.model;
