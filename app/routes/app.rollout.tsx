// Rollout: the kill switch (with confirmation), percentage, beta allowlist, preview link, the guarded rollout and
// the audit log. Changes reach the storefront's /proxy/config within seconds, with no deploy or restart.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Layout,
  Modal,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { DEFAULT_ROLLOUT_STAGES } from "~/concierge/shopDefaults";
import { AdminError } from "~/components/AdminError";
import { Section } from "~/components/Section";
import { actorNamer, AuditLog } from "~/components/AuditLog";
import { formatDateTime, formatMs, formatPercent } from "~/components/format";
import { Pager } from "~/components/Pager";
import { useActionToast, type ActionOutcome } from "~/components/useActionToast";
import { adminAction, adminHeaders, adminLoader, intent } from "~/platform/adminRoute.server";
import { auditLog } from "~/services/audit.server";
import { guardedStatus } from "~/services/guardedRollout.server";
import {
  advanceGuarded,
  pauseGuarded,
  previewLink,
  resumeGuarded,
  saveStages,
  setAllowlist,
  setKillSwitch,
  setPercent,
  setPreview,
  startGuarded,
  stopGuarded,
} from "~/services/rolloutAdmin.server";
import { listStaff } from "~/services/staff.server";
import { useAdmin } from "./app";
import { SaveButton } from "~/components/SaveButton";

export const meta: MetaFunction = () => [{ title: "Rollout · Aurora Concierge" }];

const pageQuery = z.object({ cursor: z.string().max(500).optional() });

export const loader = adminLoader("rollout", "rollout.view", async (ctx, { request }) => {
  const { cursor } = pageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rollout } = ctx.shop;
  const [status, audit, staff] = await Promise.all([
    guardedStatus(ctx.runtime, ctx.shop, ctx.now),
    ctx.can("audit.view")
      ? auditLog(ctx.runtime, ctx.shop.shop, { cursor: cursor ?? null, limit: 20 }, "rollout.")
      : { items: [], nextCursor: null },
    listStaff(ctx.runtime, ctx.shop.shop),
  ]);
  return {
    rollout,
    stages: rollout.guarded?.stages ?? DEFAULT_ROLLOUT_STAGES,
    preview: previewLink(ctx.shop.shop, rollout.previewToken),
    status,
    audit,
    staff: staff.map((s) => ({ userId: s.userId, name: s.name })),
    canChange: ctx.can("rollout.change"),
  };
});

const seen = z.string().min(1).max(64);
const stageFields = z.record(z.string(), z.string()).transform((fields, issue) => {
  const stages = [];
  for (let i = 0; i < 10 && fields[`stage_name_${i}`] !== undefined; i++) {
    const percent = Number(fields[`stage_percent_${i}`]);
    const days = Number(fields[`stage_days_${i}`]);
    if (!Number.isFinite(percent) || !Number.isFinite(days)) {
      issue.addIssue({ code: "custom", path: [`stage_percent_${i}`], message: "must be numbers" });
      return z.NEVER;
    }
    stages.push({ name: fields[`stage_name_${i}`].trim().slice(0, 40), percent, days });
  }
  return { seen: fields.seen ?? "", stages };
});

