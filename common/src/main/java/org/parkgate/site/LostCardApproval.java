package org.parkgate.site;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Role;

/**
 * Who must approve a lost-card release before its fee is asked at the lane (site key {@code
 * lostCard.approval}): nobody, a supervisor, finance, or either of them. Whoever approves, it is
 * never the person who registered the loss.
 */
public enum LostCardApproval {
  NONE(Set.of()),
  SUPERVISOR(Set.of(Role.SUPERVISOR)),
  FINANCE(Set.of(Role.FINANCE)),
  SUPERVISOR_OR_FINANCE(Set.of(Role.SUPERVISOR, Role.FINANCE));

  private final Set<Role> approvers;

  LostCardApproval(Set<Role> approvers) {
    this.approvers = approvers;
  }

  /** Whether a lost-card release waits for someone's approval. */
  public boolean needed() {
    return !approvers.isEmpty();
  }

  /** The roles that may approve or refuse; empty for {@link #NONE}. */
  public Set<Role> approvers() {
    return approvers;
  }

  /** As written in a site file: {@code none}, {@code supervisor-or-finance}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<LostCardApproval> parse(String text) {
    for (LostCardApproval a : values()) {
      if (text != null && a.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
