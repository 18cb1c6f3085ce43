package org.parkgate.controller.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkgate.api.Said;

/**
 * Head office's database and who reads it: --central, --user and --password-file or
 * PGUSER/PGPASSWORD.
 */
record CentralSource(String url, String user, Optional<String> password) {
  static CentralSource of(String url, String user, String passwordFile, Map<String, String> env)
      throws LedgerSite.BadInput {
    String u = url.startsWith("postgresql://") ? "jdbc:" + url : url;
    if (!u.startsWith("jdbc:postgresql://")) {
      throw new LedgerSite.BadInput(
          Said.of(
              "--central '" + url + "' 不是 PostgreSQL 地址",
              "--central '"
                  + url
                  + "' is not a PostgreSQL URL such as jdbc:postgresql://HOST:5432/DB"));
    }
    String who = user != null ? user : env.get("PGUSER");
    if (who == null || who.isBlank()) {
      throw new LedgerSite.BadInput(
          Said.of("需要 --user 或 PGUSER", "--central needs --user NAME or PGUSER"));
    }
    Optional<String> password = Optional.ofNullable(env.get("PGPASSWORD"));
    if (passwordFile != null) {
      try {
        List<String> lines = Files.readAllLines(Path.of(passwordFile), StandardCharsets.UTF_8);
        password = Optional.of(lines.isEmpty() ? "" : lines.get(0));
      } catch (IOException e) {
        throw new LedgerSite.BadInput(
            Said.of(
                "无法读取密码文件 " + passwordFile, "--password-file " + passwordFile + " cannot be read"));
      }
    }
    return new CentralSource(u, who, password);
  }
}
