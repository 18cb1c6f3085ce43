package org.parkgate.controller.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.parkgate.api.Role;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts a controller starts with when its ledger has none: those of a console's {@code
 * users.yaml} from before accounts lived in the controller, taken over once, or else the published
 * demo accounts, so a fresh install can be logged into at once (and says so at every start until
 * their passwords change).
 */
public final class AccountsStart {
  private static final Logger log = LoggerFactory.getLogger(AccountsStart.class);
  private static final Set<String> KEYS = Set.of("username", "name", "role", "password", "demo");

  /** A published demo account: user name, display name, role, password. */
  public record DemoLogin(String username, String displayName, Role role, String password) {}

  public static final List<DemoLogin> DEMO_LOGINS =
      List.of(
          new DemoLogin("cashier1", "Cashier One", Role.CASHIER, "cashier1-demo"),
          new DemoLogin("cashier2", "Cashier Two", Role.CASHIER, "cashier2-demo"),
          new DemoLogin("supervisor1", "Supervisor One", Role.SUPERVISOR, "supervisor1-demo"),
          new DemoLogin("finance1", "Finance One", Role.FINANCE, "finance1-demo"),
          new DemoLogin("admin1", "Admin One", Role.ADMIN, "admin1-demo"));

  private AccountsStart() {}

  /**
   * Fills an empty account list: from {@code oldUsersFile} if it exists, else with the demo
   * accounts. Does nothing when the ledger has accounts.
   *
   * @throws IOException if the old users file cannot be taken over (nothing is recorded then)
   */
  public static void ensure(Ledger ledger, Path oldUsersFile, Instant now) throws IOException {
    Accounts accounts = new Accounts(ledger);
    if (!accounts.none()) {
      return;
    }
    if (oldUsersFile != null && Files.isRegularFile(oldUsersFile)) {
      List<Accounts.Account> imported = read(oldUsersFile, now);
      ledger.atomically(
          () -> {
            for (Accounts.Account a : imported) {
              accounts.add(
                  a.username(),
                  a.displayName(),
                  a.role(),
                  a.passwordHash(),
                  a.demo(),
                  "taken over from " + oldUsersFile.getFileName(),
                  now);
            }
            return null;
          });
      log.info("accounts: {} taken over from {}", imported.size(), oldUsersFile);
      return;
    }
    PasswordHasher hasher = new PasswordHasher();
    ledger.atomically(
        () -> {
          for (DemoLogin d : DEMO_LOGINS) {
            accounts.add(
                d.username(),
                d.displayName(),
                d.role(),
                hasher.hash(d.password()),
                true,
                "demo",
                now);
          }
          return null;
        });
    log.info("accounts: none yet, the demo accounts were added");
  }

  /** The demo accounts still on their published password, for printing at start. */
  public static List<DemoLogin> demoLoginsInUse(Ledger ledger) {
    Accounts accounts = new Accounts(ledger);
    return DEMO_LOGINS.stream()
        .filter(d -> accounts.find(d.username()).map(a -> a.demo() && a.enabled()).orElse(false))
        .toList();
  }

  private static List<Accounts.Account> read(Path file, Instant now) throws IOException {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not readable as YAML: " + e.getMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("users");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IOException(file + ": expected a non-empty 'users:' list");
    }
    java.util.Map<String, Accounts.Account> byName = new java.util.LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Accounts.Account a = account(file + ": users[" + i + "]", list.get(i), now);
      if (byName.put(a.username(), a) != null) {
        throw new IOException(file + ": user '" + a.username() + "' is listed twice");
      }
    }
    return List.copyOf(byName.values());
  }

  private static Accounts.Account account(String where, JsonNode node, Instant now)
      throws IOException {
    if (!node.isObject()) {
      throw new IOException(where + ": expected username, role and password");
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IOException(where + ": unknown key '" + key + "' (known: " + KEYS + ")");
      }
    }
    String username = node.path("username").asText("");
    if (!username.matches("[A-Za-z0-9._-]{1,32}")) {
      throw new IOException(where + ": username must be 1-32 letters, digits, '.', '-' or '_'");
    }
    Role role =
        Role.parse(node.path("role").asText(null))
            .orElseThrow(
                () ->
                    new IOException(
                        where + ": role must be one of cashier, supervisor, finance, admin"));
    String hash = node.path("password").asText("");
    if (!hash.startsWith(PasswordHasher.SCHEME + "$")) {
      throw new IOException(where + ": password must be a " + PasswordHasher.SCHEME + " hash");
    }
    String name = node.path("name").asText(username);
    return new Accounts.Account(
        username,
        name.isBlank() ? username : name,
        role,
        hash,
        node.path("demo").asBoolean(false),
        true,
        false,
        0,
        "upgrade",
        now);
  }
}
