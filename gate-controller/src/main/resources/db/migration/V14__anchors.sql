-- Signed anchors: the chain head signed with the site's Ed25519 key at each shift close, Z-report
-- and periodically. The private key lives outside this file; the public key that verifies each
-- signature is kept with it, and an auditor checks it against the one they hold.

CREATE TABLE anchors (
  anchor_no   INTEGER PRIMARY KEY,       -- 1, 2, 3, ...
  chain_link  INTEGER NOT NULL,          -- the head signed: its link and hash
  chain_head  TEXT    NOT NULL,
  reason      TEXT    NOT NULL,          -- shift-close, z-report, periodic, start
  public_key  TEXT    NOT NULL,          -- the site key, X.509 in base64
  signature   TEXT    NOT NULL,          -- Ed25519 over the anchor's signed text, base64
  signed_at   TEXT    NOT NULL
);

CREATE TRIGGER anchors_no_update BEFORE UPDATE ON anchors BEGIN SELECT RAISE(ABORT, 'ledger is append-only: signed anchors cannot be changed'); END;
CREATE TRIGGER anchors_no_delete BEFORE DELETE ON anchors BEGIN SELECT RAISE(ABORT, 'ledger is append-only: signed anchors cannot be deleted'); END;
