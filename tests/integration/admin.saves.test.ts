// Successful admin saves over real HTTP (local mode, the demo shop's owner): each Settings and Rollout intent acted
// with valid fields changes the stored row and leaves exactly one audit entry; the preview link opens the concierge
// on /proxy/config; the guarded rollout's pause, resume and advance move the stored rollout; the shop's primary
// language is what a shopper with an unsupported locale is answered in; a custom catalog mapping changes what a
// products/update webhook mirrors.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOG_MAPPING } from "~/concierge/catalogMapping";
import { demoFaq } from "~/demo/catalog";
import { localAdmin, type AdminClient } from "../support/adminClient";
import { startApp, type RunningApp } from "../support/app";
import { expectInLanguage } from "../support/copy";
import { localSecret, proxyClient, type ProxyClient } from "../support/proxy";
import { productPayload } from "../support/shopifyPayloads";
import { conciergeCli, count, DEMO_SHOP, eventually, expectOk, query } from "../support/storefront";
import { deliver } from "../support/webhooks";

let app: RunningApp;
let admin: AdminClient;
let shopper: ProxyClient;

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_LOOKUPS_PER_MINUTE: "10000" });
  admin = localAdmin(app);
  shopper = proxyClient(app.url, { shop: DEMO_SHOP, secret: localSecret(app.dataDir) });
});
afterAll(async () => {
  await app?.stop();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const stored = (column: "settings" | "rollout"): Json =>
  JSON.parse(
    query<Record<string, string>>(app.databasePath, `SELECT ${column} FROM shops WHERE shop = ?`, DEMO_SHOP)[0][column],
  );

const audits = (action: string) =>
  query<{ actor: string; before: string | null; after: string | null }>(
    app.databasePath,
    "SELECT actor, before, after FROM audit_log WHERE shop = ? AND action = ? ORDER BY at, rowid",
    DEMO_SHOP,
    action,
  );

/** Acts and expects a 200 with the toast's message. */
async function ok(path: string, fields: Record<string, string>) {
  const res = await admin.act(path, fields);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ ok: true, intent: fields.intent, message: expect.any(String) });
  return res.body;
}

async function seen(): Promise<string> {
  return (await admin.load("/app/rollout", "routes/app.rollout")).body.rollout.updatedAt as string;
}

describe("Settings saves", () => {
  it("business hours and SLA: stored, the checklist's hours confirmed, one audit entry", async () => {
    await ok("/app/settings", {
      intent: "hours",
      timezone: "Europe/Paris",
      day_1_open: "on",
      day_1_from: "10:00",
      day_1_to: "18:30",
      day_6_open: "on",
      day_6_from: "11:00",
      day_6_to: "15:00",
      standardHours: "36",
      priorityHours: "6",
    });
    const settings = stored("settings");
    expect(settings.businessHours).toEqual({
      timezone: "Europe/Paris",
      days: { 1: { open: 600, close: 1110 }, 6: { open: 660, close: 900 } },
    });
    expect(settings.sla).toEqual({ standardHours: 36, priorityHours: 6 });
    expect(settings.hoursConfirmedAt).toEqual(expect.any(String));
    const [entry, ...more] = audits("settings.hours");
    expect(more).toEqual([]);
    expect(entry.actor).toBe("local-owner");
    expect(JSON.parse(entry.after!).sla).toEqual({ standardHours: 36, priorityHours: 6 });
  });

  it("return windows: stored and audited once", async () => {
    await ok("/app/settings", {
      intent: "returns",
      returnWindowDays: "45",
      resizeWindowDays: "90",
      exchangeWindowDays: "14",
    });
    expect(stored("settings").returns).toEqual({ returnWindowDays: 45, resizeWindowDays: 90, exchangeWindowDays: 14 });
    const entries = audits("settings.returns");
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].before!)).toEqual({
      returnWindowDays: 30,
      resizeWindowDays: 60,
      exchangeWindowDays: 30,
    });
  });

  it("an FAQ answer added, then removed: the row comes and goes, one audit entry each", async () => {
    const added = await ok("/app/settings", {
      intent: "faq_save",
      topic: "engraving",
      question: "Can you engrave a bracelet?",
      answer: "Yes, up to 20 characters, in 5 business days.",
      keywords: "Engrave, engraving, engrave",
    });
    const id = added.id as string;
    expect(
      query(
        app.databasePath,
        "SELECT topic, question, keywords FROM faq_entries WHERE shop = ? AND id = ?",
        DEMO_SHOP,
        id,
      ),
    ).toEqual([{ topic: "engraving", question: "Can you engrave a bracelet?", keywords: '["engrave","engraving"]' }]);
    expect(audits("faq.created")).toHaveLength(1);

    await ok("/app/settings", { intent: "faq_remove", id });
    expect(
      count(app.databasePath, "SELECT count(*) AS n FROM faq_entries WHERE shop = ? AND id = ?", DEMO_SHOP, id),
    ).toBe(0);
    const removed = audits("faq.removed");
    expect(removed).toHaveLength(1);
    expect(JSON.parse(removed[0].before!).id).toBe(id);
  });
});

