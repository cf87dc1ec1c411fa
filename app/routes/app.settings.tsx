// Settings: widget appearance (served by /proxy/config), business hours and SLA, return windows, FAQ answers,
// staff roles, and the platform around the concierge: the catalog (Shopify sync, CSV import), email and customer
// data requests. Each section saves on its own.

import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Checkbox,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { AdminError } from "~/components/AdminError";
import { Section } from "~/components/Section";
import { ROLE_LABELS } from "~/components/adminNav";
import { ConfirmButton } from "~/components/ConfirmButton";
import { CatalogMappingSection } from "~/components/settings/CatalogMappingSection";
import { CatalogSection } from "~/components/settings/CatalogSection";
import { LanguageSection } from "~/components/settings/LanguageSection";
import { EmailSection } from "~/components/settings/EmailSection";
import { PrivacySection } from "~/components/settings/PrivacySection";
import { Problem, useSection } from "~/components/settings/sectionForm";
import { adminAction, adminHeaders, adminLoader, intent } from "~/platform/adminRoute.server";
import { platformSettings } from "~/services/platformSettings.server";
import { importCatalogCsv, syncCatalog } from "~/services/sync/catalogAdmin.server";
import {
  removeFaq,
  saveAppearance,
  saveCatalogMapping,
  saveFaq,
  saveHours,
  saveLocale,
  saveReturnWindows,
} from "~/services/shopSettings.server";
import { DEFAULT_CATALOG_MAPPING } from "~/concierge/catalogMapping";
import { mappingText, parseSources } from "~/concierge/catalogMappingText";
import { LOCALES, supportedLocale } from "~/concierge/copy";
import { changeStaff, listStaff } from "~/services/staff.server";
import { STAFF_ROLES, type BusinessHours } from "~/store/port";
import { useAdmin } from "./app";
import { SaveButton } from "~/components/SaveButton";

