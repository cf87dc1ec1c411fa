// Shopify's product CSV export, read: RFC 4180 rows (quoted fields, doubled quotes, line breaks inside quotes), then
// grouped by Handle — the first row of a handle carries the product, later rows add variants (Option values and a
// price) or images (Image Src only). Every problem is reported with its line number and handle. Pure; rows can be
// fed one at a time (`csvRows`, `productCsvReader`) so a caller may pause between them.

import type { SourceProduct, SourceVariant } from "./catalogMapping";

export interface CsvRow {
  /** 1-based line number in the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

const DELIMITER = /[,\r\n]/g;

function newlinesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/**
 * The rows of a CSV text one by one, the header first (blank rows skipped). Fields are cut with indexOf and slice, not
 * built a character at a time: a 5 MB export reads in a fraction of the time, and a caller can pause between rows.
 */
export function* csvRows(text: string): Generator<CsvRow> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's byte-order mark
  const end = source.length;
  let at = 0;
  let line = 1;
  while (at < end) {
    const rowStart = line;
    const cells: string[] = [];
    for (;;) {
      let cell = "";
      // A quote opens a quoted field only at the start of a cell; "" inside it is one quote.
      if (source.charCodeAt(at) === 34) {
        let from = at + 1;
        for (;;) {
          const quote = source.indexOf('"', from);
          if (quote === -1) throw new CsvSyntaxError(rowStart, "a quoted field is never closed");
          cell += source.slice(from, quote);
          if (source.charCodeAt(quote + 1) === 34) {
            cell += '"';
            from = quote + 2;
            continue;
          }
          line += newlinesIn(source, at, quote);
          at = quote + 1;
          break;
        }
      }
      // The unquoted rest of the cell (all of it, for an unquoted cell) runs to the next delimiter.
      DELIMITER.lastIndex = at;
      const found = DELIMITER.exec(source);
      const stop = found ? found.index : end;
      cell += source.slice(at, stop);
      cells.push(cell);
      at = stop;
      if (at >= end) break;
      const c = source.charCodeAt(at);
      at += c === 13 && source.charCodeAt(at + 1) === 10 ? 2 : 1;
      if (c === 44) {
        if (at >= end)
          cells.push(""); // a trailing comma ends with an empty cell
        else continue;
      } else line++;
      break;
    }
    if (cells.some((v) => v !== "")) yield { line: rowStart, cells };
  }
}

/** All rows of a CSV text, the header first. */
export function parseCsv(text: string): CsvRow[] {
  return [...csvRows(text)];
}

export interface RowError {
  line: number;
  handle: string;
  message: string;
}

export interface CsvProducts {
  products: { product: SourceProduct; lines: number[] }[];
  errors: RowError[];
  /** Data rows read (the header excluded). */
  rows: number;
}

const REQUIRED_COLUMNS = ["Handle", "Title", "Variant Price"];
const METAFIELD_COLUMN = /\(product\.metafields\.([\w-]+)\.([\w-]+)\)\s*$/;

function money(value: string): number | null {
  const v = value.trim().replace(/^\$/, "");
  if (v === "") return null;
  return /^\d+(\.\d{1,4})?$/.test(v) ? Number(v) : NaN;
}

export interface ProductCsvReader {
  /** One data row (in file order). */
  add(row: CsvRow): void;
  /** The products whose every row was good, and each problem with its line. */
  finish(): CsvProducts;
}

/**
 * Groups the rows of a Shopify product export into products, row by row; a product with any bad row is left out
 * whole. `header` is the file's first row (undefined for an empty file).
 */
