package org.parkgate.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's accounts, kept in a small YAML file (see docs/console.md). When the file does not
 * exist the demo accounts are written to it, so a fresh install can be signed into at once.
 */
public final class UserStore {
  private static final Logger log = LoggerFactory.getLogger(UserStore.class);
  private static final Set<String> KEYS = Set.of("username", "name", "role", "password", "demo");

  /** The published demo accounts: user name, display name, role, password. */
  public static final List<DemoLogin> DEMO_LOGINS =
      List.of(
          new DemoLogin("cashier1", "Cashier One", Role.CASHIER, "cashier1-demo"),
          new DemoLogin("cashier2", "Cashier Two", Role.CASHIER, "cashier2-demo"),
          new DemoLogin("supervisor1", "Supervisor One", Role.SUPERVISOR, "supervisor1-demo"),
          new DemoLogin("finance1", "Finance One", Role.FINANCE, "finance1-demo"),
          new DemoLogin("admin1", "Admin One", Role.ADMIN, "admin1-demo"));

  private final Map<String, UserAccount> users;

  private UserStore(Map<String, UserAccount> users) {
    this.users = Map.copyOf(users);
  }

  public static UserStore of(List<UserAccount> accounts) {
    Map<String, UserAccount> byName = new LinkedHashMap<>();
    accounts.forEach(a -> byName.put(a.username(), a));
    return new UserStore(byName);
  }

  /** Loads the file, first writing the demo accounts into it when it does not exist. */
  public static UserStore loadOrCreate(Path file, PasswordHasher hasher) throws IOException {
    if (!Files.exists(file)) {
      writeDemo(file, hasher);
      log.info("users: no user file, wrote the demo accounts to {}", file);
    }
    return load(file);
  }

  public static UserStore load(Path file) throws IOException {
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
    Map<String, UserAccount> byName = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      UserAccount account = account(file, i, list.get(i));
      if (byName.put(account.username(), account) != null) {
        throw new IOException(
            file + ": users[" + i + "]: user '" + account.username() + "' is listed twice");
      }
    }
    return new UserStore(byName);
  }

  private static UserAccount account(Path file, int i, JsonNode node) throws IOException {
    String where = file + ": users[" + i + "]";
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
      throw new IOException(
          where
              + ": password must be a "
              + PasswordHasher.SCHEME
              + " hash (make one with: java -jar cashier-console.jar --hash-password)");
    }
    return new UserAccount(
        username,
        node.path("name").asText(username),
        role,
        hash,
        node.path("demo").asBoolean(false));
  }

  private static void writeDemo(Path file, PasswordHasher hasher) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# cashier-console accounts. Passwords are PBKDF2 hashes; make one with\n")
        .append("#   java -jar cashier-console/target/cashier-console.jar --hash-password\n")
        .append("# and remove 'demo: true' once an account no longer uses its demo password.\n")
        .append("users:\n");
    for (DemoLogin d : DEMO_LOGINS) {
      yaml.append("  - username: ")
          .append(d.username())
          .append('\n')
          .append("    name: ")
          .append(d.displayName())
          .append('\n')
          .append("    role: ")
          .append(d.role().name().toLowerCase(java.util.Locale.ROOT))
          .append('\n')
          .append("    password: \"")
          .append(hasher.hash(d.password()))
          .append("\"\n")
          .append("    demo: true\n");
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Written aside then moved, so a crash never leaves half a user file behind.
    Path tmp = Files.createTempFile(dir, "users", ".tmp");
    Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  public Optional<UserAccount> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  public List<UserAccount> all() {
    return new ArrayList<>(users.values());
  }

  /** The demo accounts in this store that still carry their published password, for printing. */
  public List<DemoLogin> demoLoginsInUse() {
    return DEMO_LOGINS.stream()
        .filter(d -> find(d.username()).map(UserAccount::demo).orElse(false))
        .toList();
  }

  public record DemoLogin(String username, String displayName, Role role, String password) {}
}
