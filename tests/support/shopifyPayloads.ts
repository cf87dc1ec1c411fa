// Webhook payloads in Shopify's REST shapes (trimmed to the fields that matter, with the ids as numbers like Shopify).

let next = 9_100_000_000;
export const shopifyId = () => ++next;

export function productPayload(overrides: Record<string, unknown> = {}) {
  const id = shopifyId();
  return {
    id,
    title: "Aurora Halo Ring",
    handle: `aurora-halo-ring-${id}`,
    body_html: "<p>A <strong>halo</strong> of pavé diamonds.</p>",
    product_type: "Rings",
    tags: "bridal, ready-to-ship",
    status: "active",
    options: [
      { name: "Metal", position: 1, values: ["18k Rose Gold"] },
      { name: "Ring size", position: 2, values: ["6", "7"] },
    ],
    variants: [
      {
        id: shopifyId(),
        title: "18k Rose Gold / 6",
        price: "1450.00",
        compare_at_price: null,
        sku: "AHR-6",
        option1: "18k Rose Gold",
        option2: "6",
        inventory_quantity: 2,
        inventory_management: "shopify",
        inventory_policy: "deny",
        inventory_item_id: shopifyId(),
      },
      {
        id: shopifyId(),
        title: "18k Rose Gold / 7",
        price: "1450.00",
        compare_at_price: "1600.00",
        sku: "AHR-7",
        option1: "18k Rose Gold",
        option2: "7",
        inventory_quantity: 0,
        inventory_management: "shopify",
        inventory_policy: "deny",
        inventory_item_id: shopifyId(),
      },
    ],
    images: [{ src: "https://cdn.example/halo.jpg", alt: "Halo ring" }],
    updated_at: new Date().toISOString(),
    ...overrides,
  };
}

export function customerPayload(overrides: Record<string, unknown> = {}) {
  return {
    id: shopifyId(),
    email: "someone@example.com",
    first_name: "Some",
    last_name: "One",
    updated_at: new Date().toISOString(),
    ...overrides,
  };
}

export function orderPayload(overrides: Record<string, unknown> = {}) {
  const id = shopifyId();
  const placed = new Date(Date.now() - 10 * 86_400_000).toISOString();
  return {
    id,
    name: `#${String(id).slice(-5)}`,
    email: "someone@example.com",
    customer: null,
    shipping_address: { zip: "10013" },
    created_at: placed,
    updated_at: placed,
    cancelled_at: null,
    financial_status: "paid",
    total_price: "1450.00",
    currency: "USD",
    note_attributes: [],
    line_items: [
      {
        id: shopifyId(),
        product_id: null,
        variant_id: null,
        title: "Aurora Halo Ring",
        variant_title: "Size 6",
        quantity: 1,
        price: "1450.00",
        properties: [],
      },
    ],
    fulfillments: [],
    ...overrides,
  };
}

/** A fulfilment Shopify reports as delivered `daysAgo` days ago. */
export function deliveredFulfillment(daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  return {
    tracking_company: "UPS",
    tracking_number: "1Z999",
    tracking_url: "https://ups.example/1Z999",
    created_at: at,
    updated_at: at,
    shipment_status: "delivered",
  };
}