export const meta: MetaFunction = () => [{ title: "Settings · Aurora Concierge" }];

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export const loader = adminLoader("settings", "settings.view", async (ctx) => {
  const [faq, staff, platform] = await Promise.all([
    ctx.runtime.store.faq.list(ctx.shop.shop),
    listStaff(ctx.runtime, ctx.shop.shop),
    platformSettings(ctx),
  ]);
  return {
    settings: ctx.shop.settings,
    locale: supportedLocale(ctx.shop.settings.locale) ?? "en",
    mapping: mappingText(ctx.shop.settings.catalogMapping ?? DEFAULT_CATALOG_MAPPING),
    faq,
    staff,
    platform,
    timezones: Intl.supportedValuesOf("timeZone"),
    can: {
      store: ctx.can("settings.store"),
      support: ctx.can("settings.support"),
      staff: ctx.can("staff.manage"),
      catalog: ctx.can("catalog.manage"),
    },
  };
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM");
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const hoursInput = z.record(z.string(), z.string()).transform((f, issue) => {
  const timezone = f.timezone ?? "";
  if (!validZone(timezone)) {
    issue.addIssue({ code: "custom", path: ["timezone"], message: "unknown time zone" });
    return z.NEVER;
  }
  const days: BusinessHours["days"] = {};
  for (let d = 0 as 0 | 1 | 2 | 3 | 4 | 5 | 6; d <= 6; d = (d + 1) as typeof d) {
    if (f[`day_${d}_open`] !== "on") continue;
    const open = time.safeParse(f[`day_${d}_from`]);
    const close = time.safeParse(f[`day_${d}_to`]);
    if (!open.success || !close.success || minutes(close.data) <= minutes(open.data)) {
      issue.addIssue({ code: "custom", path: [`day_${d}_to`], message: `${DAYS[d]}: closing must be after opening` });
      return z.NEVER;
    }
    days[d] = { open: minutes(open.data), close: minutes(close.data) };
  }
  const standard = Number(f.standardHours);
  const priority = Number(f.priorityHours);
  if (
    !Number.isInteger(standard) ||
    standard < 1 ||
    standard > 72 ||
    !Number.isInteger(priority) ||
    priority < 1 ||
    priority > standard
  ) {
    issue.addIssue({
      code: "custom",
      path: ["priorityHours"],
      message: "SLA hours: 1–72, priority no longer than standard",
    });
    return z.NEVER;
  }
  return { businessHours: { timezone, days }, sla: { standardHours: standard, priorityHours: priority } };
});

const windowDays = z.coerce.number().int().min(0).max(365);

/** One attribute's sources, one per line, as `catalogMappingText` reads them. */
const mappingSources = z
  .string()
  .max(2_000)
  .transform((text, issue) => {
    const parsed = parseSources(text);
    if (parsed.ok) return parsed.sources;
    issue.addIssue({ code: "custom", message: parsed.problem });
    return z.NEVER;
  });

export const action = adminAction("settings", {
  appearance: intent({
    permission: "settings.store",
    input: z.object({
      position: z.enum(["bottom-right", "bottom-left"]),
      accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "use a colour like #1f3a5f"),
      launcherLabel: z.string().trim().min(1).max(30),
      greeting: z.string().trim().min(1).max(200),
    }),
    async run(ctx, input) {
      await saveAppearance(ctx, input);
      return { message: "Appearance saved: the storefront shows it within seconds." };
    },
  }),
  hours: intent({
    permission: "settings.support",
    input: hoursInput,
    async run(ctx, input) {
      await saveHours(ctx, input);
      return { message: "Business hours and SLA saved." };
    },
  }),
  returns: intent({
    permission: "settings.store",
    input: z.object({ returnWindowDays: windowDays, resizeWindowDays: windowDays, exchangeWindowDays: windowDays }),
    async run(ctx, input) {
      await saveReturnWindows(ctx, input);
      return { message: "Return windows saved." };
    },
  }),
  locale: intent({
    permission: "settings.store",
    input: z.object({ locale: z.enum(LOCALES) }),
    async run(ctx, input) {
      await saveLocale(ctx, input.locale);
      return { message: "Language saved: replies fall back to it within seconds." };
    },
  }),
  catalog_mapping: intent({
    permission: "catalog.manage",
    input: z.object({ category: mappingSources, metal: mappingSources, readyToShip: mappingSources }),
    async run(ctx, input) {
      await saveCatalogMapping(ctx, input);
      return { message: "Catalog mapping saved: products use it as they sync. Sync again to remap them all." };
    },
  }),
  faq_save: intent({
    permission: "settings.support",
    input: z.object({
      id: z
        .string()
        .max(100)
        .optional()
        .transform((v) => (v ? v : undefined)),
      topic: z.string().trim().min(1).max(40),
      question: z.string().trim().min(1).max(200),
      answer: z.string().trim().min(1).max(2000),
      keywords: z
        .string()
        .max(500)
        .transform((k) =>
          [
            ...new Set(
              k
                .split(",")
                .map((w) => w.trim().toLowerCase())
                .filter(Boolean),
            ),
          ].slice(0, 20),
        ),
    }),
    async run(ctx, input) {
      const entry = await saveFaq(ctx, input);
      return { message: input.id ? "FAQ answer updated." : "FAQ answer added.", id: entry.id };
    },
  }),
  faq_remove: intent({
    permission: "settings.support",
    input: z.object({ id: z.string().min(1).max(100) }),
    async run(ctx, input) {
      await removeFaq(ctx, input.id);
      return { message: "FAQ answer removed." };
    },
  }),
  staff: intent({
    permission: "staff.manage",
    input: z.object({
      userId: z.string().min(1).max(100),
      role: z.enum([...STAFF_ROLES, "remove"]),
      name: z.string().trim().min(1).max(80),
      email: z.union([z.literal(""), z.email()]),
    }),
    async run(ctx, input) {
      const saved = await changeStaff(ctx.runtime, ctx.shop.shop, ctx.staff, {
        userId: input.userId,
        role: input.role === "remove" ? null : input.role,
        name: input.name,
        email: input.email,
      });
      return {
        message: saved ? `${saved.name} is now ${ROLE_LABELS[saved.role].toLowerCase()}.` : `${input.name} removed.`,
      };
    },
  }),
  catalog_sync: intent({
    permission: "catalog.manage",
    // The run the page showed ("" for none): a page out of date starts nothing.
    input: z.object({ seen: z.string().max(100) }),
    async run(ctx, input) {
      const { resumed } = await syncCatalog(ctx, input.seen);
      return {
        message: resumed
          ? "Catalog sync resumed from where it stopped."
          : "Catalog sync started: products, then customers, then recent orders.",
      };
    },
  }),
  catalog_import: intent({
    permission: "catalog.manage",
    input: z.object({ file: z.instanceof(File, { message: "choose a CSV file" }) }),
    async run(ctx, input) {
      const result = await importCatalogCsv(ctx, input.file);
      const bad = result.errors.length + result.moreErrors;
      return {
        message: `Read ${result.rows} rows: ${result.imported} products go into the catalog${bad > 0 ? `; ${bad} rows need fixing` : ""}.`,
        result,
      };
    },
  }),
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function AppearanceSection({ data }: { data: Data }) {
  const { fetcher, problem } = useSection();
  const a = data.settings.appearance;
  const [position, setPosition] = useState<string>(a.position);
  const [accent, setAccent] = useState(a.accentColor);
  const [label, setLabel] = useState(a.launcherLabel);
  const [greeting, setGreeting] = useState(a.greeting);
  const disabled = !data.can.store;
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd" id="appearance">
            Widget appearance
          </Text>
          <Problem text={problem} />
          <input type="hidden" name="intent" value="appearance" />
          <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
            <Select
              label="Position"
              name="position"
              value={position}
              onChange={setPosition}
              disabled={disabled}
              options={[
                { label: "Bottom right", value: "bottom-right" },
                { label: "Bottom left", value: "bottom-left" },
              ]}
            />
            <TextField
              label="Accent colour"
              name="accentColor"
              value={accent}
              onChange={setAccent}
              disabled={disabled}
              autoComplete="off"
              helpText="A hex colour such as #1f3a5f."
              prefix={
                <span
                  aria-hidden="true"
                  style={{
                    display: "inline-block",
                    width: 16,
                    height: 16,
                    borderRadius: 4,
                    background: /^#[0-9a-fA-F]{6}$/.test(accent) ? accent : "transparent",
                    border: "1px solid #8a8a8a",
                  }}
                />
              }
            />
            <TextField
              label="Launcher label"
              name="launcherLabel"
              value={label}
              onChange={setLabel}
              maxLength={30}
              disabled={disabled}
              autoComplete="off"
            />
            <TextField
              label="Greeting"
              name="greeting"
              value={greeting}
              onChange={setGreeting}
              maxLength={200}
              multiline={2}
              disabled={disabled}
              autoComplete="off"
            />
          </InlineGrid>
          {!disabled ? <SaveButton fetcher={fetcher}>Save appearance</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function HoursSection({ data }: { data: Data }) {
  const { fetcher, problem } = useSection();
  const { businessHours, sla, hoursConfirmedAt } = data.settings;
  const [timezone, setTimezone] = useState(businessHours.timezone);
  const [days, setDays] = useState(() =>
    DAYS.map((_, d) => {
      const hours = businessHours.days[d as 0];
      return { open: Boolean(hours), from: hhmm(hours?.open ?? 540), to: hhmm(hours?.close ?? 1020) };
    }),
  );
  const [standard, setStandard] = useState(String(sla.standardHours));
  const [priority, setPriority] = useState(String(sla.priorityHours));
  const disabled = !data.can.support;
  const edit = (d: number, patch: Partial<(typeof days)[number]>) =>
    setDays((all) => all.map((day, i) => (i === d ? { ...day, ...patch } : day)));
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd" id="hours">
              Business hours and SLA
            </Text>
            {!hoursConfirmedAt ? <Badge tone="attention">Not confirmed yet</Badge> : null}
          </InlineStack>
          <Text as="p" tone="subdued">
            Shoppers see reply times from these hours; the ticket queue counts SLA deadlines in business hours only.
          </Text>
          <Problem text={problem} />
          <input type="hidden" name="intent" value="hours" />
          <Select
            label="Time zone"
            name="timezone"
            value={timezone}
            onChange={setTimezone}
            disabled={disabled}
            options={data.timezones.map((tz) => ({ label: tz, value: tz }))}
          />
          <table className="aurora-table">
            <caption className="aurora-sr-only">Opening hours by day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Open</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day, d) => (
                <tr key={DAYS[d]}>
                  <th scope="row">{DAYS[d]}</th>
                  <td>
                    <Checkbox
                      label={`Open on ${DAYS[d]}`}
                      labelHidden
                      checked={day.open}
                      onChange={(open) => edit(d, { open })}
                      disabled={disabled}
                    />
                    {day.open ? <input type="hidden" name={`day_${d}_open`} value="on" /> : null}
                  </td>
                  <td>
                    <TextField
                      label={`${DAYS[d]} opens at`}
                      labelHidden
                      type="time"
                      name={`day_${d}_from`}
                      value={day.from}
                      onChange={(from) => edit(d, { from })}
                      disabled={disabled || !day.open}
                      autoComplete="off"
                    />
                  </td>
                  <td>
                    <TextField
                      label={`${DAYS[d]} closes at`}
                      labelHidden
                      type="time"
                      name={`day_${d}_to`}
                      value={day.to}
                      onChange={(to) => edit(d, { to })}
                      disabled={disabled || !day.open}
                      autoComplete="off"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
            <TextField
              label="Reply within (business hours)"
              type="number"
              name="standardHours"
              min={1}
              max={72}
              value={standard}
              onChange={setStandard}
              disabled={disabled}
              autoComplete="off"
            />
            <TextField
              label="Priority tickets: reply within (business hours)"
              type="number"
              name="priorityHours"
              min={1}
              max={72}
              value={priority}
              onChange={setPriority}
              disabled={disabled}
              autoComplete="off"
            />
          </InlineGrid>
          {!disabled ? <SaveButton fetcher={fetcher}>Save hours and SLA</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function ReturnsSection({ data }: { data: Data }) {
  const { fetcher, problem } = useSection();
  const r = data.settings.returns;
  const [values, setValues] = useState({
    returnWindowDays: String(r.returnWindowDays),
    resizeWindowDays: String(r.resizeWindowDays),
    exchangeWindowDays: String(r.exchangeWindowDays),
  });
  const disabled = !data.can.store;
  const field = (name: keyof typeof values, label: string) => (
    <TextField
      label={label}
      type="number"
      name={name}
      min={0}
      max={365}
      suffix="days"
      value={values[name]}
      onChange={(v) => setValues((all) => ({ ...all, [name]: v }))}
      disabled={disabled}
      autoComplete="off"
    />
  );
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd" id="returns">
            Return windows
          </Text>
          <Text as="p" tone="subdued">
            Counted from delivery. Custom, engraved and final-sale pieces are never eligible.
          </Text>
          <Problem text={problem} />
          <input type="hidden" name="intent" value="returns" />
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
            {field("returnWindowDays", "Returns")}
            {field("resizeWindowDays", "Resizes")}
            {field("exchangeWindowDays", "Exchanges")}
          </InlineGrid>
          {!disabled ? <SaveButton fetcher={fetcher}>Save return windows</SaveButton> : null}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function FaqEditor(props: { entry?: Data["faq"][number]; onDone?: () => void }) {
  const { fetcher, problem } = useSection();
  const e = props.entry;
  const [topic, setTopic] = useState(e?.topic ?? "");
  const [question, setQuestion] = useState(e?.question ?? "");
  const [answer, setAnswer] = useState(e?.answer ?? "");
  const [keywords, setKeywords] = useState(e?.keywords.join(", ") ?? "");
  const suffix = e ? ` for “${e.question}”` : "";
  return (
    <fetcher.Form
      method="post"
      onSubmit={() => {
        if (!e) {
          setTopic("");
          setQuestion("");
          setAnswer("");
          setKeywords("");
        }
      }}
    >
      <BlockStack gap="200">
        <Problem text={problem} />
        <input type="hidden" name="intent" value="faq_save" />
        {e ? <input type="hidden" name="id" value={e.id} /> : null}
        <InlineGrid columns={{ xs: 1, sm: 2 }} gap="200">
          <TextField
            label={`Topic${suffix}`}
            name="topic"
            value={topic}
            onChange={setTopic}
            maxLength={40}
            autoComplete="off"
            helpText="e.g. shipping, warranty, sizing"
          />
          <TextField
            label={`Keywords${suffix}`}
            name="keywords"
            value={keywords}
            onChange={setKeywords}
            autoComplete="off"
            helpText="Comma-separated words shoppers use."
          />
        </InlineGrid>
        <TextField
          label={`Question${suffix}`}
          name="question"
          value={question}
          onChange={setQuestion}
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          label={`Answer${suffix}`}
          name="answer"
          value={answer}
          onChange={setAnswer}
          maxLength={2000}
          multiline={3}
          autoComplete="off"
        />
        <InlineStack gap="200">
          <Button submit loading={fetcher.state !== "idle"}>
            {e ? "Save answer" : "Add answer"}
          </Button>
          {props.onDone ? <Button onClick={props.onDone}>Done</Button> : null}
        </InlineStack>
      </BlockStack>
    </fetcher.Form>
  );
}

function FaqSection({ data }: { data: Data }) {
  const remove = useSection();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Section title="FAQ answers" id="faq">
      <Text as="p" tone="subdued">
        Short answers the concierge gives for care, warranty, financing, shipping and sizing questions.
      </Text>
      {data.faq.length === 0 ? (
        <Text as="p" tone="subdued">
          No answers yet.
        </Text>
      ) : (
        <ul style={{ margin: 0, padding: 0, listStyle: "none", display: "grid", gap: 12 }}>
          {data.faq.map((e) => (
            <li key={e.id}>
              {editing === e.id ? (
                <FaqEditor key={e.updatedAt} entry={e} onDone={() => setEditing(null)} />
              ) : (
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm">
                    {e.question} <Badge>{e.topic}</Badge>
                  </Text>
                  <Text as="p">{e.answer}</Text>
                  {data.can.support ? (
                    <InlineStack gap="300">
                      <Button
                        variant="plain"
                        onClick={() => setEditing(e.id)}
                        accessibilityLabel={`Edit “${e.question}”`}
                      >
                        Edit
                      </Button>
                      <ConfirmButton
                        label="Remove"
                        accessibilityLabel={`Remove “${e.question}”`}
                        title="Remove this answer?"
                        body={`The concierge stops answering “${e.question}” with it.`}
                        confirm="Remove"
                        destructive
                        onConfirm={() => remove.fetcher.submit({ intent: "faq_remove", id: e.id }, { method: "post" })}
                      />
                    </InlineStack>
                  ) : null}
                </BlockStack>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.can.support ? (
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Add an answer
          </Text>
          <FaqEditor />
        </BlockStack>
      ) : null}
    </Section>
  );
}

function StaffRow({ member, canManage, isMe }: { member: Data["staff"][number]; canManage: boolean; isMe: boolean }) {
  const { fetcher, problem } = useSection();
  const [role, setRole] = useState<string>(member.role);
  const [name, setName] = useState(member.name);
  const [email, setEmail] = useState(member.email);
  const editable = canManage && !isMe;
  return (
    <tr>
      <th scope="row">
        {editable ? (
          <TextField
            label={`Name of ${member.name}`}
            labelHidden
            value={name}
            onChange={setName}
            autoComplete="off"
            maxLength={80}
          />
        ) : (
          <>
            {member.name}
            {isMe ? " (you)" : ""}
          </>
        )}
      </th>
      <td>
        {editable ? (
          <TextField
            label={`Email of ${member.name}`}
            labelHidden
            type="email"
            value={email}
            onChange={setEmail}
            autoComplete="off"
          />
        ) : (
          member.email || "—"
        )}
      </td>
      <td>
        {editable ? (
          <Select
            label={`Role of ${member.name}`}
            labelHidden
            value={role}
            onChange={setRole}
            options={[
              ...STAFF_ROLES.map((r) => ({ label: ROLE_LABELS[r], value: r })),
              { label: "Remove from staff", value: "remove" },
            ]}
          />
        ) : (
          ROLE_LABELS[member.role]
        )}
      </td>
      <td>
        {editable ? (
          <BlockStack gap="100">
            <Button
              size="slim"
              loading={fetcher.state !== "idle"}
              onClick={() =>
                fetcher.submit({ intent: "staff", userId: member.userId, role, name, email }, { method: "post" })
              }
              accessibilityLabel={`Save ${member.name}`}
            >
              Save
            </Button>
            {problem ? (
              <Text as="p" tone="critical">
                {problem}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
      </td>
    </tr>
  );
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const admin = useAdmin();
  return (
    <Page title="Settings" subtitle="How the concierge looks and answers, your hours, and who does what.">
      <TitleBar title="Settings" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <AppearanceSection data={data} />
            <HoursSection data={data} />
            <ReturnsSection data={data} />
            <LanguageSection locale={data.locale} canChange={data.can.store} />
            <FaqSection data={data} />
            <Section title="Staff and roles" id="staff">
              <Text as="p" tone="subdued">
                Staff appear here the first time they open the app (as viewers). Owners and admins manage support leads,
                agents and viewers; only owners make owners.
              </Text>
              <table className="aurora-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">
                      <span className="aurora-sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.staff.map((m) => (
                    <StaffRow
                      key={`${m.userId}-${m.updatedAt}`}
                      member={m}
                      canManage={data.can.staff}
                      isMe={m.userId === admin.staff.userId}
                    />
                  ))}
                </tbody>
              </table>
            </Section>
            <CatalogSection catalog={data.platform.catalog} canManage={data.can.catalog} />
            <CatalogMappingSection mapping={data.mapping} canManage={data.can.catalog} />
            <EmailSection mail={data.platform.mail} />
            <PrivacySection dataRequests={data.platform.dataRequests} timezone={admin.shop.timezone} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminError;

export const headers: HeadersFunction = adminHeaders;
