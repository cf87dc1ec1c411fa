// The monitoring that ships with the app is true to it (old-system-gaps §7: alerts on metrics nothing emitted, an
// endpoint nobody could scrape): promtool accepts the alert rules, the scrape config and every dashboard expression;
// its unit tests fire and clear every alert; every metric an alert or a panel reads is one a freshly started app
// exports; every alert links to its section of the incidents runbook; and a real Prometheus scrapes the app with
// the METRICS_TOKEN bearer from monitoring/prometheus.yml and evaluates every rule without an error.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ensurePromtool } from "../../scripts/ensure-tools.mjs";
import { startApp, type RunningApp } from "../support/app";
import { parseExposition, type Sample } from "../support/prometheus";
import { selectors, templateSelectors, withGrafanaVariables, type Selector } from "../support/promql";
import { eventually } from "../support/storefront";

const run = promisify(execFile);
const promtool = ensurePromtool();

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  annotations?: Record<string, string>;
}
const rules = (parse(readFileSync("config/alerts.yml", "utf8")) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);
const alerts = rules.filter((r) => r.alert);

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
const dashboard = JSON.parse(readFileSync("monitoring/grafana-dashboard.json", "utf8")) as {
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: string | { query: string } }[] };
};
const panelExprs = dashboard.panels
  .flatMap((p) => [p, ...(p.panels ?? [])])
  .flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })));
const templateQueries = dashboard.templating.list
  .filter((v) => v.type === "query")
  .map((v) => ({ where: `variable ${v.name}`, query: typeof v.query === "string" ? v.query : v.query!.query }));

