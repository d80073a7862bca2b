package dev.streamz.hazelcast.internal;

import java.io.Serial;

/**
 * A user function's failure on a member, carried back to the local graph. It copies the message, the
 * class name and the stack trace of what was thrown rather than holding it: a user's exception need not
 * be serializable.
 */
public final class RemoteFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the step and the member
     * @param cause what the user function threw; only its description and stack trace are kept
     */
    public RemoteFailure(String message, Throwable cause) {
        super(message + ": " + cause, null, false, true);
        setStackTrace(cause.getStackTrace());
    }
}
