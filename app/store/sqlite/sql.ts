// The SQL toolkit every repository shares: cached prepared statements, WHERE builders, keyset pages and the
// translation of constraint violations into the port's errors.

import type Database from "better-sqlite3";
import { decodeCursor, encodeCursor, InvalidCursorError, type CursorKey } from "../cursor";
import { DuplicateError, pageLimit, type Page, type PageRequest } from "../port";
import type { Codec, Row } from "./codec";
import type { Committer } from "./commit";

export type Db = Database.Database;

/** A WHERE clause built from a filter's shape; the same shape always yields the same SQL (one prepared statement). */
export function conditions(first: string, ...params: unknown[]) {
  const clauses = [first];
  const values = [...params];
  return {
    add(clause: string, ...more: unknown[]): void {
      clauses.push(clause);
      values.push(...more);
    },
    sql: (): string => clauses.join(" AND "),
    params: values,
  };
}
export type Conditions = ReturnType<typeof conditions>;

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Runs a write, turning a uniqueness violation into the port's DuplicateError. */
export function unique<T>(entity: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError(entity);
    throw error;
  }
}

/** Decodes a cursor and checks each position's type, so a forged cursor is refused, not half-applied. */
export function cursorKey(page: PageRequest | undefined, types: ("string" | "number")[]): CursorKey | null {
  const key = decodeCursor(page?.cursor, types.length);
  if (key && key.some((v, i) => typeof v !== types[i])) throw new InvalidCursorError();
  return key;
}

/** `rows` was fetched with limit + 1: the extra row only says whether there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => CursorKey): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: more && last ? encodeCursor(key(last)) : null };
}

/** Drops keys whose value is undefined, so `{ rating: undefined }` in a patch leaves the rating alone. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Rows of one person, by customer id or (case-insensitive, `email_lc`) email: the SQL and its parameters. */
export function customerOrEmail(customerId: string | null, email: string | null): { sql: string; params: unknown[] } {
  return {
    sql: "((? IS NOT NULL AND customer_id = ?) OR (? IS NOT NULL AND email_lc = ?))",
    params: [customerId, customerId, email, email === null ? null : normalizeEmail(email)],
  };
}

// Positional parameters, bound from the row's values in column order (cheaper than looking each name up).
function upsertSql(table: string, columns: string[], key: string[]): string {
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ` +
    `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${updates.join(", ")}`
  );
}

function insertSql(table: string, columns: string[], verb = "INSERT"): string {
  return `${verb} INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

/** One connection's statements and helpers, shared by every repository of the store. */
export interface Sql {
  readonly db: Db;
  /** A durable write: group-committed with the other writes of this tick (see ./commit). */
  write: Committer["write"];
  /** Durable writes queued and not yet committed. */
  pending: Committer["pending"];
  one(source: string, ...params: unknown[]): Row | undefined;
  all(source: string, ...params: unknown[]): Row[];
  run(source: string, ...params: unknown[]): Database.RunResult;
  upsert(table: string, key: string[], row: Row): void;
  insert(table: string, row: Row, verb?: string): void;
  /** The entity of a row, or null when there is none. */
  maybe<T>(codec: Codec<T>, row: Row | undefined): T | null;
  /** `SELECT *` of one row of `table` by (shop, id). */
  byId(table: string): string;
  /** Newest-first keyset page over `table` by (timeColumn desc, id desc). */
  newestFirst<T>(
    table: string,
    timeColumn: string,
    where: Conditions,
    page: PageRequest | undefined,
    codec: Codec<T>,
  ): Page<T>;
  /** Next value of a per-shop sequence, atomically. */
  nextSequence(shop: string, name: string): number;
}

export function sqlToolkit(db: Db, committer: Committer): Sql {
  // Every statement, fixed or built from a filter's shape, is prepared once and reused.
  const statements = new Map<string, Database.Statement>();
  const sql = (source: string): Database.Statement => {
    let statement = statements.get(source);
    if (!statement) {
      statement = db.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
  const one = (source: string, ...params: unknown[]) => sql(source).get(...params) as Row | undefined;
  const all = (source: string, ...params: unknown[]) => sql(source).all(...params) as Row[];
  const run = (source: string, ...params: unknown[]) => sql(source).run(...params);
  // The SQL of an insert or upsert, by table and column list: built once, not on every write.
  const shaped = new Map<string, string>();
  const shapedSql = (kind: string, table: string, columns: string[], build: () => string): string => {
    const key = `${kind}\u0000${table}\u0000${columns.join()}`;
    let source = shaped.get(key);
    if (source === undefined) {
      source = build();
      shaped.set(key, source);
    }
    return source;
  };
  return {
    db,
    write: committer.write,
    pending: committer.pending,
    one,
    all,
    run,
    upsert(table, key, row) {
      const columns = Object.keys(row);
      run(shapedSql(`upsert ${key.join()}`, table, columns, () => upsertSql(table, columns, key)), ...Object.values(row));
    },
    insert(table, row, verb) {
      const columns = Object.keys(row);
      run(shapedSql(verb ?? "INSERT", table, columns, () => insertSql(table, columns, verb)), ...Object.values(row));
    },
    maybe: (codec, row) => (row ? codec.fromRow(row) : null),
    byId: (table) => `SELECT * FROM ${table} WHERE shop = ? AND id = ?`,
    newestFirst(table, timeColumn, where, page, codec) {
      const limit = pageLimit(page);
      const after = cursorKey(page, ["string", "string"]);
      if (after) where.add(`(${timeColumn}, id) < (?, ?)`, after[0], after[1]);
      const found = all(
        `SELECT * FROM ${table} WHERE ${where.sql()} ORDER BY ${timeColumn} DESC, id DESC LIMIT ?`,
        ...where.params,
        limit + 1,
      );
      return toPage(found, limit, codec.fromRow, (r) => [r[timeColumn] as string, r.id as string]);
    },
    nextSequence: (shop, name) =>
      one(
        "INSERT INTO sequences (shop, name, value) VALUES (?, ?, 1) " +
          "ON CONFLICT (shop, name) DO UPDATE SET value = value + 1 RETURNING value",
        shop,
        name,
      )!.value as number,
  };
}