async function promtoolRun(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(promtool, args, { timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("alert rules", () => {
  it("pass promtool check rules", async () => {
    const { code, out } = await promtoolRun(["check", "rules", "config/alerts.yml"]);
    expect(code, out).toBe(0);
    expect(out).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it("pass their promtool unit tests, which fire and clear every alert", async () => {
    const { code, out } = await promtoolRun(["test", "rules", "config/alerts.test.yml"]);
    expect(code, out).toBe(0);
    const tests = (
      parse(readFileSync("config/alerts.test.yml", "utf8")) as {
        tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
      }
    ).tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const { alert } of alerts) {
      const cases = tests.filter((t) => t.alertname === alert);
      expect(
        cases.some((t) => (t.exp_alerts ?? []).length > 0),
        `${alert} has a test that fires it`,
      ).toBe(true);
      // Cleared: a case expecting no alert after one expecting it.
      const firstFiring = cases.findIndex((t) => (t.exp_alerts ?? []).length > 0);
      expect(
        cases.slice(firstFiring + 1).some((t) => (t.exp_alerts ?? []).length === 0),
        `${alert} has a test that clears it`,
      ).toBe(true);
    }
  });

  it("cover what on-call watches: latency, errors, store, rate limits, opens, CSAT, gates, kill switch, outbox", () => {
    const reads = (name: string) =>
      alerts.filter((a) => selectors(a.expr).some((s) => s.metric === name)).map((a) => a.alert);
    for (const metric of [
      "concierge_http_request_duration_seconds_bucket",
      "concierge_http_requests_total",
      "concierge_store_errors_total",
      "concierge_rate_limited_total",
      "concierge_widget_opens_total",
      "concierge_csat_points_total",
      "concierge_rollout_gate_breaches_total",
      "concierge_enabled",
      "concierge_jobs_queued",
      "concierge_webhook_lag_seconds_bucket",
    ]) {
      expect(reads(metric), metric).not.toEqual([]);
    }
  });

  it("each link to their own section of the incidents runbook, and the runbook has no section for an alert that is gone", () => {
    const runbook = readFileSync("Docs/runbooks/concierge-incidents.md", "utf8");
    const sections = [...runbook.matchAll(/^#{2,3} (Concierge[A-Za-z]+)\s*$/gm)].map((m) => m[1]);
    for (const a of alerts) {
      expect(a.annotations?.runbook_url).toBe(`Docs/runbooks/concierge-incidents.md#${a.alert!.toLowerCase()}`);
      expect(sections, `a runbook section for ${a.alert}`).toContain(a.alert);
    }
    expect(sections.sort()).toEqual(alerts.map((a) => a.alert).sort());
  });
});

describe("dashboard and scrape config", () => {
  it("every dashboard expression is PromQL promtool accepts (Grafana's variables filled in)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aurora-dashboard-"));
    try {
      const recorded = [...panelExprs, ...templateQueries.map((t) => ({ where: t.where, expr: "" }))]
        .filter((e) => e.expr)
        .map((e, i) => ({ record: `dashboard:expr_${i}`, expr: withGrafanaVariables(e.expr) }));
      expect(recorded.length).toBeGreaterThan(40);
      writeFileSync(join(dir, "dashboard.rules.yml"), stringify({ groups: [{ name: "dashboard", rules: recorded }] }));
      const { code, out } = await promtoolRun(["check", "rules", join(dir, "dashboard.rules.yml")]);
      expect(code, out).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the scrape config (bearer token from a file, the alert rules) passes promtool check config", async () => {
    const dir = scrapeConfigCopy({ targets: ["127.0.0.1:3000"] });
    try {
      const { code, out } = await promtoolRun(["check", "config", join(dir, "monitoring", "prometheus.yml")]);
      expect(code, out).toBe(0);
      expect(out).toContain("SUCCESS");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * monitoring/prometheus.yml and config/alerts.yml copied side by side into a temporary folder (the rule path is
 * relative), the token file beside them, and the given targets and intervals.
 */
function scrapeConfigCopy(o: { targets: string[]; token?: string; intervalSeconds?: number }): string {
  const dir = mkdtempSync(join(tmpdir(), "aurora-prometheus-"));
  mkdirSync(join(dir, "monitoring"));
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "alerts.yml"), readFileSync("config/alerts.yml"));
  const config = parse(readFileSync("monitoring/prometheus.yml", "utf8"));
  const tokenFile = join(dir, "metrics-token");
  writeFileSync(tokenFile, o.token ?? "a-metrics-token-for-the-check");
  const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === "aurora-concierge");
  expect(job.authorization).toMatchObject({ type: "Bearer", credentials_file: expect.any(String) });
  expect(job.metrics_path).toBe("/api/metrics");
  job.authorization.credentials_file = tokenFile;
  job.static_configs[0].targets = o.targets;
  if (o.intervalSeconds) {
    config.global.scrape_interval = `${o.intervalSeconds}s`;
    config.global.evaluation_interval = `${o.intervalSeconds}s`;
  }
  delete config.alerting;
  writeFileSync(join(dir, "monitoring", "prometheus.yml"), stringify(config));
  return dir;
}

describe("against a freshly started app", () => {
  const token = "ops-metrics-token-0123456789";
  let app: RunningApp;
  let samples: Sample[];

  beforeAll(async () => {
    app = await startApp({ METRICS_TOKEN: token });
    await fetch(`${app.url}/api/health`);
    const res = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
    samples = parseExposition(await res.text()).samples;
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Why a selector reads nothing in this app, or null when it reads a series. */
  function missing(s: Selector): string | null {
    const named = samples.filter((x) => x.name === s.metric);
    if (named.length === 0) return `${s.metric} is not exported`;
    // Regex matchers may rightly match nothing yet (no 5xx so far); equality ones name a series that must exist.
    // job and instance are added by the scrape, not by the app.
    const exact = s.matchers.filter((m) => m.op === "=" && !["job", "instance"].includes(m.label));
    const hit = named.some((x) => exact.every((m) => x.labels[m.label] === m.value));
    return hit ? null : `${s.metric}{${exact.map((m) => `${m.label}="${m.value}"`).join(",")}} has no series`;
  }

  it("every metric and series the alerts read is exported", () => {
    const problems = alerts.flatMap((a) => selectors(a.expr).flatMap((s) => missing(s) ?? [])).map(String);
    expect(problems).toEqual([]);
    expect(alerts.flatMap((a) => selectors(a.expr)).length).toBeGreaterThan(25);
  });

  it("every metric and series the dashboard reads is exported, its variables' included", () => {
    const problems = [
      ...panelExprs.flatMap((p) =>
        selectors(p.expr)
          .flatMap((s) => missing(s) ?? [])
          .map((m) => `${p.where}: ${m}`),
      ),
      ...templateQueries.flatMap((t) =>
        templateSelectors(t.query)
          .flatMap((s) => missing(s) ?? [])
          .map((m) => `${t.where}: ${m}`),
      ),
    ];
    expect(problems).toEqual([]);
  });

  it("a real Prometheus scrapes it with the bearer token of monitoring/prometheus.yml and evaluates every rule", async () => {
    const prometheusBin = join(dirname(promtool), "prometheus");
    const port = await freePort();
    const target = new URL(app.url).host;
    const dir = scrapeConfigCopy({ targets: [target], token, intervalSeconds: 1 });
    let prometheus: ChildProcess | undefined;
    let output = "";
    try {
      prometheus = spawn(
        prometheusBin,
        [
          `--config.file=${join(dir, "monitoring", "prometheus.yml")}`,
          `--storage.tsdb.path=${join(dir, "data")}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      prometheus.stdout!.on("data", (d) => (output += d));
      prometheus.stderr!.on("data", (d) => (output += d));
      const api = async (path: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/${path}`);
        return (await res.json()) as { data: Record<string, unknown> & { result?: unknown[] } };
      };
      type Target = { health: string; lastError: string; scrapeUrl: string };
      await eventually(
        async () => {
          const targets = await api("targets").catch(() => null);
          const active = (targets?.data.activeTargets ?? []) as Target[];
          return active.some((t) => t.health === "up");
        },
        20_000,
        250,
      ).catch((error) => {
        throw new Error(`${error}\n${output}`);
      });
      const [scraped] = (await api("targets")).data.activeTargets as Target[];
      expect(scraped).toMatchObject({ health: "up", lastError: "", scrapeUrl: `http://${target}/api/metrics` });
      // Each rule evaluated at least once, none with an error.
      await eventually(
        async () => {
          const groups = (await api("rules")).data.groups as { rules: { health: string; lastEvaluation: string }[] }[];
          const all = groups.flatMap((g) => g.rules);
          return (
            all.length === rules.length && all.every((r) => r.health === "ok" && !r.lastEvaluation.startsWith("0001"))
          );
        },
        20_000,
        250,
      );
      // The app is up, so the alert that watches for no app at all is not pending (once the first scrape is in).
      const down = async () =>
        ((await api("alerts")).data.alerts as { labels: { alertname: string } }[]).some(
          (a) => a.labels.alertname === "ConciergeDown",
        );
      await eventually(async () => !(await down()), 10_000, 250);
      const up = await api(`query?query=${encodeURIComponent("count(concierge_store_errors_total)")}`);
      expect(up.data.result).toHaveLength(1);
    } finally {
      prometheus?.kill("SIGTERM");
      if (prometheus && prometheus.exitCode === null) await new Promise((r) => prometheus!.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}
