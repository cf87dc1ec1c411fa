// A download that works embedded too: inside Shopify's admin only the app's own fetches carry the session token (a
// plain link would land on the login bounce), so a click fetches the file and saves it; the href is the fallback.

import { useState, type MouseEvent } from "react";

export function DownloadLink(props: { href: string; filename: string; children: string }) {
  const [failed, setFailed] = useState(false);
  async function save(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setFailed(false);
    try {
      const response = await fetch(props.href, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = props.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    }
  }
  return (
    <>
      <a href={props.href} download={props.filename} onClick={save}>
        {props.children}
      </a>
      {failed ? <span role="alert"> The download failed: try again.</span> : null}
    </>
  );
}
