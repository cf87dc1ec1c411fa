// Inline forms (order lookup, return, escalation, product filter): labelled fields, errors written next to the
// field in plain words, checked on blur and on submit, focus moved to the first field to fix.

import type { FormField } from "../../app/concierge/messages";
import { h, uid } from "./dom";
import type { FormMessage, View } from "./view";

const PATTERNS: Record<string, RegExp> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/,
  tel: /^[+0-9 ().-]{5,32}$/,
  orderNumber: /^#?[A-Za-z0-9 -]{1,40}$/,
  postalCode: /^[A-Za-z0-9][A-Za-z0-9 -]{2,11}$/,
};

/** Checks one field; returns the message to show, or "" when it is fine. */
export function fieldError(field: FormField, value: string, view: View): string {
  const { s } = view;
  const v = value.trim();
  if (!v) return field.required ? s.required : "";
  if (field.kind === "email" && !PATTERNS.email.test(v)) return s.invalid_email;
  if (field.kind === "tel" && !PATTERNS.tel.test(v)) return s.invalid_value;
  if (field.kind === "number") {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) return s.invalid_value;
    if (field.name === "newSize" && (n < 1 || n > 16 || Math.round(n * 4) !== n * 4)) return s.invalid_value;
  }
  const pattern = PATTERNS[field.name];
  if (pattern && field.kind !== "email" && !pattern.test(v)) return s.invalid_value;
  return "";
}

/** Checks across fields: an order needs the checkout email or postal code (unless the shopper is logged in). */
function formErrors(form: FormMessage, values: Record<string, string>, view: View): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    if (field.kind === "hidden") continue;
    const message = fieldError(field, values[field.name] ?? "", view);
    if (message) errors[field.name] = message;
  }
  const names = form.fields.map((f) => f.name);
  if (
    names.includes("email") &&
    names.includes("postalCode") &&
    !view.settings.loggedIn &&
    !values.email?.trim() &&
    !values.postalCode?.trim()
  ) {
    errors.email ??= view.s.contact_needed;
  }
  if (Number(values.priceMin) > Number(values.priceMax) && values.priceMax?.trim()) {
    errors.priceMax ??= view.s.invalid_value;
  }
  return errors;
}

function control(field: FormField, id: string, describedBy: string): HTMLElement {
  const common = {
    id,
    name: field.name,
    required: field.required,
    autocomplete: field.autocomplete,
    "aria-describedby": describedBy,
  };
  const value = field.value === undefined ? "" : String(field.value);
  if (field.kind === "select") {
    const select = h(
      "select",
      common,
      (field.options ?? []).map((o) => h("option", { value: o.value, selected: o.value === value }, o.label)),
    );
    return select;
  }
  if (field.kind === "textarea") return h("textarea", { ...common, rows: 3 }, value);
  return h("input", {
    ...common,
    type: field.kind === "number" ? "text" : field.kind,
    inputmode: field.kind === "number" ? "decimal" : undefined,
    value,
  });
}

export function renderForm(form: FormMessage, view: View): HTMLElement {
  const el = h("form", { novalidate: true });
  const legendId = uid("f");
  const fieldset = h("fieldset", { class: "frm" }, h("legend", { id: legendId }, form.title));
  const errors = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();

  for (const field of form.fields) {
    if (field.kind === "hidden") {
      if (field.name === "website") {
        // The honeypot: off-screen and out of the tab order, so only bots fill it in.
        const id = uid("hp");
        const input = h("input", { id, name: "website", type: "text", tabindex: "-1", autocomplete: "off" });
        inputs.set(field.name, input);
        fieldset.append(h("div", { class: "hp", "aria-hidden": "true" }, h("label", { for: id }, field.label), input));
      } else {
        const input = h("input", { type: "hidden", name: field.name, value: String(field.value ?? "") });
        inputs.set(field.name, input);
        fieldset.append(input);
      }
      continue;
    }
    const id = uid("in");
    const errorId = `${id}-e`;
    const hintId = field.hint ? `${id}-h` : "";
    const input = control(field, id, [hintId, errorId].filter(Boolean).join(" ")) as HTMLInputElement;
    const error = h("p", { class: "err", id: errorId });
    inputs.set(field.name, input);
    errors.set(field.name, error);
    input.addEventListener("blur", () => {
      if (!input.value.trim() && !input.dataset.touched) return; // no nagging before the shopper typed
      input.dataset.touched = "1";
      show(field.name, fieldError(field, input.value, view));
    });
    fieldset.append(
      h(
        "div",
        { class: "fld" },
        h("label", { for: id }, field.label),
        field.hint ? h("p", { class: "hint", id: hintId }, field.hint) : null,
        input,
        error,
      ),
    );
  }
  const submit = h(
    "button",
    { type: "submit", class: "pri" },
    form.form === "product_filter" ? view.s.show_pieces : view.s.submit,
  );
  fieldset.append(submit);
  el.append(fieldset);

  function show(name: string, message: string) {
    const input = inputs.get(name);
    const error = errors.get(name);
    if (!input || !error) return;
    error.textContent = message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [name, input] of inputs) values[name] = input.value;
    const problems = formErrors(form, values, view);
    for (const name of errors.keys()) show(name, problems[name] ?? "");
    const first = form.fields.find((f) => problems[f.name]);
    if (first) {
      inputs.get(first.name)?.focus();
      return;
    }
    if (submit.getAttribute("aria-disabled") === "true") return;
    submit.setAttribute("aria-disabled", "true");
    const done = await view.submit(form, values);
    submit.removeAttribute("aria-disabled");
    if (done) {
      // The form is spent; the conversation goes on in the message box (a disabled field would drop focus).
      fieldset.disabled = true;
      view.focusInput();
    }
  });
  return el;
}

/** The product filter form, built here from the shopper's current filters (the server never needs to send it). */
export function filterForm(view: View, current: Record<string, unknown>): FormMessage {
  const { s } = view;
  const any = { value: "", label: s.any };
  const pick = (values: string[]) => [any, ...values.map((v) => ({ value: v, label: s[v] }))];
  const val = (key: string) => (current[key] === undefined ? undefined : String(current[key]));
  return {
    id: uid("filter"),
    type: "form",
    form: "product_filter",
    title: s.refine_title,
    submitAction: { type: "search" },
    fields: [
      {
        name: "category",
        label: s.category,
        kind: "select",
        required: false,
        options: pick(["ring", "necklace", "earring", "bracelet"]),
        value: val("category"),
      },
      {
        name: "metal",
        label: s.metal,
        kind: "select",
        required: false,
        options: pick(["yellow_gold", "white_gold", "rose_gold", "platinum", "silver"]),
        value: val("metal"),
      },
      { name: "priceMin", label: s.price_min, kind: "number", required: false, value: val("priceMin") },
      { name: "priceMax", label: s.price_max, kind: "number", required: false, value: val("priceMax") },
      {
        name: "readyToShip",
        label: s.ready_to_ship,
        kind: "select",
        required: false,
        options: [any, { value: "true", label: s.ready_only }],
        value: current.readyToShip ? "true" : "",
      },
    ],
  };
}
