// Every refusal a shopper can meet through /proxy has its message in the four catalogs. The list is read from the
// code: every module the /proxy routes import (transitively) is parsed, and every `new AppError(...)` and
// `saidError(...)` in them is checked — a literal message must be an English catalog string (so the envelope finds
// its key), a message with values must name its key, and anything else must be listed below with its reason.

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CATALOGS, type CopyKey, LOCALES } from "~/concierge/copy";
import { EN } from "~/concierge/copy/en";
import { AppError, messageFor } from "~/platform/errors.server";

const ROOTS = ["app/storefront/routes.server.ts", "app/platform/nodeMount.server.ts"];
/** Modules the node mount also serves that no /proxy call reaches (Shopify's webhooks, staff-only services). */
const NOT_STOREFRONT = [/^app\/services\/webhooks\//, /^app\/services\/privacy\//];
/** Messages not from a catalog key, and why that is right. */
const LOCALISED_AT_SOURCE: Record<string, string> = {
  "returns.ineligible": "the eligibility verdict, already written in the request's language by the concierge",
};

interface Thrown {
  file: string;
  line: number;
  code: string;
  /** The English messages it can carry, and the catalog key it names, if any. */
  messages: string[];
  key?: string;
  dynamic: boolean;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = join("app", spec.slice(2));
  else if (spec.startsWith(".")) base = join(dirname(from), spec);
  else return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(c) && statSync(c).isFile()) return normalize(c);
  }
  return null;
}

/** The string literals an expression can evaluate to (a conditional's branches too); null when not all literals. */
function literals(node: ts.Expression, file: ts.SourceFile): string[] | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression, file);
  if (ts.isConditionalExpression(node)) {
    const a = literals(node.whenTrue, file);
    const b = literals(node.whenFalse, file);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(node)) {
    // A parameter with a literal default (validationError's message).
    let found: string[] | null = null;
    file.forEachChild(function visit(n) {
      if (ts.isParameter(n) && n.name.getText(file) === node.text && n.initializer)
        found = literals(n.initializer, file);
      ts.forEachChild(n, visit);
    });
    return found;
  }
  return null;
}

function keyOf(node: ts.Expression | undefined, file: ts.SourceFile): string | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  const prop = node.properties.find((p) => p.name?.getText(file) === "key");
  return prop && ts.isPropertyAssignment(prop) ? (literals(prop.initializer, file)?.[0] ?? undefined) : undefined;
}

function reachableRefusals(): { files: Set<string>; thrown: Thrown[] } {
  const files = new Set<string>();
  const thrown: Thrown[] = [];
  const stack = [...ROOTS];
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (files.has(path) || NOT_STOREFRONT.some((re) => re.test(path))) continue;
    files.add(path);
    const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    file.forEachChild(function visit(n): void {
      if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) {
        const typeOnly = ts.isImportDeclaration(n) ? n.importClause?.isTypeOnly : n.isTypeOnly;
        const target = typeOnly ? null : resolveImport(path, (n.moduleSpecifier as ts.StringLiteral).text);
        if (target) stack.push(target);
      }
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const arg = n.arguments[0];
        const target = arg && ts.isStringLiteral(arg) ? resolveImport(path, arg.text) : null;
        if (target) stack.push(target);
      }
      const isNew = ts.isNewExpression(n) && n.expression.getText(file) === "AppError";
      const isSaid = ts.isCallExpression(n) && n.expression.getText(file) === "saidError";
      if ((isNew || isSaid) && n.arguments) {
        const [codeArg, , third, , , sixth] = n.arguments;
        const code = literals(codeArg, file)?.[0] ?? codeArg.getText(file);
        const key = isSaid ? keyOf(third, file) : keyOf(sixth, file);
        const messages = isSaid ? [] : (literals(third, file) ?? []);
        // A key passed along (saidError itself, proxyRoute's re-wrap adding headers) was checked where it was named.
        const passedOn = isNew && sixth !== undefined && !ts.isObjectLiteralExpression(sixth);
        if (passedOn) {
          ts.forEachChild(n, visit);
          return;
        }
        const dynamic = !key && !isSaid && literals(third, file) === null;
        const line = file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
        thrown.push({ file: path, line, code, messages, key, dynamic });
      }
      ts.forEachChild(n, visit);
    });
  }
  return { files, thrown };
}

