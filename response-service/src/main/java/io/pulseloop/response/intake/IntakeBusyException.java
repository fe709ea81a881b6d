package io.pulseloop.response.intake;

/** More answers are in flight than {@code max-concurrent-answers}: nothing was stored; retry shortly (503). */
public class IntakeBusyException extends RuntimeException {

    public IntakeBusyException() {
        super("Too many answers are being recorded right now; nothing was stored, please retry in a second");
    }
}
