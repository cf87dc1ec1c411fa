// The embedded admin's frame: App Bridge (the real script in Shopify mode, the local stand-in in local mode),
// Polaris, the menu (NavMenu for Shopify's admin; the same links in a header locally) and the one <main>.

import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider as PolarisProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { useEffect, useRef } from "react";
import { AdminError } from "~/components/AdminError";
import { NAV_ITEMS, ROLE_LABELS } from "~/components/adminNav";
import { LocalShell } from "~/components/LocalShell";
import adminStyles from "~/styles/admin.css?url";
import { adminHeaders, adminShell } from "~/platform/adminRoute.server";
import { LOCAL_API_KEY } from "~/platform/shopify.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: adminStyles },
];

export async function loader(args: LoaderFunctionArgs) {
  const { ctx, permissions } = await adminShell(args);
  const local = ctx.mode === "local";
  return {
    mode: ctx.mode,
    apiKey: ctx.runtime.env.shopifyApiKey ?? LOCAL_API_KEY,
    appBridgeUrl: local ? "/app-bridge-local.js" : null,
    shop: { domain: ctx.shop.shop, name: ctx.shop.name, timezone: ctx.shop.settings.businessHours.timezone },
    staff: { userId: ctx.staff.userId, name: ctx.staff.name, role: ctx.staff.role },
    permissions,
    nav: NAV_ITEMS.filter((item) => permissions[item.permission]),
  };
}

export type AdminLayoutData = Awaited<ReturnType<typeof loader>>;

/** The layout's data (shop, staff, permissions) from any admin page. */
export function useAdmin(): AdminLayoutData {
  return useRouteLoaderData<typeof loader>("routes/app")!;
}

/** After moving to another page, focus its heading so screen readers and keyboards start there. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [pathname]);
}

export default function AdminLayout() {
  const data = useLoaderData<typeof loader>();
  useFocusOnNavigation();
  const bridge = data.appBridgeUrl ? { __APP_BRIDGE_URL: data.appBridgeUrl } : {};
  return (
    <AppProvider isEmbeddedApp apiKey={data.apiKey} {...bridge}>
      <NavMenu>
        {data.nav.map((item) => (
          <a key={item.url} href={item.url} rel={item.url === "/app" ? "home" : undefined}>
            {item.label}
          </a>
        ))}
      </NavMenu>
      {data.mode === "local" ? (
        <LocalShell
          shopName={data.shop.name}
          staffName={data.staff.name}
          roleLabel={ROLE_LABELS[data.staff.role]}
          nav={data.nav}
        />
      ) : null}
      <main id="main">
        <Outlet />
      </main>
    </AppProvider>
  );
}

/** The frame itself failed (e.g. the local admin opened from another machine): Polaris alone, no App Bridge. */
export function ErrorBoundary() {
  return (
    <PolarisProvider i18n={polarisTranslations}>
      <main id="main">
        <AdminError />
      </main>
    </PolarisProvider>
  );
}

export const headers: HeadersFunction = adminHeaders;