export const action = adminAction("rollout", {
  kill: intent({
    permission: "rollout.change",
    input: z.object({ seen, enabled: z.enum(["true", "false"]) }),
    async run(ctx, input) {
      const enabled = input.enabled === "true";
      await setKillSwitch(ctx, input.seen, enabled);
      return { message: enabled ? "The concierge is switched on." : "Kill switch on: the concierge is off." };
    },
  }),
  percent: intent({
    permission: "rollout.change",
    input: z.object({ seen, percent: z.coerce.number().int().min(0).max(100) }),
    async run(ctx, input) {
      await setPercent(ctx, input.seen, input.percent);
      return { message: `Rollout set to ${input.percent}% of visitors.` };
    },
  }),
  allowlist: intent({
    permission: "rollout.change",
    input: z.object({ seen, allowlist: z.string().max(40_000) }),
    async run(ctx, input) {
      const saved = await setAllowlist(ctx, input.seen, input.allowlist);
      const n = saved.allowlist.customerIds.length + saved.allowlist.emails.length;
      return { message: `Allowlist saved (${n} ${n === 1 ? "entry" : "entries"}).` };
    },
  }),
  preview: intent({
    permission: "rollout.change",
    input: z.object({ seen, on: z.enum(["true", "false"]) }),
    async run(ctx, input) {
      await setPreview(ctx, input.seen, input.on === "true");
      return { message: input.on === "true" ? "Preview link created." : "Preview link revoked." };
    },
  }),
  stages: intent({
    permission: "rollout.change",
    input: stageFields,
    async run(ctx, input) {
      await saveStages(ctx, input.seen, input.stages);
      return { message: "Stages saved." };
    },
  }),
  guarded: intent({
    permission: "rollout.change",
    input: z.object({ seen, step: z.enum(["start", "pause", "resume", "advance", "stop"]) }),
    async run(ctx, input) {
      const steps = {
        start: [startGuarded, "Guarded rollout started."],
        pause: [pauseGuarded, "Guarded rollout paused."],
        resume: [resumeGuarded, "Guarded rollout resumed."],
        advance: [advanceGuarded, "Moved to the next stage."],
        stop: [stopGuarded, "Guarded rollout stopped."],
      } as const;
      const [run, message] = steps[input.step];
      await run(ctx, input.seen);
      return { message };
    },
  }),
});

function useChange() {
  const fetcher = useFetcher<typeof action>();
  useActionToast(fetcher.data as ActionOutcome | undefined);
  return fetcher;
}

