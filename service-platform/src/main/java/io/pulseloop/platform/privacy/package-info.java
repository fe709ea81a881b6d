/**
 * Crypto-shredding of contacts' personal data in events (issue 11 #4, {@code docs/privacy.md}): a service that
 * publishes a contact's personal data seals each such field with that contact's data key
 * ({@link io.pulseloop.platform.privacy.PersonalDataSealer}); readers open it
 * ({@link io.pulseloop.platform.privacy.PersonalDataOpener}); erasure destroys the key, so every copy of the field in
 * every log becomes unreadable while the records themselves stay replayable.
 */
package io.pulseloop.platform.privacy;
