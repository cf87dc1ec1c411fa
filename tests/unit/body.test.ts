// Request bodies: JSON only, size-capped, no `$` keys, no NUL characters, bounded nesting — all 4xx, never a crash.

import { describe, expect, it } from "vitest";
import {
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  findDollarKey,
  inspectJson,
  parseJsonBody,
  readRawBody,
} from "~/platform/body.server";
import { AppError } from "~/platform/errors.server";

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

async function refusalAsync(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("findDollarKey", () => {
  it("finds $ keys at the top level and nested in objects and arrays, with their path", () => {
    expect(findDollarKey({ visitorId: "v", text: "x", $where: "1" })).toBe("$where");
    expect(findDollarKey({ contact: { $gt: "" } })).toBe("contact.$gt");
    expect(findDollarKey({ a: [{ b: 1 }, { c: { $set: 1 } }] })).toBe("a.1.c.$set");
  });

  it("ignores $ in values and keys that only contain it later", () => {
    expect(findDollarKey({ text: "$where", price: "$100", a$b: 1, list: ["$gt"] })).toBeNull();
    expect(findDollarKey(null)).toBeNull();
    expect(findDollarKey("$where")).toBeNull();
    expect(findDollarKey(42)).toBeNull();
  });

  it("walks very deep input without overflowing the stack", () => {
    let deep: unknown = { $x: 1 };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findDollarKey(deep)).toMatch(/\$x$/);
  });
});

describe("inspectJson", () => {
  it("reports NUL characters in strings and keys", () => {
    expect(inspectJson({ text: "hi\u0000" })).toMatchObject({ path: "text" });
    expect(inspectJson({ ["a\u0000b"]: 1 })).toMatchObject({ message: expect.stringContaining("NUL") });
    expect(inspectJson({ list: ["ok", "no\u0000"] })).toMatchObject({ path: "list.1" });
  });

  it("reports nesting deeper than the limit, and allows it up to the limit", () => {
    const nest = (levels: number) => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = { a: v };
      return v;
    };
    expect(inspectJson(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(inspectJson(nest(MAX_JSON_DEPTH + 1))).toMatchObject({ message: expect.stringContaining("nested") });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectJson(deep)).not.toBeNull();
  });

  it("accepts ordinary bodies, unicode included", () => {
    expect(
      inspectJson({
        visitorId: "v1",
        text: "💍 ça coûte combien? 指輪",
        action: { type: "search", filters: { metal: "gold" } },
      }),
    ).toBeNull();
  });
});

describe("parseJsonBody", () => {
  it("parses a JSON object with or without a JSON content type", () => {
    expect(parseJsonBody('{"a":1}', "application/json")).toEqual({ a: 1 });
    expect(parseJsonBody('{"a":1}', "application/json; charset=utf-8")).toEqual({ a: 1 });
    expect(parseJsonBody('{"a":1}', "application/vnd.api+json")).toEqual({ a: 1 });
    expect(parseJsonBody('{"a":1}', null)).toEqual({ a: 1 });
  });

  it("refuses other content types with 415", () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/json",
    ]) {
      expect(refusal(() => parseJsonBody('{"a":1}', type))).toMatchObject({
        status: 415,
        code: "request.unsupported_media_type",
      });
    }
  });

  it("refuses malformed JSON with 400 request.malformed_json", () => {
    for (const raw of ['{"a":', "{'a':1}", '{"a":1,}', "NaN", "undefined", "\uFEFF{}"]) {
      expect(
        refusal(() => parseJsonBody(raw, "application/json")),
        raw,
      ).toMatchObject({ status: 400, code: "request.malformed_json" });
    }
  });

  it("refuses an empty body, $ keys, NUL characters and deep nesting with 400 validation.failed and issues", () => {
    const cases = [
      "",
      "   ",
      '{"visitorId":"v","text":"x","$where":"1"}',
      '{"contact":{"$gt":""}}',
      '{"text":"a\\u0000b"}',
      "[".repeat(5000) + "]".repeat(5000),
    ];
    for (const raw of cases) {
      const error = refusal(() => parseJsonBody(raw, "application/json"));
      expect(error.status).toBe(400);
      expect(error.code).toBe("validation.failed");
      expect((error.details?.issues as unknown[]).length).toBeGreaterThan(0);
    }
    expect(refusal(() => parseJsonBody('{"contact":{"$gt":""}}', null)).details).toEqual({
      issues: [{ path: "contact.$gt", message: "keys starting with $ are not allowed" }],
    });
  });

  it("leaves the shape to the schemas: arrays and scalars parse", () => {
    expect(parseJsonBody("[1,2]", "application/json")).toEqual([1, 2]);
    expect(parseJsonBody('"s"', "application/json")).toBe("s");
    expect(parseJsonBody("null", "application/json")).toBeNull();
  });
});

describe("readRawBody", () => {
  const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
    new Request("http://localhost/proxy/messages", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads a body up to the cap", async () => {
    expect(await readRawBody(post('{"a":"é"}'))).toBe('{"a":"é"}');
    expect(await readRawBody(post("x".repeat(MAX_BODY_BYTES)))).toHaveLength(MAX_BODY_BYTES);
    expect(await readRawBody(new Request("http://localhost/", { method: "GET" }))).toBe("");
  });

  it("refuses a declared or streamed body over the cap with 413", async () => {
    expect(await refusalAsync(readRawBody(post("x".repeat(MAX_BODY_BYTES + 1))))).toMatchObject({
      status: 413,
      code: "request.too_large",
    });
    expect(await refusalAsync(readRawBody(post("{}", { "content-length": String(MAX_BODY_BYTES + 1) })))).toMatchObject(
      { status: 413 },
    );
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls > 10) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    expect(await refusalAsync(readRawBody(post(stream)))).toMatchObject({ status: 413 });
    // The rest of a moderately oversized body was read (not cut off), so the 413 reaches the client.
    expect(pulls).toBe(11);
  });
});
