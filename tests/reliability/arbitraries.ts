// fast-check arbitraries from the endpoints' own zod schemas (through their JSON Schema), plus the ways a caller
// gets them wrong: a field missing or of the wrong type, extra and `$` keys, NUL characters, huge or exotic text.

import fc from "fast-check";
import { z } from "zod";

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
};

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 2_000);
  if (schema.format === "email") {
    // Plain addresses a storefront form sends, and now and then an exotic one RFC 5322 allows.
    const plain = fc
      .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/), fc.stringMatching(/^[a-z0-9-]{1,20}\.[a-z]{2,6}$/))
      .map(([local, domain]) => `${local}@${domain}`);
    return fc
      .oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: fc.emailAddress() })
      .filter((e) => e.length <= max);
  }
  if (schema.format === "date-time") {
    return fc
      .date({ noInvalidDate: true, min: new Date(0), max: new Date(4_000_000_000_000) })
      .map((d) => d.toISOString());
  }
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .map((s) => s.slice(0, max))
      .filter((s) => s.length >= min && new RegExp(schema.pattern!).test(s));
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: "grapheme" }),
  );
}

/** Values the schema accepts (as far as JSON Schema can say: refinements are left to the server). */
export function validFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return fc.oneof(...options.map(validFor));
  switch (schema.type) {
    case "object": {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validFor(value)]));
      if (Object.keys(record).length === 0 && schema.additionalProperties) {
        return fc.dictionary(fc.string({ maxLength: 40 }), validFor(schema.additionalProperties as JsonSchema), {
          maxKeys: 5,
        });
      }
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case "string":
      return stringFor(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case "number": {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e7;
      const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e7;
      if (schema.multipleOf) {
        const step = schema.multipleOf;
        return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((i) => i * step);
      }
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(schema.items ? validFor(schema.items) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 10, 60),
      });
    default:
      return fc.jsonValue();
  }
}

/** Strings a careless or hostile caller sends. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "$where",
    "__proto__",
    "constructor",
    "../../etc/passwd",
    "%00",
    "💍".repeat(300),
  ),
  fc.string({ minLength: 1_000, maxLength: 5_000 }),
  fc.integer().map(String),
);

/** One way of breaking an otherwise valid object. */
function broken(valid: unknown): fc.Arbitrary<unknown> {
  if (!valid || typeof valid !== "object" || Array.isArray(valid)) return fc.anything();
  const keys = Object.keys(valid);
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant("x");
  return fc.oneof(
    key.map((k) => {
      const { [k]: _dropped, ...rest } = valid as Record<string, unknown>;
      return rest;
    }),
    fc.tuple(key, fc.anything()).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(key, nastyString).map(([k, v]) => ({ ...valid, [k]: v })),
    fc
      .tuple(fc.constantFrom("$where", "$gt", "__proto__", "constructor", "a\u0000b"), fc.jsonValue())
      .map(([k, v]) => ({
        ...valid,
        [k]: v,
      })),
    fc.jsonValue().map((v) => ({ ...valid, extra: v })),
  );
}

/** Bodies for an endpoint: mostly valid, often broken in one place, sometimes not even an object. */
export function bodiesFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const valid = validFor(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema);
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: valid.chain(broken) },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.anything() },
  );
}

/** Query parameters for an endpoint, as the key/value pairs of a URL. */
export function queriesFor(schema: z.ZodType | undefined): fc.Arbitrary<[string, string][]> {
  const stranger = fc.array(fc.tuple(nastyString, nastyString), { maxLength: 3 });
  if (!schema) return stranger;
  const valid = validFor(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema).map((v) =>
    Object.entries((v ?? {}) as Record<string, unknown>).map(([k, value]) => [k, String(value)] as [string, string]),
  );
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: fc.tuple(valid, stranger).map(([a, b]) => [...a, ...b]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, nastyString)
        .map(([pairs, value]) =>
          pairs.length > 0 ? [[pairs[0][0], value] as [string, string], ...pairs.slice(1)] : pairs,
        ),
    },
    { weight: 1, arbitrary: stranger },
  );
}
