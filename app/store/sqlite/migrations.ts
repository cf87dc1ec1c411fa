// Versioned SQLite schema. Append new migrations; never edit one that has shipped (its version is recorded).
// Every table is keyed by shop first: tenant isolation is a property of the keys, not of each query's care.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: /* sql */ `
CREATE TABLE shops (
  shop TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  order_prefix TEXT NOT NULL,
  settings TEXT NOT NULL,
  rollout TEXT NOT NULL,
  installed_at TEXT NOT NULL,
  uninstalled_at TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE staff (
  shop TEXT NOT NULL,
  user_id TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, user_id)
);

CREATE TABLE products (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  handle TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  metal TEXT,
  price REAL NOT NULL,
  compare_at_price REAL,
  ready_to_ship INTEGER NOT NULL,
  featured INTEGER NOT NULL,
  status TEXT NOT NULL,
  tags TEXT NOT NULL,
  images TEXT NOT NULL,
  variants TEXT NOT NULL,
  inventory INTEGER NOT NULL,
  shipping_promise TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX products_handle ON products (shop, handle);
CREATE INDEX products_category_price ON products (shop, category, price);

CREATE TABLE customers (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  email TEXT NOT NULL,
  email_lc TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX customers_email ON customers (shop, email_lc);

CREATE TABLE orders (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  number TEXT NOT NULL,
  name TEXT NOT NULL,
  customer_id TEXT,
  email TEXT NOT NULL,
  email_lc TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  status TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  delivered_at TEXT,
  line_items TEXT NOT NULL,
  fulfillments TEXT NOT NULL,
  status_history TEXT NOT NULL,
  total REAL NOT NULL,
  currency TEXT NOT NULL,
  conversation_id TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX orders_number ON orders (shop, number);
CREATE INDEX orders_customer ON orders (shop, customer_id, placed_at DESC, id DESC);
CREATE INDEX orders_email ON orders (shop, email_lc);

CREATE TABLE conversations (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  customer_id TEXT,
  state TEXT NOT NULL,
  last_intent TEXT,
  outcome TEXT NOT NULL,
  escalated INTEGER NOT NULL,
  rating INTEGER,
  message_count INTEGER NOT NULL,
  unread INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  erased_at TEXT,
  PRIMARY KEY (shop, id)
);
-- The admin list: newest first, keyset-paginated, whatever the filter.
CREATE INDEX conversations_recent ON conversations (shop, updated_at DESC, id DESC);
CREATE INDEX conversations_visitor ON conversations (shop, visitor_id, updated_at DESC, id DESC);
CREATE INDEX conversations_intent ON conversations (shop, last_intent, updated_at DESC, id DESC);
CREATE INDEX conversations_outcome ON conversations (shop, outcome, updated_at DESC, id DESC);
CREATE INDEX conversations_rating ON conversations (shop, rating, updated_at DESC, id DESC);
CREATE INDEX conversations_escalated ON conversations (shop, updated_at DESC, id DESC) WHERE escalated = 1;
CREATE INDEX conversations_started ON conversations (shop, started_at);

-- seq is an explicit rowid so the external-content FTS index can point at rows that VACUUM never renumbers.
CREATE TABLE messages (
  seq INTEGER PRIMARY KEY,
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  role TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  text TEXT NOT NULL,
  intent TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (shop, id),
  FOREIGN KEY (shop, conversation_id) REFERENCES conversations (shop, id) ON DELETE CASCADE
);
CREATE INDEX messages_conversation ON messages (shop, conversation_id, created_at, seq);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
  text,
  content = 'messages',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
  INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
END;

CREATE TABLE tickets (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  number INTEGER NOT NULL,
  conversation_id TEXT,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  -- 0 = high, 1 = normal: the queue's sort key, kept as a column so an index can serve it.
  priority_rank INTEGER NOT NULL,
  topic TEXT NOT NULL,
  contact TEXT NOT NULL,
  notes TEXT,
  preferred_time TEXT,
  assignee TEXT,
  context TEXT NOT NULL,
  internal_notes TEXT NOT NULL,
  events TEXT NOT NULL,
  sla_due_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, id),
  UNIQUE (shop, number)
);
CREATE INDEX tickets_queue ON tickets (shop, priority_rank, sla_due_at, id);
CREATE INDEX tickets_status_queue ON tickets (shop, status, priority_rank, sla_due_at, id);
CREATE INDEX tickets_assignee_queue ON tickets (shop, assignee, priority_rank, sla_due_at, id);
CREATE INDEX tickets_conversation ON tickets (shop, conversation_id);

CREATE TABLE return_requests (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  rma TEXT NOT NULL,
  order_id TEXT NOT NULL,
  order_number TEXT NOT NULL,
  line_item_id TEXT NOT NULL,
  option TEXT NOT NULL,
  reason TEXT NOT NULL,
  new_size REAL,
  status TEXT NOT NULL,
  eligibility TEXT NOT NULL,
  conversation_id TEXT,
  decision_note TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  PRIMARY KEY (shop, id)
);
-- One open request per line item; a declined or completed one frees the item.
CREATE UNIQUE INDEX return_requests_open_item ON return_requests (shop, order_id, line_item_id)
  WHERE status IN ('requested', 'approved');
CREATE INDEX return_requests_item ON return_requests (shop, order_id, line_item_id);
CREATE INDEX return_requests_recent ON return_requests (shop, created_at DESC, id DESC);
CREATE INDEX return_requests_status ON return_requests (shop, status, created_at DESC, id DESC);

CREATE TABLE csat_ratings (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  rating INTEGER NOT NULL,
  comment TEXT,
  intent TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (shop, id),
  UNIQUE (shop, conversation_id)
);
CREATE INDEX csat_ratings_recent ON csat_ratings (shop, created_at DESC, id DESC);

CREATE TABLE faq_entries (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  topic TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  keywords TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);

CREATE TABLE shortlists (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  conversation_id TEXT,
  product_ids TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);

CREATE TABLE analytics_events (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  at TEXT NOT NULL,
  visitor_hash TEXT NOT NULL,
  conversation_id TEXT,
  props TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
-- Covers counts-by-name over a time range without touching the table.
CREATE INDEX analytics_events_at ON analytics_events (shop, at, name);

CREATE TABLE audit_log (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX audit_log_recent ON audit_log (shop, at DESC, id DESC);

CREATE TABLE idempotency_records (
  shop TEXT NOT NULL,
  route TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  response TEXT,
  expires_at INTEGER NOT NULL, -- epoch ms
  PRIMARY KEY (shop, route, key)
);
CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);

CREATE TABLE rate_limit_counters (
  shop TEXT NOT NULL,
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL, -- epoch ms
  reset_at INTEGER NOT NULL, -- epoch ms
  count INTEGER NOT NULL,
  PRIMARY KEY (shop, bucket, key, window_start)
);
CREATE INDEX rate_limit_counters_reset ON rate_limit_counters (reset_at);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  shop TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX sessions_shop ON sessions (shop);

CREATE TABLE sequences (
  shop TEXT NOT NULL,
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (shop, name)
);
`,
  },
  {
    version: 2,
    name: "erase leaves no trace in the search index",
    // "Delete my chat" must not leave the words in FTS segments until the next merge.
    sql: `INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);`,
  },
  // 10–19: the embedded admin.
  {
    version: 10,
    name: "ticket versions for conflict-safe edits",
    sql: `ALTER TABLE tickets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`,
  },
  {
    version: 11,
    name: "leases for jobs shared by several processes",
    // IF NOT EXISTS: the platform's migration 20 creates the same table; whichever runs first makes it.
    sql: /* sql */ `
CREATE TABLE IF NOT EXISTS leases (
  shop TEXT NOT NULL,
  name TEXT NOT NULL,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL, -- epoch ms
  PRIMARY KEY (shop, name)
);`,
  },
  {
    version: 12,
    name: "hourly storefront request stats",
    sql: /* sql */ `
CREATE TABLE request_stats (
  shop TEXT NOT NULL,
  hour TEXT NOT NULL,
  requests INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  latency TEXT NOT NULL, -- JSON array of bucket counts
  PRIMARY KEY (shop, hour)
);`,
  },
  {
    version: 13,
    name: "indexes for the admin overview and the ticket desk",
    sql: /* sql */ `
-- Covers the overview's per-day counts without reading conversation rows.
CREATE INDEX conversations_report ON conversations (shop, started_at, escalated, outcome, last_intent);
CREATE INDEX csat_ratings_report ON csat_ratings (shop, created_at, rating);
CREATE INDEX orders_attributed ON orders (shop, placed_at, total) WHERE conversation_id IS NOT NULL;
CREATE INDEX audit_log_action ON audit_log (shop, action, at DESC, id DESC);`,
  },
  {
    version: 14,
    name: "audit entries say why",
    sql: `ALTER TABLE audit_log ADD COLUMN reason TEXT;`,
  },
  {
    version: 15,
    name: "covering index for ranking full-text search matches",
    // A search probes each matching conversation by id; this index answers the probe, the admin's filters and the
    // newest-first order without reading conversation rows (a two-word search at 100k conversations: 46 → 15 ms).
    sql: `CREATE INDEX conversations_search ON conversations (shop, id, updated_at, last_intent, outcome, escalated, rating, started_at);`,
  },
  {
    version: 20,
    name: "platform: job queue, leases, sync progress, data requests",
    sql: /* sql */ `
CREATE TABLE jobs (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'dead')),
  attempts INTEGER NOT NULL,
  run_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_expires_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
-- A redelivered webhook carries the same id: the key makes the second enqueue a no-op.
CREATE UNIQUE INDEX jobs_key ON jobs (shop, key) WHERE key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX jobs_finished ON jobs (updated_at) WHERE status IN ('done', 'dead');
CREATE INDEX jobs_kind ON jobs (shop, kind, status);

-- The same table the admin's guarded-rollout job uses (IF NOT EXISTS: either branch may have created it).
CREATE TABLE IF NOT EXISTS leases (
  shop TEXT NOT NULL,
  name TEXT NOT NULL,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL, -- epoch ms
  PRIMARY KEY (shop, name)
);

CREATE TABLE sync_progress (
  shop TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  status TEXT NOT NULL,
  phase TEXT NOT NULL,
  cursor TEXT,
  counts TEXT NOT NULL,
  orders_since TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  updated_at TEXT NOT NULL,
  last_error TEXT
);

CREATE TABLE data_requests (
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  customer_id TEXT,
  email TEXT,
  email_lc TEXT,
  phone TEXT,
  orders_requested TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX data_requests_recent ON data_requests (shop, requested_at DESC, id DESC);

-- The mapping's own verdict on ready-to-ship, kept so stock changes can recompute readyToShip (JSON; NULL = unknown).
ALTER TABLE products ADD COLUMN ready_to_ship_mapped TEXT;
`,
  },
  {
    version: 30,
    name: "catalog versions for in-memory indexes; a readiness write probe",
    // Triggers, not adapter code, bump the version: every writer (webhooks, imports, the CLI, raw SQL) is seen.
    // A random token rather than a counter, so a purged and re-created catalog never repeats a cached version.
    sql: /* sql */ `
CREATE TABLE catalog_versions (
  shop TEXT PRIMARY KEY,
  version TEXT NOT NULL
);
CREATE TRIGGER products_catalog_insert AFTER INSERT ON products BEGIN
  INSERT INTO catalog_versions (shop, version) VALUES (NEW.shop, hex(randomblob(8)))
    ON CONFLICT (shop) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER products_catalog_update AFTER UPDATE ON products BEGIN
  INSERT INTO catalog_versions (shop, version) VALUES (OLD.shop, hex(randomblob(8)))
    ON CONFLICT (shop) DO UPDATE SET version = excluded.version;
  INSERT INTO catalog_versions (shop, version) VALUES (NEW.shop, hex(randomblob(8)))
    ON CONFLICT (shop) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER products_catalog_delete AFTER DELETE ON products BEGIN
  INSERT INTO catalog_versions (shop, version) VALUES (OLD.shop, hex(randomblob(8)))
    ON CONFLICT (shop) DO UPDATE SET version = excluded.version;
END;

CREATE TABLE store_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);
`,
  },
  // 65–69: the storefront hot path (ADR 0008).
  {
    version: 65,
    name: "message text indexed for search in batches, not in every turn's commit",
    // Rows up to \`upto\` are in messages_fts; newer ones are indexed by the store in batches (./searchIndex). The
    // triggers keep the indexed rows exact: a 'delete' for a row never indexed would corrupt an external-content
    // index, and a row inserted at or below the mark (a reused rowid) is indexed at once.
    sql: /* sql */ `
CREATE TABLE messages_fts_progress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  upto INTEGER NOT NULL
);
INSERT INTO messages_fts_progress (id, upto) SELECT 1, coalesce(max(seq), 0) FROM messages;
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
  WHEN new.seq <= (SELECT upto FROM messages_fts_progress) BEGIN
  INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
  WHEN old.seq <= (SELECT upto FROM messages_fts_progress) BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
  WHEN old.seq <= (SELECT upto FROM messages_fts_progress) BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
  INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
