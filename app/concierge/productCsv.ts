// Shopify's product CSV export, read: RFC 4180 rows (quoted fields, doubled quotes, line breaks inside quotes), then
// grouped by Handle — the first row of a handle carries the product, later rows add variants (Option values and a
// price) or images (Image Src only). Every problem is reported with its line number and handle. Pure.

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

/** All rows of a CSV text, the header first. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's byte-order mark
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.some((v) => v !== "")) rows.push({ line: rowStart, cells });
      cells = [];
      cell = "";
      line++;
      rowStart = line;
    } else cell += c;
  }
  if (quoted) throw new CsvSyntaxError(rowStart, "a quoted field is never closed");
  cells.push(cell);
  if (cells.some((v) => v !== "")) rows.push({ line: rowStart, cells });
  return rows;
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

/** Groups the rows of a Shopify product export into products; a product with any bad row is left out whole. */
export function productsFromCsv(text: string, now = new Date()): CsvProducts {
  const [header, ...rows] = parseCsv(text);
  if (!header) return { products: [], errors: [{ line: 1, handle: "", message: "the file is empty" }], rows: 0 };
  const names = header.cells.map((c) => c.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return {
      products: [],
      errors: [
        { line: 1, handle: "", message: `not a Shopify product export: missing column(s) ${missing.join(", ")}` },
      ],
      rows: rows.length,
    };
  }
  const col = (row: CsvRow, name: string) => {
    const index = names.indexOf(name);
    return index < 0 ? "" : (row.cells[index] ?? "").trim();
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

  for (const row of rows) {
    const handle = col(row, "Handle");
    const fail = (message: string) => {
      errors.push({ line: row.line, handle, message });
      const draft = drafts.get(handle);
      if (draft) draft.failed = true;
    };
    if (!handle) {
      fail("Handle is empty");
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(handle)) {
      fail(`Handle "${handle.slice(0, 40)}" may only hold letters, digits and hyphens`);
      continue;
    }
    let draft = drafts.get(handle);
    if (!draft) {
      const title = col(row, "Title");
      if (!title) {
        drafts.set(handle, { product: {} as SourceProduct, optionNames: [], lines: [row.line], failed: true });
        fail("Title is required on the first row of a product");
        continue;
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
    if (draft.failed && draft.lines.length > 1) continue;

    const optionValues = [1, 2, 3].map((n) => col(row, `Option${n} Value`));
    const price = money(col(row, "Variant Price"));
    const imageSrc = col(row, "Image Src");
    const isVariant = price !== null || optionValues.some(Boolean) || col(row, "Variant SKU") !== "";
    if (isVariant) {
      if (price === null) {
        fail("Variant Price is required on a variant row");
        continue;
      }
      if (Number.isNaN(price)) {
        fail(`Variant Price "${col(row, "Variant Price").slice(0, 20)}" is not a price`);
        continue;
      }
      const compareAt = money(col(row, "Variant Compare At Price"));
      if (Number.isNaN(compareAt)) {
        fail("Variant Compare At Price is not a price");
        continue;
      }
      const qtyText = col(row, "Variant Inventory Qty");
      const qty = qtyText === "" ? 0 : Number(qtyText);
      if (!Number.isInteger(qty)) {
        fail(`Variant Inventory Qty "${qtyText.slice(0, 20)}" is not a whole number`);
        continue;
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
        continue;
      }
      if (!draft.product.images.some((i) => i.url === imageSrc)) {
        draft.product.images.push({ url: imageSrc, alt: col(row, "Image Alt Text") });
      }
    }
    if (!isVariant && !imageSrc) fail("the row has neither a variant (Option values, Variant Price) nor an image");
  }

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
  return { products, errors, rows: rows.length };
}
