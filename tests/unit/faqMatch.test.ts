import { describe, expect, it } from "vitest";
import { bestFaq } from "~/concierge/faqMatch";

const entries = [
  {
    id: "ship",
    topic: "shipping",
    question: "How long does shipping take?",
    answer: "2-4 days",
    keywords: ["shipping", "delivery"],
  },
  {
    id: "fin",
    topic: "financing",
    question: "Do you offer financing?",
    answer: "Yes",
    keywords: ["payment plan", "klarna", "afterpay"],
  },
  {
    id: "care",
    topic: "care",
    question: "How do I clean my jewelry?",
    answer: "Warm water",
    keywords: ["clean", "tarnish"],
  },
  {
    id: "warranty",
    topic: "warranty",
    question: "Is there a warranty?",
    answer: "Lifetime",
    keywords: ["warranty", "repair"],
  },
];

describe("FAQ matching", () => {
  it("prefers the topic of the intent", () => {
    expect(bestFaq(entries, "financing", "can I split it up")?.id).toBe("fin");
    expect(bestFaq(entries, "care_warranty", "is it covered if it breaks")?.id).toMatch(/care|warranty/);
  });

  it("matches multi-word keywords as phrases", () => {
    expect(bestFaq(entries, "faq", "is there a payment plan?")?.id).toBe("fin");
    expect(bestFaq(entries, "faq", "I plan a payment")?.id).not.toBe("fin");
  });

  it("matches single keywords and question words", () => {
    expect(bestFaq(entries, "faq", "how long is delivery to Canada")?.id).toBe("ship");
    expect(bestFaq(entries, "faq", "my silver is starting to tarnish")?.id).toBe("care");
  });

  it("answers nothing rather than a wrong entry when nothing fits", () => {
    expect(bestFaq(entries, "faq", "what is the meaning of life")).toBeNull();
  });

  it("honours an explicit topic", () => {
    expect(bestFaq(entries, "faq", "", "warranty")?.id).toBe("warranty");
  });
});
