package org.parkgate.console.http;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.auth.Sessions;
import org.parkgate.console.booth.BoothDesks;
import org.parkgate.console.booth.BrowserHub;

/**
 * What the HTTP side needs from the rest of the console. {@code controller} sends a command over
 * the controller link and completes with its one result; logins go through it. {@code zone} and
 * {@code lanes} are the site's, for the finance page's default period and lane filter.
 */
public record HttpServices(
    String siteName,
    Sessions sessions,
    BrowserHub hub,
    BoothDesks desks,
    Function<ConsoleCommand, CompletableFuture<CommandResult>> controller,
    org.parkgate.site.Language language,
    java.time.ZoneId zone,
    java.util.List<String> lanes) {}