function KillSwitch(props: { enabled: boolean; seen: string; canChange: boolean }) {
  const fetcher = useChange();
  const [open, setOpen] = useState(false);
  const turningOff = props.enabled;
  const confirm = () => {
    fetcher.submit({ intent: "kill", seen: props.seen, enabled: String(!props.enabled) }, { method: "post" });
    setOpen(false);
  };
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Kill switch
          </Text>
          <Badge tone={props.enabled ? "success" : "critical"}>
            {props.enabled ? "Concierge on" : "Concierge off"}
          </Badge>
        </InlineStack>
        <Text as="p">
          {props.enabled
            ? "Switching off hides the concierge on every storefront page within seconds. Nothing is deleted."
            : "The concierge is hidden from every shopper. Switch it back on when you are ready."}
        </Text>
      </BlockStack>
      {/* The modal renders its activator and gives focus back to it on close. */}
      <Modal
        activator={
          props.canChange ? (
            <Box paddingBlockStart="300">
              <Button
                variant="primary"
                tone={turningOff ? "critical" : undefined}
                onClick={() => setOpen(true)}
                loading={fetcher.state !== "idle"}
              >
                {turningOff ? "Switch off the concierge" : "Switch on the concierge"}
              </Button>
            </Box>
          ) : undefined
        }
        open={open}
        onClose={() => setOpen(false)}
        title={turningOff ? "Switch off the concierge?" : "Switch on the concierge?"}
        primaryAction={{
          content: turningOff ? "Switch off" : "Switch on",
          destructive: turningOff,
          onAction: confirm,
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            {turningOff
              ? "Shoppers stop seeing the concierge on every page within 30 seconds. Open conversations and tickets stay as they are."
              : "Shoppers in the rollout see the concierge again within 30 seconds."}
          </Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}

function PercentCard(props: { percent: number; seen: string; canChange: boolean; guarded: boolean }) {
  const fetcher = useChange();
  const [value, setValue] = useState(String(props.percent));
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Percentage rollout
          </Text>
          <Text as="p" tone="subdued">
            Each visitor keeps the same answer on every page; raising the percentage never removes anyone.
            {props.guarded ? " A running guarded rollout sets this for you at each stage." : ""}
          </Text>
          <input type="hidden" name="intent" value="percent" />
          <input type="hidden" name="seen" value={props.seen} />
          <TextField
            label="Visitors who see the concierge"
            type="number"
            name="percent"
            min={0}
            max={100}
            suffix="%"
            autoComplete="off"
            value={value}
            onChange={setValue}
            disabled={!props.canChange}
          />
          {props.canChange ? <SaveButton fetcher={fetcher}>Save percentage</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function AllowlistCard(props: {
  allowlist: { customerIds: string[]; emails: string[] };
  seen: string;
  canChange: boolean;
}) {
  const fetcher = useChange();
  const [value, setValue] = useState([...props.allowlist.customerIds, ...props.allowlist.emails].join("\n"));
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Beta allowlist
          </Text>
          <input type="hidden" name="intent" value="allowlist" />
          <input type="hidden" name="seen" value={props.seen} />
          <TextField
            label="Customer ids or emails, one per line"
            helpText="Logged-in customers on this list always see the concierge (emails match case-insensitively)."
            name="allowlist"
            multiline={4}
            autoComplete="off"
            value={value}
            onChange={setValue}
            disabled={!props.canChange}
          />
          {props.canChange ? <SaveButton fetcher={fetcher}>Save allowlist</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function PreviewCard(props: { link: string | null; seen: string; canChange: boolean }) {
  const fetcher = useChange();
  return (
    <Section title="Preview link">
      <Text as="p" tone="subdued">
        Staff who open this link see the concierge on the storefront, whatever the rollout (not while the kill switch is
        on).
      </Text>
      {props.link ? (
        <TextField label="Preview link" value={props.link} readOnly autoComplete="off" selectTextOnFocus />
      ) : (
        <Text as="p">No preview link yet.</Text>
      )}
      {props.canChange ? (
        <InlineStack gap="200">
          <Button
            onClick={() => fetcher.submit({ intent: "preview", seen: props.seen, on: "true" }, { method: "post" })}
            loading={fetcher.state !== "idle" && fetcher.formData?.get("on") === "true"}
          >
            {props.link ? "Replace preview link" : "Create preview link"}
          </Button>
          {props.link ? (
            <Button
              tone="critical"
              variant="plain"
              onClick={() => fetcher.submit({ intent: "preview", seen: props.seen, on: "false" }, { method: "post" })}
            >
              Revoke preview link
            </Button>
          ) : null}
        </InlineStack>
      ) : null}
    </Section>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function GuardedCard(props: { data: LoaderData; timezone: string }) {
  const { rollout, stages, status, canChange } = props.data;
  const guarded = rollout.guarded;
  const fetcher = useChange();
  const stagesForm = useChange();
  const running = Boolean(guarded?.active);
  const locked = running || !canChange;
  const [draft, setDraft] = useState(() =>
    stages.map((st) => ({ name: st.name, percent: String(st.percent), days: String(st.days) })),
  );
  const edit = (i: number, patch: Partial<(typeof draft)[number]>) =>
    setDraft((rows) => rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const step = (name: string) =>
    fetcher.submit({ intent: "guarded", seen: rollout.updatedAt, step: name }, { method: "post" });
  const decision = status?.decision;
  const metrics = status?.metrics;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Guarded rollout
          </Text>
          <Badge tone={!running ? undefined : guarded?.paused ? "warning" : "info"}>
            {!running
              ? "Not running"
              : guarded?.paused
                ? "Paused"
                : `Stage ${guarded!.stageIndex + 1} of ${stages.length}`}
          </Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          Stages move up on their own when the gates pass: error rate under 2%, p95 latency under 800 ms and CSAT at
          least 4.0, judged once a stage has 100 conversations. A breached gate pauses the rollout (and a severe one
          rolls back a stage); the reason goes into the audit log.
        </Text>
        {guarded?.paused ? (
          <Banner tone="warning" title="Paused">
            <p>{guarded.paused.reason}</p>
          </Banner>
        ) : null}
        {running && metrics ? (
          <BlockStack gap="100">
            <Text as="p">
              Since this stage started
              {guarded?.stageStartedAt ? ` (${formatDateTime(guarded.stageStartedAt, props.timezone)})` : ""}:{" "}
              {metrics.conversations} conversations, error rate{" "}
              {formatPercent(metrics.requests ? metrics.errors / metrics.requests : null, 2)}, p95{" "}
              {formatMs(metrics.p95Ms)}, CSAT {metrics.csatAverage === null ? "—" : metrics.csatAverage.toFixed(2)}.
            </Text>
            {decision && "reason" in decision ? (
              <Text as="p" tone="subdued">
                {decision.reason}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
        <stagesForm.Form method="post">
          <input type="hidden" name="intent" value="stages" />
          <input type="hidden" name="seen" value={rollout.updatedAt} />
          <table className="aurora-table">
            <caption>Stages</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Name</th>
                <th scope="col">Visitors (%)</th>
                <th scope="col">Days</th>
              </tr>
            </thead>
            <tbody>
              {draft.map((s, i) => (
                <tr key={i} aria-current={running && guarded?.stageIndex === i ? "step" : undefined}>
                  <th scope="row">
                    {i + 1}
                    {running && guarded?.stageIndex === i ? " (current)" : ""}
                  </th>
                  <td>
                    <TextField
                      label={`Stage ${i + 1} name`}
                      labelHidden
                      name={`stage_name_${i}`}
                      value={s.name}
                      onChange={(v) => edit(i, { name: v })}
                      disabled={locked}
                      maxLength={40}
                      autoComplete="off"
                    />
                  </td>
                  <td>
                    <TextField
                      label={`Stage ${i + 1} visitors percent (0 = allowlist only)`}
                      labelHidden
                      name={`stage_percent_${i}`}
                      type="number"
                      min={0}
                      max={100}
                      value={s.percent}
                      onChange={(v) => edit(i, { percent: v })}
                      disabled={locked}
                      autoComplete="off"
                    />
                  </td>
                  <td>
                    <TextField
                      label={`Stage ${i + 1} days`}
                      labelHidden
                      name={`stage_days_${i}`}
                      type="number"
                      min={0}
                      max={90}
                      value={s.days}
                      onChange={(v) => edit(i, { days: v })}
                      disabled={locked}
                      autoComplete="off"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!locked ? (
            <Box paddingBlockStart="200">
              <Button submit loading={stagesForm.state !== "idle"}>
                Save stages
              </Button>
            </Box>
          ) : null}
        </stagesForm.Form>
        {canChange ? (
          <InlineStack gap="200">
            {!running ? (
              <Button variant="primary" onClick={() => step("start")}>
                Start guarded rollout
              </Button>
            ) : null}
            {running && !guarded?.paused ? <Button onClick={() => step("pause")}>Pause</Button> : null}
            {running && guarded?.paused ? (
              <Button variant="primary" onClick={() => step("resume")}>
                Resume
              </Button>
            ) : null}
            {running ? <Button onClick={() => step("advance")}>Advance to next stage now</Button> : null}
            {running ? (
              <Button tone="critical" variant="plain" onClick={() => step("stop")}>
                Stop guarded rollout
              </Button>
            ) : null}
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export default function Rollout() {
  const data = useLoaderData<typeof loader>();
  const admin = useAdmin();
  const { rollout, canChange } = data;
  const guardedRunning = Boolean(rollout.guarded?.active);
  return (
    <Page title="Rollout" subtitle="Who sees the concierge on your storefront.">
      <TitleBar title="Rollout" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!canChange ? (
              <Banner tone="info">
                <p>You can see the rollout; owners and admins change it.</p>
              </Banner>
            ) : null}
            {/* Keyed by the rollout's version, so the forms show what is stored after any change. */}
            <KillSwitch
              key={`kill-${rollout.updatedAt}`}
              enabled={rollout.enabled}
              seen={rollout.updatedAt}
              canChange={canChange}
            />
            <PercentCard
              key={`pct-${rollout.updatedAt}`}
              percent={rollout.percent}
              seen={rollout.updatedAt}
              canChange={canChange}
              guarded={guardedRunning}
            />
            <AllowlistCard
              key={`allow-${rollout.updatedAt}`}
              allowlist={rollout.allowlist}
              seen={rollout.updatedAt}
              canChange={canChange}
            />
            <PreviewCard link={data.preview} seen={rollout.updatedAt} canChange={canChange} />
            <GuardedCard key={`guard-${rollout.updatedAt}`} data={data} timezone={admin.shop.timezone} />
            {admin.permissions["audit.view"] ? (
              <Section title="Audit log">
                <AuditLog
                  entries={data.audit.items}
                  actorName={actorNamer(data.staff)}
                  timezone={admin.shop.timezone}
                />
                <Pager nextCursor={data.audit.nextCursor} label="Audit log" />
              </Section>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