describe("Rollout saves", () => {
  it("the allowlist: ids and lower-cased emails stored, audited once", async () => {
    await ok("/app/rollout", {
      intent: "allowlist",
      seen: await seen(),
      allowlist: "4242\nVIP@Example.com, vip@example.com\n",
    });
    expect(stored("rollout").allowlist).toEqual({ customerIds: ["4242"], emails: ["vip@example.com"] });
    expect(audits("rollout.allowlist")).toHaveLength(1);
  });

  it("a preview link opens the concierge on /proxy/config for whoever has it, even at 0%", async () => {
    await ok("/app/rollout", { intent: "percent", seen: await seen(), percent: "0" });
    const config = async (preview?: string) =>
      (await (await shopper.get("config", { visitorId: "v-preview", ...(preview ? { preview } : {}) })).json()) as {
        enabled: boolean;
        reason: string;
      };
    await eventually(async () => (await config()).reason === "not_in_rollout", 30_000, 250);

    await ok("/app/rollout", { intent: "preview", seen: await seen(), on: "true" });
    const token = stored("rollout").previewToken as string;
    expect(token).toMatch(/^[\w-]{16}$/);
    expect(audits("rollout.preview_created")).toHaveLength(1);
    const page = await admin.load("/app/rollout", "routes/app.rollout");
    expect(page.body.preview).toBe(`https://${DEMO_SHOP}/?concierge_preview=${token}`);
    await eventually(async () => (await config(token)).reason === "preview", 30_000, 250);
    expect(await config(token)).toMatchObject({ enabled: true, reason: "preview" });
    expect(await config("not-the-token")).toMatchObject({ enabled: false, reason: "not_in_rollout" });

    await ok("/app/rollout", { intent: "percent", seen: await seen(), percent: "100" });
  });

  it("stages saved, then the guarded rollout started, paused, resumed and advanced — each stored and audited", async () => {
    await ok("/app/rollout", {
      intent: "stages",
      seen: await seen(),
      stage_name_0: "beta",
      stage_percent_0: "0",
      stage_days_0: "1",
      stage_name_1: "Half",
      stage_percent_1: "50",
      stage_days_1: "3",
      stage_name_2: "Everyone",
      stage_percent_2: "100",
      stage_days_2: "0",
    });
    expect(stored("rollout").guarded.stages.map((s: Json) => `${s.name}:${s.percent}:${s.days}`)).toEqual([
      "beta:0:1",
      "Half:50:3",
      "Everyone:100:0",
    ]);
    expect(audits("rollout.guarded.stages")).toHaveLength(1);

    await ok("/app/rollout", { intent: "guarded", seen: await seen(), step: "start" });
    expect(stored("rollout")).toMatchObject({ percent: 0, guarded: { active: true, stageIndex: 0, paused: null } });

    await ok("/app/rollout", { intent: "guarded", seen: await seen(), step: "pause" });
    expect(stored("rollout").guarded.paused).toMatchObject({ reason: "Paused by Local owner." });
    expect(audits("rollout.guarded.pause")).toEqual([
      expect.objectContaining({ actor: "local-owner", after: expect.stringContaining('"paused":{') }),
    ]);

    const beforeResume = stored("rollout").guarded.stageStartedAt as string;
    await ok("/app/rollout", { intent: "guarded", seen: await seen(), step: "resume" });
    const resumed = stored("rollout").guarded;
    expect(resumed.paused).toBeNull();
    expect(resumed.stageStartedAt > beforeResume).toBe(true);
    expect(audits("rollout.guarded.resume")).toHaveLength(1);

    await ok("/app/rollout", { intent: "guarded", seen: await seen(), step: "advance" });
    expect(stored("rollout")).toMatchObject({ percent: 50, guarded: { active: true, stageIndex: 1 } });
    expect(audits("rollout.guarded.advance")).toHaveLength(1);

    await ok("/app/rollout", { intent: "guarded", seen: await seen(), step: "stop" });
    await ok("/app/rollout", { intent: "percent", seen: await seen(), percent: "100" });
  });
});