const { files, thrown } = reachableRefusals();
const where = (t: Thrown) => `${t.file}:${t.line} (${t.code})`;

describe("every refusal reachable from /proxy", () => {
  it("is found by walking the /proxy routes' imports (the walk reaches the services they call)", () => {
    expect(files).toContain("app/platform/proxyRoute.server.ts");
    expect(files).toContain("app/services/csat.server.ts");
    const codes = new Set(thrown.map((t) => t.code));
    for (const code of ["csat.already_submitted", "order.not_found", "returns.duplicate", "rate.limited"]) {
      expect(codes).toContain(code);
    }
    expect(codes.size).toBeGreaterThanOrEqual(20);
  });

  it("names a catalog key, or is an English catalog string, or says why it is neither", () => {
    const english = new Set<string>(Object.values(EN));
    const problems: string[] = [];
    for (const t of thrown) {
      if (t.key) {
        if (!Object.hasOwn(EN, t.key)) problems.push(`${where(t)}: no catalog key ${t.key}`);
      } else if (t.dynamic) {
        if (!LOCALISED_AT_SOURCE[t.code]) problems.push(`${where(t)}: a message built at run time names no key`);
      } else {
        for (const m of t.messages) if (!english.has(m)) problems.push(`${where(t)}: not in the catalogs: ${m}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("is answered in %s by the error envelope", (locale) => {
    const untranslated: string[] = [];
    for (const t of thrown.filter((x) => !x.dynamic)) {
      const said = t.key ? { key: t.key as CopyKey } : undefined;
      for (const english of t.key ? [EN[t.key as CopyKey]] : t.messages) {
        const shown = messageFor(new AppError(t.code, 400, english, undefined, undefined, said), { locale });
        const catalog = Object.values(CATALOGS[locale]) as string[];
        if (shown === english || !catalog.includes(shown)) untranslated.push(`${where(t)}: ${shown}`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});

describe("the error envelope's language", () => {
  const refusal = new AppError("csat.already_submitted", 409, EN["csat.already"]);

  it("follows the request's locale, then the shop's primary locale, then English", () => {
    expect(messageFor(refusal, { locale: "de-AT", shopLocale: "fr" })).toBe(CATALOGS.de["csat.already"]);
    expect(messageFor(refusal, { locale: "pt-BR", shopLocale: "fr" })).toBe(CATALOGS.fr["csat.already"]);
    expect(messageFor(refusal, { locale: null, shopLocale: "es-MX" })).toBe(CATALOGS.es["csat.already"]);
    expect(messageFor(refusal, { locale: null, shopLocale: "ja" })).toBe(EN["csat.already"]);
  });

  it("leaves other requests (the admin) and messages not in the catalogs as thrown", () => {
    expect(messageFor(refusal, undefined)).toBe(EN["csat.already"]);
    expect(messageFor(refusal, { shopLocale: "fr" })).toBe(EN["csat.already"]);
    const verdict = new AppError("returns.ineligible", 422, "Le délai de 30 jours pour un retour est dépassé.");
    expect(messageFor(verdict, { locale: "de" })).toBe(verdict.message);
  });

  it("fills a message's values in the caller's language", () => {
    const tooLarge = new AppError("request.too_large", 413, "x", undefined, undefined, {
      key: "error.request.too_large",
      params: { kb: 64 },
    });
    expect(messageFor(tooLarge, { locale: "fr" })).toBe("Le contenu de la demande dépasse 64 Ko.");
  });
});
