/** The data keys of crypto-shredding, as distributed between services ({@code docs/privacy.md}). */
package io.pulseloop.events.privacy;
