package org.parkgate.controller.command;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.Logout;
import org.parkgate.api.ConsoleCommand.UnlockUser;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.LoginThrottle;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.auth.SessionTable;
import org.parkgate.controller.ledger.Accounts;

/** What a person does with sessions and accounts from a console. */
final class AccountCommands {
  private AccountCommands() {}

  /** Ends the session; not kept (a repeated logout simply finds no session). */
  static final class End implements CommandHandler<Logout> {
    private final SessionTable sessions;

    End(SessionTable sessions) {
      this.sessions = sessions;
    }

    @Override
    public Class<Logout> type() {
      return Logout.class;
    }

    @Override
    public Set<Role> roles() {
      return EnumSet.allOf(Role.class);
    }

    @Override
    public boolean kept() {
      return false;
    }

    @Override
    public Decision handle(Logout cmd, Session actor, Instant now) {
      sessions.end(actor.token());
      return Decision.done(cmd, new Answer.LoggedOut(actor.username()));
    }
  }

  /** A supervisor or admin lets an account locked after wrong passwords log in again. */
  static final class Unlock implements CommandHandler<UnlockUser> {
    private final Accounts accounts;
    private final LoginThrottle throttle;

    Unlock(Accounts accounts, LoginThrottle throttle) {
      this.accounts = accounts;
      this.throttle = throttle;
    }

    @Override
    public Class<UnlockUser> type() {
      return UnlockUser.class;
    }

    @Override
    public Set<Role> roles() {
      return Set.of(Role.SUPERVISOR, Role.ADMIN);
    }

    @Override
    public Decision handle(UnlockUser cmd, Session actor, Instant now) {
      Optional<Accounts.Account> account =
          cmd.username() == null ? Optional.empty() : accounts.find(cmd.username());
      if (account.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of("没有用户 '" + cmd.username() + "'", "no user '" + cmd.username() + "'"));
      }
      if (!account.get().locked()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(cmd.username() + " 的账户未锁定", cmd.username() + " is not locked"));
      }
      accounts.change(
          cmd.username(),
          Accounts.Action.UNLOCK,
          a -> a.withLocked(false),
          actor.username(),
          "unlocked from console " + actor.consoleId(),
          now);
      throttle.reset(cmd.username());
      return Decision.done(cmd, new Answer.Unlocked(cmd.username(), actor.username()));
    }
  }
}