END;
`,
  },
  // 70–74: the storefront hot path, third round (ADR 0008).
  {
    version: 70,
    name: "a turn's conversation update moves fewer index entries",
    // Every turn changes updated_at: each index carrying it moved an entry (a WAL page each). The admin's filters
    // now read one covering newest-first index; a visitor's conversations are few, so their order needs no index.
    sql: /* sql */ `
DROP INDEX conversations_intent;
DROP INDEX conversations_outcome;
DROP INDEX conversations_rating;
-- (shop, started_at) is the leading part of conversations_report.
DROP INDEX conversations_started;
DROP INDEX conversations_visitor;
CREATE INDEX conversations_visitor ON conversations (shop, visitor_id);
DROP INDEX conversations_recent;
CREATE INDEX conversations_recent ON conversations (shop, updated_at DESC, id DESC, last_intent, outcome, rating);
`,
  },
];

/** Every table holding shop data, for `shops.purge` (messages before conversations: the FK points that way). */
export const SHOP_TABLES = [
  "messages",
  "conversations",
  "staff",
  "products",
  "catalog_versions",
  "customers",
  "orders",
  "tickets",
  "return_requests",
  "csat_ratings",
  "faq_entries",
  "shortlists",
  "analytics_events",
  "audit_log",
  "idempotency_records",
  "rate_limit_counters",
  "sessions",
  "sequences",
  "leases",
  "request_stats",
  "sync_progress",
  "data_requests",
  "shops",
] as const;
