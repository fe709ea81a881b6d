package io.pulseloop.analytics.signals.rules;

import java.util.List;

import io.pulseloop.events.signal.SignalEvent;

/** The new state of the contact and of the account after an answer, and the signals to publish (maybe none). */
public record Evaluation(ContactSignals contact, AccountSignals account, List<SignalEvent> signals) {
}
