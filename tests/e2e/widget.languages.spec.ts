// French, Spanish and German shoppers in Chromium on the dev storefront's /fr, /es and /de pages: they write in
// their language, and the concierge's replies, forms and order timeline come back in it — discovery, order
// tracking with the checkout email or postal code, then a return of the same order (orders no other browser test
// returns, since the suite shares one store); a refusal of the widget's request comes back in the shopper's language.

import { expect, type Page, test } from "@playwright/test";
import { widget } from "./widget";

interface Script {
  lang: "fr" | "es" | "de";
  search: string;
  /** The start of the product reply and of the ask for the checkout contact, from the server's catalog. */
  found: RegExp;
  track: string;
  askContact: RegExp;
  /** The email or postal code used at checkout for the order tracked and returned. */
  contact: string;
  delivered: string;
  return: string;
  /** The eligibility verdict for that order's only piece. */
  verdict: RegExp;
}

const SCRIPTS: Script[] = [
  {
    lang: "fr",
    search: "je cherche des bagues en or rose à moins de 800 €",
    found: /^Voici \d+ résultats sur \d+ pour bagues en or rose/,
    track: "où est ma commande 1015 ?",
    askContact: /^Pour protéger votre commande/,
    contact: "isabella.chen@example.com",
    delivered: "Livrée",
    return: "je voudrais retourner la commande 1015",
    verdict: /peut être retourné jusqu'au/,
  },
  {
    lang: "es",
    search: "busco anillos de oro rosa por menos de 800 €",
    found: /^Aquí tiene \d+ de \d+ resultados para anillos de oro rosa/,
    track: "¿dónde está mi pedido 1017?",
    askContact: /^Para proteger su pedido/,
    contact: "EC1A 1BB",
    delivered: "Entregado",
    return: "quiero devolver el pedido 1017",
    verdict: /se puede devolver hasta el/,
  },
  {
    lang: "de",
    search: "Ich suche Ringe aus Roségold unter 800 €",
    found: /^Hier sind \d+ von \d+ Treffern für Ringe aus Roségold/,
    track: "Wo ist meine Bestellung 1010?",
    askContact: /^Zum Schutz Ihrer Bestellung/,
    contact: "mia.johnson@example.com",
    delivered: "Zugestellt",
    return: "Ich möchte die Bestellung 1010 zurückgeben",
    verdict: /ohne Rückgaberecht und kann daher nicht zurückgegeben werden/,
  },
];

/** Types a message in the panel's text box (whatever its label in this language) and waits for the answer. */
async function write(page: Page, text: string): Promise<void> {
  const w = widget(page);
  // The composer, whatever its label in this language (forms in the log have text boxes too).
  const box = w.panel.locator(`textarea[id^="ac-msg"]`);
  await box.fill(text);
  await box.press("Enter");
  await expect(w.log.locator(".typing")).toHaveCount(0, { timeout: 15_000 });
}

for (const s of SCRIPTS) {
  test(`a ${s.lang} shopper finds pieces, tracks an order and starts a return, in ${s.lang}`, async ({ page }) => {
    const locales: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/apps/concierge/messages")) locales.push(JSON.parse(r.postData() ?? "{}").locale);
    });
    await page.goto(`/${s.lang}/`);
    const w = widget(page);
    await w.launcher.click();
    await expect(w.panel).toBeVisible();

    await write(page, s.search);
    await expect(w.log.getByText(s.found)).toBeVisible();
    await expect(w.log.locator(".cards").last().getByRole("listitem").first()).toBeVisible();

    await write(page, s.track);
    await expect(w.log.getByText(s.askContact)).toBeVisible();
    await write(page, s.contact);
    await expect(w.log.locator(".tl li").filter({ hasText: s.delivered }).first()).toBeVisible();

    await write(page, s.return);
    await expect(w.log.getByText(s.verdict).first()).toBeVisible();
    expect(locales.length).toBeGreaterThanOrEqual(4);
    expect(new Set(locales)).toEqual(new Set([s.lang]));
  });
}

test("a French shopper whose piece was just requested from another tab is told so in French", async ({ page }) => {
  let sentLocale: string | undefined;
  page.on("request", (r) => {
    if (r.url().includes("/apps/concierge/returns")) sentLocale = JSON.parse(r.postData() ?? "{}").locale;
  });
  await page.goto("/fr/");
  const w = widget(page);
  await w.launcher.click();
  await w.log.getByRole("button", { name: "Retour ou mise à taille" }).click();
  const start = w.log.getByRole("group", { name: "Demander un retour ou une mise à taille" });
  await start.getByLabel("Numéro de commande").fill("1015");
  await start.getByLabel("Adresse e-mail utilisée lors de l'achat").fill("isabella.chen@example.com");
  await start.getByLabel("Motif").fill("Trop petite");
  await start.getByRole("button", { name: "Continuer" }).click();
  const confirm = w.log.getByRole("group", { name: "Confirmer votre demande" }).last();
  await confirm.getByLabel("Motif").fill("Trop petite");
  // Another tab sends the same request first (through the storefront's signed app proxy, as the widget does).
  const lineItemId = await confirm.getByLabel("Quel bijou ?").inputValue();
  const first = await page.request.post("/apps/concierge/returns", {
    data: {
      orderNumber: "1015",
      email: "isabella.chen@example.com",
      lineItemId,
      option: "return",
      reason: "Trop petite",
    },
  });
  expect(first.status()).toBe(200);
  await confirm.getByRole("button", { name: "Continuer" }).click();
  await expect(
    w.log.getByText("Une demande est déjà ouverte pour cet article. Notre équipe vous recontactera à ce sujet."),
  ).toBeVisible();
  expect(sentLocale).toBe("fr");
});
