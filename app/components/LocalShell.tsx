// Local mode has no Shopify admin around the app: this header stands in for its frame (shop, who you are, the
// same menu App Bridge's NavMenu gives the embedded app), with a skip link for keyboard users.

import { NavLink } from "@remix-run/react";
import type { NavItem } from "./adminNav";

export function LocalShell(props: { shopName: string; staffName: string; roleLabel: string; nav: NavItem[] }) {
  return (
    <header className="aurora-shell">
      <a className="aurora-skip" href="#main">
        Skip to content
      </a>
      <div className="aurora-shell__bar">
        <p className="aurora-shell__brand">
          Aurora Concierge <span className="aurora-shell__shop">· {props.shopName}</span>
        </p>
        <p className="aurora-shell__who">
          {props.staffName} ({props.roleLabel}) · local mode
        </p>
      </div>
      <nav aria-label="Admin">
        <ul className="aurora-shell__nav">
          {props.nav.map((item) => (
            <li key={item.url}>
              <NavLink to={item.url} end={item.url === "/app"} prefetch="intent">
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
