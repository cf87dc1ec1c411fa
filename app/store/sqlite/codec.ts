// Row mapping: each aggregate declares, field by field, how its entity is stored in a row.

export type Row = Record<string, unknown>;
/** How a field is stored: as is, as 0/1, as JSON text, or as JSON text where SQL NULL stands for `undefined`. */
export type Kind = "value" | "bool" | "json" | "optionalJson";
/** Every field of T must say how it is stored, so a new port field cannot be silently dropped. */
export type Fields<T> = { [K in keyof T]-?: Kind };

export interface Codec<T> {
  /** The row to write: `shop` (when given), one column per field, and any derived columns. */
  toRow(value: T, shop?: string): Row;
  fromRow(row: Row): T;
}

/** Shorthand for a field stored as is. */
export const v = "value" as const;

/** Maps an entity to a row whose columns are its fields in snake_case (`readyToShip` → `ready_to_ship`). */
export function codec<T>(fields: Fields<T>, derived?: (value: T) => Row): Codec<T> {
  const columns = Object.entries(fields as Record<string, Kind>).map(([field, kind]) => ({
    field,
    column: field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    kind,
  }));
  return {
    toRow(value, shop) {
      const row: Row = shop === undefined ? {} : { shop };
      for (const { field, column, kind } of columns) {
        const v = (value as Row)[field];
        if (kind === "bool") row[column] = v ? 1 : 0;
        else if (kind === "json") row[column] = JSON.stringify(v ?? null);
        else if (kind === "optionalJson") row[column] = v === undefined ? null : JSON.stringify(v);
        else row[column] = v ?? null;
      }
      return derived ? { ...row, ...derived(value) } : row;
    },
    fromRow(row) {
      const value: Row = {};
      for (const { field, column, kind } of columns) {
        const v = row[column];
        if (kind === "bool") value[field] = v === 1;
        else if (kind === "json") value[field] = JSON.parse(v as string);
        else if (kind === "optionalJson") value[field] = v === null ? undefined : JSON.parse(v as string);
        else value[field] = v;
      }
      return value as T;
    },
  };
}
