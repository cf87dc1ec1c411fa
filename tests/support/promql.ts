// The series selectors of a PromQL expression (metric name and label matchers), found by a small tokenizer: enough
// to check that alert rules and dashboards read only metrics the app exports. promtool checks the syntax itself.

export interface Matcher {
  label: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

export interface Selector {
  metric: string;
  matchers: Matcher[];
}

type Token = { kind: "ident" | "number" | "string" | "punct"; text: string };

// Identifiers that are not metric names wherever they stand.
const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "inf", "nan", "start", "end"]);
// Aggregations, which may take their label list first: `sum by (le) (...)`.
const AGGREGATIONS = new Set([
  "sum",
  "min",
  "max",
  "avg",
  "group",
  "stddev",
  "stdvar",
  "count",
  "count_values",
  "bottomk",
  "topk",
  "quantile",
]);
// Keywords followed by a parenthesised list of label names.
const LABEL_LISTS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\[[^\]]*\]|[a-zA-Z_:][a-zA-Z0-9_:]*|[0-9][0-9a-zA-Z_.]*|=~|!~|!=|==|<=|>=|\S/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(expr))) {
    const text = m[0];
    if (/^\s/.test(text) || text.startsWith("#") || text.startsWith("[")) continue; // ranges and subqueries
    if (/^["'`]/.test(text)) tokens.push({ kind: "string", text: unquote(text) });
    else if (/^[a-zA-Z_:]/.test(text)) tokens.push({ kind: "ident", text });
    else if (/^[0-9]/.test(text)) tokens.push({ kind: "number", text });
    else tokens.push({ kind: "punct", text });
  }
  return tokens;
}

function unquote(text: string): string {
  if (text.startsWith("`")) return text.slice(1, -1);
  return text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
}

/** Skips a parenthesised group starting at tokens[i] === "("; returns the index after its ")". */
function skipGroup(tokens: Token[], i: number): number {
  let depth = 0;
  for (; i < tokens.length; i++) {
    if (tokens[i].text === "(") depth++;
    if (tokens[i].text === ")" && --depth === 0) return i + 1;
  }
  return i;
}

function readMatchers(tokens: Token[], i: number): { matchers: Matcher[]; next: number } {
  const matchers: Matcher[] = [];
  i++; // "{"
  while (i < tokens.length && tokens[i].text !== "}") {
    if (tokens[i].text === ",") {
      i++;
      continue;
    }
    const [label, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (label?.kind !== "ident" || value?.kind !== "string" || !["=", "!=", "=~", "!~"].includes(op?.text)) {
      throw new Error(
        `cannot read the label matcher at "${tokens
          .slice(i, i + 3)
          .map((t) => t.text)
          .join(" ")}"`,
      );
    }
    matchers.push({ label: label.text, op: op.text as Matcher["op"], value: value.text });
    i += 3;
  }
  return { matchers, next: i + 1 };
}

/** Every series selector in the expression, in order. */
export function selectors(expr: string): Selector[] {
  const tokens = tokenize(expr);
  const found: Selector[] = [];
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === "ident" && LABEL_LISTS.has(t.text) && next?.text === "(") {
      i = skipGroup(tokens, i + 1);
    } else if (
      t.kind === "ident" &&
      (next?.text === "(" || (AGGREGATIONS.has(t.text) && LABEL_LISTS.has(next?.text)))
    ) {
      i++; // a function or an aggregation: its arguments are read as they come
    } else if (t.kind === "ident" && !KEYWORDS.has(t.text) && !LABEL_LISTS.has(t.text)) {
      if (next?.text === "{") {
        const { matchers, next: after } = readMatchers(tokens, i + 1);
        found.push({ metric: t.text, matchers });
        i = after;
      } else {
        found.push({ metric: t.text, matchers: [] });
        i++;
      }
    } else if (t.text === "{") {
      const { matchers, next: after } = readMatchers(tokens, i);
      const name = matchers.find((m) => m.label === "__name__" && m.op === "=");
      if (!name) throw new Error(`a selector without a metric name in: ${expr}`);
      found.push({ metric: name.value, matchers: matchers.filter((m) => m !== name) });
      i = after;
    } else {
      i++;
    }
  }
  return found;
}

/** A Grafana template query `label_values(<expr>, label)` or `label_values(label)`: its selectors. */
export function templateSelectors(query: string): Selector[] {
  const m = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/s.exec(query.trim());
  if (m) return selectors(m[1]);
  if (/^label_values\(\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/.test(query.trim())) return [];
  return selectors(query);
}

/** Grafana's own variables, replaced by plain values so promtool can parse a dashboard expression. */
export function withGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval|\$__range/g, "5m")
    .replace(/\$\{?([a-zA-Z_]+)\}?/g, (_, name: string) => `var_${name}`);
}
