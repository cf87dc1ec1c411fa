// Product cards (WIDGET-LOOK.md "Products are the heroes"): square lazy image, title, price, metal, ready to ship,
// and View / Add to cart / Save. Add to cart goes through the theme's own cart (/cart/add.js).

import type { ProductCard } from "../../app/concierge/messages";
import { h, hidden, safeUrl } from "./dom";
import type { View } from "./view";

export function productCard(p: ProductCard, view: View): HTMLElement {
  const { s } = view;
  const image = safeUrl(p.imageUrl);
  const url = safeUrl(p.url);
  const status = h("p", { class: "hint", role: "status" });
  const add = h(
    "button",
    {
      type: "button",
      class: "pri",
      disabled: !p.variantId || p.soldOut,
      onclick: async () => {
        // aria-disabled, not disabled: a disabled button would drop the keyboard user's focus.
        if (add.getAttribute("aria-disabled") === "true") return;
        add.setAttribute("aria-disabled", "true");
        try {
          await view.addToCart(p);
          status.replaceChildren(
            s.added,
            " ",
            h("a", { href: `${view.settings.root.replace(/\/$/, "")}/cart` }, s.view_cart),
          );
        } catch {
          status.textContent = s.error;
        } finally {
          add.removeAttribute("aria-disabled");
        }
      },
    },
    p.soldOut || !p.variantId ? s.sold_out : s.add_to_cart,
    hidden(` ${p.title}`),
  );
  const save = h("button", {
    type: "button",
    class: "btn",
    "aria-pressed": String(view.isSaved(p.id)),
    onclick: () => {
      const saved = view.toggleSave(p);
      save.setAttribute("aria-pressed", String(saved));
      label.textContent = saved ? s.saved : s.save;
    },
  });
  const label = h("span", null, view.isSaved(p.id) ? s.saved : s.save);
  save.append(label, hidden(` ${p.title}`));
  const meta = [p.metal ? s[p.metal] : null].filter(Boolean).join(" · ");
  return h(
    "li",
    { class: "card" },
    image ? h("img", { src: image, alt: p.imageAlt ?? "", loading: "lazy", width: 300, height: 300 }) : null,
    h(
      "div",
      { class: "cb" },
      h("h3", null, p.title),
      h(
        "p",
        { class: "price" },
        view.money(p.price, p.currency),
        p.compareAtPrice && p.compareAtPrice > p.price ? h("s", null, view.money(p.compareAtPrice, p.currency)) : null,
      ),
      meta ? h("p", { class: "meta" }, meta) : null,
      p.readyToShip ? h("span", { class: "rts" }, s.ready_to_ship) : null,
      p.shippingPromise ? h("p", { class: "ship" }, p.shippingPromise) : null,
      h(
        "div",
        { class: "acts" },
        add,
        url
          ? h(
              "a",
              { class: "btn", href: url, onclick: () => view.track("product_view", { productId: p.id }) },
              s.view,
              hidden(` ${p.title}`),
            )
          : null,
        save,
      ),
      status,
    ),
  );
}

export function productCards(products: ProductCard[], view: View): HTMLElement {
  return h(
    "ul",
    { class: "cards" },
    products.map((p) => productCard(p, view)),
  );
}