describe("the shop's primary language", () => {
  const hello = async (visitorId: string) =>
    (
      await expectOk<{ messages: Json[] }>(
        await shopper.post("messages", { visitorId, text: "hello", locale: "pt-BR" }),
      )
    ).messages;
  const faq = demoFaq().map((f) => f.answer);

  it("a de shop answers a pt-BR shopper in German (an en shop, in English)", async () => {
    expectInLanguage(await hello("v-locale-en"), "en", faq);
    await ok("/app/settings", { intent: "locale", locale: "de" });
    expect(stored("settings")).toMatchObject({ locale: "de", localeChosenAt: expect.any(String) });
    expect(audits("settings.locale")).toHaveLength(1);
    const page = await admin.load("/app/settings", "routes/app.settings");
    expect(page.body.locale).toBe("de");
    // The shop cache forgets the shop on save; another process would see it within its few seconds.
    expectInLanguage(await hello("v-locale-de"), "de", faq);

    const bad = await admin.act("/app/settings", { intent: "locale", locale: "pt" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation.failed");
    await ok("/app/settings", { intent: "locale", locale: "en" });
  });
});

describe("the catalog mapping", () => {
  const secret = () => localSecret(app.dataDir);
  const mirrored = (id: number) =>
    query<{ category: string; metal: string | null; ready_to_ship: number }>(
      app.databasePath,
      "SELECT category, metal, ready_to_ship FROM products WHERE shop = ? AND id = ?",
      DEMO_SHOP,
      String(id),
    );
  const settled = () =>
    eventually(
      async () =>
        count(app.databasePath, "SELECT count(*) AS n FROM jobs WHERE status IN ('pending', 'running')") === 0,
      15_000,
      100,
    );

  it("set in Settings, it changes what products/update mirrors: category and ready-to-ship from metafields, metal from a tag", async () => {
    // A shop whose conventions the defaults cannot read: no category word anywhere, the metal in an "alloy=" tag.
    const product = productPayload({
      title: "The Vega",
      product_type: "Heirloom",
      tags: "alloy=platinum, sale",
      options: [{ name: "Length", position: 1, values: ["18 cm"] }],
      metafields: [
        { namespace: "custom", key: "piece_kind", value: "Bracelet" },
        { namespace: "custom", key: "ships_now", value: "yes" },
      ],
    });
    const send = (payload: unknown) =>
      deliver(app.url, "products/update", payload, { shop: DEMO_SHOP, secret: secret() });
    await expectOk(await send(product));
    await settled();
    expect(mirrored(product.id)).toEqual([]); // not jewelry by the default mapping

    const bad = await admin.act("/app/settings", {
      intent: "catalog_mapping",
      category: "metafield:custom",
      metal: "tag",
      readyToShip: "tag:ready-to-ship",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation.failed");
    expect(audits("settings.catalog_mapping")).toEqual([]);

    await ok("/app/settings", {
      intent: "catalog_mapping",
      category: "metafield:custom.piece_kind\nproduct_type\ntitle",
      metal: "option:Metal\ntag:alloy=",
      readyToShip: "metafield:custom.ships_now",
    });
    expect(stored("settings").catalogMapping).toEqual({
      category: [
        { from: "metafield", namespace: "custom", key: "piece_kind" },
        { from: "product_type" },
        { from: "title" },
      ],
      metal: [
        { from: "option", name: "Metal" },
        { from: "tag", prefix: "alloy=" },
      ],
      readyToShip: [{ from: "metafield", namespace: "custom", key: "ships_now" }],
    });
    expect(audits("settings.catalog_mapping")).toHaveLength(1);
    const page = await admin.load("/app/settings", "routes/app.settings");
    expect(page.body.mapping.metal).toBe("option:Metal\ntag:alloy=");

    await expectOk(await send({ ...product, updated_at: new Date(Date.now() + 1000).toISOString() }));
    await settled();
    expect(mirrored(product.id)).toEqual([{ category: "bracelet", metal: "platinum", ready_to_ship: 1 }]);

    // The ops CLI sets it too (audited as "cli"); --reset goes back to the defaults.
    const cli = await conciergeCli(app.databasePath, [
      "catalog-mapping",
      "--shop",
      DEMO_SHOP,
      "--ready-to-ship",
      "tag:ships=",
    ]);
    expect(cli.stdout).toContain('"readyToShip": "tag:ships="');
    expect(stored("settings").catalogMapping.readyToShip).toEqual([{ from: "tag", prefix: "ships=" }]);
    expect(stored("settings").catalogMapping.metal).toEqual([
      { from: "option", name: "Metal" },
      { from: "tag", prefix: "alloy=" },
    ]);
    expect(audits("settings.catalog_mapping").map((a) => a.actor)).toEqual(["local-owner", "cli"]);
    await expectOk(await send({ ...product, updated_at: new Date(Date.now() + 2000).toISOString() }));
    await settled();
    expect(mirrored(product.id)).toEqual([{ category: "bracelet", metal: "platinum", ready_to_ship: 0 }]);
    await conciergeCli(app.databasePath, ["catalog-mapping", "--shop", DEMO_SHOP, "--reset"]);
    expect(stored("settings").catalogMapping).toEqual(DEFAULT_CATALOG_MAPPING);
  });
});