export function productCsvReader(header: CsvRow | undefined, now = new Date()): ProductCsvReader {
  let rows = 0;
  if (!header) {
    return {
      add: () => void rows++,
      finish: () => ({ products: [], errors: [{ line: 1, handle: "", message: "the file is empty" }], rows }),
    };
  }
  const names = header.cells.map((c) => c.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    const message = `not a Shopify product export: missing column(s) ${missing.join(", ")}`;
    return {
      add: () => void rows++,
      finish: () => ({ products: [], errors: [{ line: 1, handle: "", message }], rows }),
    };
  }
  const columns = new Map<string, number>();
  names.forEach((name, index) => {
    if (!columns.has(name)) columns.set(name, index);
  });
  const col = (row: CsvRow, name: string) => {
    const index = columns.get(name);
    return index === undefined ? "" : (row.cells[index] ?? "").trim();
  };
  const metafieldColumns = names
    .map((name, index) => ({ index, match: METAFIELD_COLUMN.exec(name) }))
    .filter((m): m is { index: number; match: RegExpExecArray } => m.match !== null);

  interface Draft {
    product: SourceProduct;
    optionNames: string[];
    lines: number[];
    failed: boolean;
  }
  const drafts = new Map<string, Draft>();
  const errors: RowError[] = [];

  function add(row: CsvRow): void {
    rows++;
    const handle = col(row, "Handle");
    const fail = (message: string) => {
      errors.push({ line: row.line, handle, message });
      const draft = drafts.get(handle);
      if (draft) draft.failed = true;
    };
    if (!handle) {
      fail("Handle is empty");
      return;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(handle)) {
      fail(`Handle "${handle.slice(0, 40)}" may only hold letters, digits and hyphens`);
      return;
    }
    let draft = drafts.get(handle);
    if (!draft) {
      const title = col(row, "Title");
      if (!title) {
        drafts.set(handle, { product: {} as SourceProduct, optionNames: [], lines: [row.line], failed: true });
        fail("Title is required on the first row of a product");
        return;
      }
      const status = col(row, "Status").toLowerCase();
      const published = col(row, "Published").toLowerCase();
      draft = {
        optionNames: [1, 2, 3].map((n) => col(row, `Option${n} Name`)),
        lines: [],
        failed: false,
        product: {
          id: `csv_${handle}`,
          handle,
          title,
          descriptionHtml: col(row, "Body (HTML)"),
          productType: col(row, "Type") || col(row, "Product Category").split(">").pop()?.trim() || "",
          tags: col(row, "Tags")
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean),
          status: status === "draft" || status === "archived" ? status : published === "false" ? "draft" : "active",
          options: [],
          images: [],
          variants: [],
          metafields: Object.fromEntries(
            metafieldColumns
              .map(({ index, match }) => [`${match[1]}.${match[2]}`, (row.cells[index] ?? "").trim()] as const)
              .filter(([, value]) => value !== ""),
          ),
          updatedAt: now.toISOString(),
        },
      };
      drafts.set(handle, draft);
    }
    draft.lines.push(row.line);
    if (draft.failed && draft.lines.length > 1) return;

    const optionValues = [1, 2, 3].map((n) => col(row, `Option${n} Value`));
    const price = money(col(row, "Variant Price"));
    const imageSrc = col(row, "Image Src");
    const isVariant = price !== null || optionValues.some(Boolean) || col(row, "Variant SKU") !== "";
    if (isVariant) {
      if (price === null) {
        fail("Variant Price is required on a variant row");
        return;
      }
      if (Number.isNaN(price)) {
        fail(`Variant Price "${col(row, "Variant Price").slice(0, 20)}" is not a price`);
        return;
      }
      const compareAt = money(col(row, "Variant Compare At Price"));
      if (Number.isNaN(compareAt)) {
        fail("Variant Compare At Price is not a price");
        return;
      }
      const qtyText = col(row, "Variant Inventory Qty");
      const qty = qtyText === "" ? 0 : Number(qtyText);
      if (!Number.isInteger(qty)) {
        fail(`Variant Inventory Qty "${qtyText.slice(0, 20)}" is not a whole number`);
        return;
      }
      const options: Record<string, string> = {};
      draft.optionNames.forEach((name, i) => {
        if (name && optionValues[i]) options[name] = optionValues[i];
      });
      const index = draft.product.variants.length + 1;
      const variant: SourceVariant = {
        id: `csv_${handle}_${index}`,
        title: optionValues.filter(Boolean).join(" / ") || "Default Title",
        price,
        compareAtPrice: compareAt,
        sku: col(row, "Variant SKU") || null,
        options,
        inventory: qty,
        tracked:
          col(row, "Variant Inventory Tracker") === "shopify" && col(row, "Variant Inventory Policy") !== "continue",
        inventoryItemId: null,
      };
      draft.product.variants.push(variant);
    }
    if (imageSrc) {
      if (!/^https?:\/\//i.test(imageSrc)) {
        fail("Image Src must be an http(s) URL");
        return;
      }
      if (!draft.product.images.some((i) => i.url === imageSrc)) {
        draft.product.images.push({ url: imageSrc, alt: col(row, "Image Alt Text") });
      }
    }
    if (!isVariant && !imageSrc) fail("the row has neither a variant (Option values, Variant Price) nor an image");
  }

  function finish(): CsvProducts {
    const products: CsvProducts["products"] = [];
    for (const [handle, draft] of drafts) {
      if (draft.failed) continue;
      if (draft.product.variants.length === 0) {
        errors.push({ line: draft.lines[0], handle, message: "the product has no variant row with a price" });
        continue;
      }
      draft.product.options = draft.optionNames.filter(Boolean).map((name) => ({
        name,
        values: [...new Set(draft.product.variants.map((v) => v.options[name]).filter(Boolean))],
      }));
      products.push({ product: draft.product, lines: draft.lines });
    }
    errors.sort((a, b) => a.line - b.line);
    return { products, errors, rows };
  }

  return { add, finish };
}

/** Groups the rows of a Shopify product export into products; a product with any bad row is left out whole. */
export function productsFromCsv(text: string, now = new Date()): CsvProducts {
  const [header, ...rows] = parseCsv(text);
  const reader = productCsvReader(header, now);
  for (const row of rows) reader.add(row);
  return reader.finish();
}
