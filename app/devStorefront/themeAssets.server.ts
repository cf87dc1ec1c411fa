// The dev theme's static assets: its stylesheet and light hero, and — for performance measurements with a
// realistic theme weight (`?theme=heavy`) — about 100 KB of theme JavaScript and a large hero photo stand-in.
// Everything is generated deterministically once per process.

import { deflateSync } from "node:zlib";

export const THEME_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:"Iowan Old Style","Palatino Linotype",Georgia,serif;color:#232020;background:#fbfaf8;line-height:1.55}
a{color:#232020}
img{max-width:100%;height:auto;display:block}
.wrap{max-width:1200px;margin:0 auto;padding:0 20px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.consent{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:center;padding:10px 20px;background:#efe9e1;font-size:14px}
.consent p{margin:0}
.site-header{border-bottom:1px solid #e6e1da;background:#fff}
.header-row{display:flex;align-items:center;gap:24px;min-height:72px;flex-wrap:wrap}
.logo{font-size:22px;letter-spacing:.12em;text-transform:uppercase;text-decoration:none;margin:0}
.nav{display:flex;gap:20px;list-style:none;margin:0;padding:0;flex-wrap:wrap}
.nav a,.header-tools a{text-decoration:none;font-size:15px;padding:12px 0;display:inline-block}
.nav a:hover,.header-tools a:hover{text-decoration:underline}
.header-tools{margin-left:auto;display:flex;gap:20px}
.hero{position:relative;background:#e9e2d8;overflow:hidden}
.hero-img{width:100%;height:auto;aspect-ratio:16/9;max-height:560px;object-fit:cover}
.hero-copy{position:absolute;inset:auto 0 10% 0;color:#1d1a17}
.hero-copy h1{font-size:clamp(32px,5vw,56px);font-weight:400;margin:.2em 0;max-width:14ch}
.hero-copy p{max-width:42ch}
.eyebrow{text-transform:uppercase;letter-spacing:.14em;font-size:13px}
.button{display:inline-block;background:#1f3a5f;color:#fff;border:1px solid #1f3a5f;padding:12px 24px;min-height:44px;font:inherit;font-size:15px;text-decoration:none;border-radius:2px;cursor:pointer}
.button--small{padding:6px 14px;min-height:36px}
.button--ghost{background:transparent;color:#1f3a5f}
.button[disabled]{opacity:.6}
.section{padding:48px 20px}
.section h2{font-weight:400;font-size:28px;margin:0 0 24px}
.section h1{font-weight:400;font-size:36px;margin:0 0 8px}
.tiles{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:20px}
.tile{display:block;text-decoration:none;text-align:center;background:#fff;border:1px solid #eee9e2}
.tile span{display:block;padding:12px;font-size:18px}
.grid{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:28px}
.product-card a{text-decoration:none}
.product-card img{background:#fff;border:1px solid #eee9e2;aspect-ratio:1}
.product-title{display:block;margin-top:10px;font-size:16px}
.price{margin:4px 0;font-family:system-ui,sans-serif;font-size:15px}.price s{color:#5f5a55}
.price.big{font-size:22px}
.badge{display:inline-block;margin:4px 0;font-family:system-ui,sans-serif;font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:#3d5a3d}
.small{font-size:14px;color:#5f5a55}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:48px;align-items:start}
@media (max-width:760px){.product{grid-template-columns:1fr}}
.product-image{background:#fff;border:1px solid #eee9e2;width:100%}
.buy{display:flex;flex-direction:column;gap:10px;max-width:320px;margin:20px 0}
.buy select{min-height:44px;font:inherit;padding:8px}
.description{max-width:60ch}
.narrow{max-width:720px}
.people{list-style:none;padding:0;display:flex;flex-direction:column;gap:12px}
.people form{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.cart{border-collapse:collapse;width:100%;max-width:720px;font-family:system-ui,sans-serif}
.cart th,.cart td{text-align:left;padding:10px;border-bottom:1px solid #e6e1da}
.site-footer{border-top:1px solid #e6e1da;background:#fff;margin-top:48px;padding:32px 0 120px}
.footer-row{display:flex;flex-direction:column;gap:12px}
.footer-links{list-style:none;margin:0;padding:0;display:flex;gap:20px;flex-wrap:wrap}
.footer-links a{display:inline-block;padding:10px 0}
.orders{padding-left:20px}
`;

export const HERO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900" width="1600" height="900">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f3ede4"/><stop offset="1" stop-color="#d9cbb6"/></linearGradient>
<linearGradient id="m" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f9e29c"/><stop offset="1" stop-color="#b8862a"/></linearGradient></defs>
<rect width="1600" height="900" fill="url(#g)"/>
<ellipse cx="1160" cy="470" rx="210" ry="200" fill="none" stroke="url(#m)" stroke-width="34"/>
<path d="M1120 250 L1145 215 H1175 L1200 250 L1160 300 Z" fill="#eef7fc" stroke="#9aa" stroke-width="3"/>
<ellipse cx="1320" cy="560" rx="120" ry="114" fill="none" stroke="#c9c9cf" stroke-width="18"/>
</svg>`;

/** About 100 KB of theme-like JavaScript: many small modules registered and initialised on DOMContentLoaded. */
export function heavyThemeJs(targetBytes = 100_000): string {
  const parts: string[] = [
    "(function(){'use strict';var registry={},state={};function define(n,f){registry[n]=f}",
    "function debounce(f,w){var t;return function(){var a=arguments,c=this;clearTimeout(t);t=setTimeout(function(){f.apply(c,a)},w)}}",
  ];
  let i = 0;
  while (parts.join("").length < targetBytes - 600) {
    const words = Array.from(
      { length: 12 },
      (_, k) =>
        `"${["drawer", "cart", "slider", "variant", "media", "price", "badge", "filter", "menu", "modal", "tab", "zoom"][(i + k) % 12]}-${(i * 7 + k) % 97}"`,
    );
    parts.push(
      `define("m${i}",function(root){var keys=[${words.join(",")}],out=0;` +
        `for(var j=0;j<keys.length;j++){out+=keys[j].length*(j+${i % 13});state[keys[j]]=(state[keys[j]]||0)+out%7}` +
        `var els=root.querySelectorAll("[data-m${i % 40}]");for(var k=0;k<els.length;k++){els[k].setAttribute("data-ready","${i}")}` +
        `return{name:"m${i}",weight:out,label:keys.join(" ").toUpperCase().slice(0,${20 + (i % 30)})}});`,
    );
    i++;
  }
  parts.push(
    "function init(){var t=0;for(var n in registry){var r=registry[n](document);t+=r.weight+r.label.length}" +
      "window.__themeReady=t;var onScroll=debounce(function(){document.documentElement.dataset.scrolled=String(window.scrollY>10)},50);" +
      "addEventListener('scroll',onScroll,{passive:true})}",
    "if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',init);else init()})();",
  );
  return parts.join("\n");
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1600×900 photo-like PNG (warm gradient, soft shapes, grain), a few hundred KB like a real hero image. */
export function heroPng(width = 1600, height = 900): Buffer {
  let seed = 42;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 3) - 1;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let p = 0;
  for (let y = 0; y < height; y++) {
    raw[p++] = 0;
    for (let x = 0; x < width; x++) {
      const dx = x - 1160;
      const dy = y - 470;
      const ring = Math.abs(Math.sqrt(dx * dx + dy * dy) - 200) < 18 ? 1 : 0;
      const base = 236 - (x + y) / 60;
      const grain = noise();
      raw[p++] = Math.max(0, Math.min(255, ring ? 214 + grain : base + grain));
      raw[p++] = Math.max(0, Math.min(255, ring ? 170 + grain : base - 10 + grain));
      raw[p++] = Math.max(0, Math.min(255, ring ? 80 + grain : base - 26 + grain));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 6 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
