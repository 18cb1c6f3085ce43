package org.parkgate.console.http;

import java.util.concurrent.Executor;
import org.parkgate.console.auth.Authenticator;
import org.parkgate.console.auth.Sessions;
import org.parkgate.console.booth.BrowserHub;
import org.parkgate.console.booth.CashDesk;

/**
 * What the HTTP side needs from the rest of the console. {@code slowWork} runs password checks,
 * which take a tenth of a second on purpose and must not stall an event loop.
 */
public record HttpServices(
    String siteName,
    Sessions sessions,
    Authenticator authenticator,
    BrowserHub hub,
    CashDesk cashDesk,
    Executor slowWork) {}
