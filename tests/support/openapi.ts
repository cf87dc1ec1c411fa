// The OpenAPI document (Docs/api/concierge-openapi.yaml), loaded and dereferenced once, and a checker that
// validates a real response body against the schema the document gives for that operation and status.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const OPENAPI_PATH = join(process.cwd(), "Docs/api/concierge-openapi.yaml");

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type JsonSchema = Record<string, unknown>;

interface MediaType {
  schema?: JsonSchema;
}

interface ResponseObject {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface ParameterObject {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

type PathItem = Partial<Record<(typeof HTTP_METHODS)[number], OperationObject>> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The YAML as written (with its $refs), parsed fresh on every call so callers may hand it to tools that mutate. */
export function rawSpec(): OpenApiDocument {
  return parse(readFileSync(OPENAPI_PATH, "utf8")) as OpenApiDocument;
}

// Loaded and dereferenced once per test file (module instance).
const spec = (await SwaggerParser.dereference(rawSpec() as never)) as unknown as OpenApiDocument;

/** The dereferenced document. */
export function dereferencedSpec(): OpenApiDocument {
  return spec;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

export function documentedOperations(): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) out.push({ method: method.toUpperCase(), path });
    }
  }
  return out;
}

function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** The documented path template a concrete path belongs to ("/proxy/conversations/conv_x" → "/proxy/conversations/{id}"). */
export function matchPath(path: string): string | null {
  const bare = path.split("?")[0].replace(/\/+$/, "") || "/";
  if (spec.paths[bare]) return bare;
  const templated = Object.keys(spec.paths).filter((p) => p.includes("{") && templateRegex(p).test(bare));
  // The most specific template (most literal characters) wins.
  templated.sort((a, b) => b.replace(/\{[^}]+\}/g, "").length - a.replace(/\{[^}]+\}/g, "").length);
  return templated[0] ?? null;
}

export function findOperation(
  method: string,
  path: string,
): { template: string; operation: OperationObject; pathItem: PathItem } {
  const template = matchPath(path);
  if (!template) throw new Error(`OpenAPI: no documented path matches ${path}`);
  const pathItem = spec.paths[template];
  const operation = pathItem[method.toLowerCase() as (typeof HTTP_METHODS)[number]];
  if (!operation) throw new Error(`OpenAPI: ${method.toUpperCase()} ${template} is not documented`);
  return { template, operation, pathItem };
}

/** Path-level and operation-level parameters together (operation-level wins on the same name + location). */
export function operationParameters(method: string, path: string): ParameterObject[] {
  const { operation, pathItem } = findOperation(method, path);
  const byKey = new Map<string, ParameterObject>();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])])
    byKey.set(`${p.in}:${p.name.toLowerCase()}`, p);
  return [...byKey.values()];
}

function responseFor(operation: OperationObject, status: number): { key: string; response: ResponseObject } | null {
  for (const key of [String(status), `${Math.floor(status / 100)}XX`, "default"]) {
    const response = operation.responses[key];
    if (response) return { key, response };
  }
  return null;
}

function pickContent(
  content: Record<string, MediaType>,
  body: unknown,
  contentType?: string,
): [string, MediaType] | null {
  const entries = Object.entries(content);
  if (contentType) {
    const wanted = contentType.split(";")[0].trim().toLowerCase();
    const hit = entries.find(([type]) => type.split(";")[0].trim().toLowerCase() === wanted);
    if (hit) return hit;
  }
  const json = entries.find(([type]) => /^application\/(.+\+)?json/i.test(type));
  const text = entries.find(([type]) => /^text\//i.test(type));
  if (typeof body === "string" && text) return text;
  return json ?? text ?? entries[0] ?? null;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `  - ${e.instancePath || "(root)"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)
    .join("\n");
}

/**
 * Validates `body` against the response schema the document gives for `method path` and `status` (or `default`).
 * Throws an Error listing the validation errors when it does not match, or when nothing is documented for it.
 */
export function expectResponseMatchesSpec(
  method: string,
  path: string,
  status: number,
  body: unknown,
  contentType?: string,
): void {
  const { template, operation } = findOperation(method, path);
  const found = responseFor(operation, status);
  const label = `${method.toUpperCase()} ${template} → ${status}`;
  if (!found) throw new Error(`OpenAPI: ${label} is not documented (no ${status} and no default response)`);
  const content = found.response.content;
  if (!content) {
    if (body === undefined || body === null || body === "") return;
    throw new Error(`OpenAPI: ${label} documents no body, but one was returned: ${JSON.stringify(body).slice(0, 500)}`);
  }
  const picked = pickContent(content, body, contentType);
  if (!picked) throw new Error(`OpenAPI: ${label} documents no usable content type`);
  const [mediaType, media] = picked;
  if (!media.schema) return;
  const cacheKey = `${method.toUpperCase()} ${template} ${found.key} ${mediaType}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(media.schema);
    validators.set(cacheKey, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `OpenAPI: the ${mediaType} body of ${label} (documented as "${found.key}") does not match the document:\n` +
        `${formatErrors(validate.errors)}\nbody: ${JSON.stringify(body, null, 2).slice(0, 4000)}`,
    );
  }
}
