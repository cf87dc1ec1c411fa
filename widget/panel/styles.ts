// The panel's styles (WIDGET-LOOK.md): the theme's font, the merchant's accent, our neutrals; one elevation;
// 44 px targets; motion only to explain, none under prefers-reduced-motion.

export const PANEL_CSS = `
.p{--ac-bg:#fff;--ac-surface:#f7f6f4;--ac-text:#1f1f1f;--ac-muted:#6b6b6b;--ac-border:#e6e3df;--ac-danger:#b42318;
position:fixed;right:16px;bottom:calc(var(--ac-offset) + 68px);width:380px;height:min(640px,80vh);max-height:calc(100vh - var(--ac-offset) - 84px);
display:flex;flex-direction:column;background:var(--ac-bg);color:var(--ac-text);border:1px solid var(--ac-border);border-radius:14px;
box-shadow:0 12px 40px rgba(0,0,0,.16);font:15px/1.45 inherit;overflow:hidden;box-sizing:border-box;
animation:rise .18s ease-out}
.p.dark{--ac-bg:#1c1c1e;--ac-surface:#2a2a2d;--ac-text:#f4f4f5;--ac-muted:#b4b4bb;--ac-border:#3a3a3f;--ac-danger:#ff8a80}
:host(.left) .p{right:auto;left:16px}
@keyframes rise{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}
@media (prefers-reduced-motion:reduce){.p,.dot{animation:none!important}}
@media (max-width:480px){.p{inset:0;width:auto;height:auto;max-height:none;border-radius:0;border:0}:host(.open) .l{display:none}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.i{display:inline-flex}.i svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round}
button,input,select,textarea{font:inherit;color:inherit}
a{color:inherit}
:focus-visible{outline:2px solid var(--ac-accent);outline-offset:2px}
.hd{display:flex;align-items:center;gap:4px;padding:8px 8px 8px 16px;border-bottom:1px solid var(--ac-border)}
.hd .grow{flex:1;min-width:0}
.hd h2{font-size:17px;font-weight:600;margin:0;flex:1;min-width:0}
.sub{margin:0;font-size:13px;color:var(--ac-muted)}
.ib{all:unset;box-sizing:border-box;min-width:44px;height:44px;display:inline-flex;align-items:center;justify-content:center;border-radius:999px;cursor:pointer;gap:4px;padding:0 8px}
.ib:hover{background:var(--ac-surface)}
.ib:focus-visible{outline:2px solid var(--ac-accent)}
.cnt{font-size:13px;font-weight:600}
.mn{border-bottom:1px solid var(--ac-border);padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px;align-items:center;background:var(--ac-surface)}
.log{flex:1;min-height:0;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:12px;overscroll-behavior:contain}
.m{max-width:88%;padding:10px 12px;border-radius:14px;background:var(--ac-surface);white-space:pre-wrap;overflow-wrap:anywhere}
.m.me{align-self:flex-end;background:var(--ac-accent);color:var(--ac-on-accent)}
.m.agent{border:1px solid var(--ac-accent)}
.who{display:block;font-size:13px;font-weight:600;color:var(--ac-muted)}
.blk{display:flex;flex-direction:column;gap:8px}
.blk>p{margin:0}
.pills{display:flex;flex-wrap:wrap;gap:8px}
.pill,.btn,.pri{all:unset;box-sizing:border-box;min-height:44px;padding:10px 16px;border-radius:999px;border:1px solid var(--ac-border);cursor:pointer;
display:inline-flex;align-items:center;justify-content:center;text-align:center;background:var(--ac-bg);font-size:15px;line-height:1.2;text-decoration:none}
.pill:hover,.btn:hover{border-color:var(--ac-text)}
.pill:focus-visible,.btn:focus-visible,.pri:focus-visible{outline:2px solid var(--ac-accent);outline-offset:2px}
.pri{background:var(--ac-accent);color:var(--ac-on-accent);border-color:var(--ac-accent);font-weight:600}
.pri[disabled],.btn[disabled],.pri[aria-disabled=true]{opacity:.6;cursor:default}
.btn[aria-pressed=true]{border-color:var(--ac-accent);font-weight:600}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:480px){.cards{display:flex;overflow-x:auto;scroll-snap-type:x mandatory;padding-bottom:4px}.card{flex:0 0 70%;scroll-snap-align:start}}
.card{border:1px solid var(--ac-border);border-radius:10px;overflow:hidden;display:flex;flex-direction:column;background:var(--ac-bg)}
.card img{width:100%;aspect-ratio:1;object-fit:cover;background:var(--ac-surface);display:block}
.cb{padding:8px 12px 12px;display:flex;flex-direction:column;gap:4px;flex:1}
.card h3{font-size:15px;font-weight:600;margin:0;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.meta,.ship,.hint{font-size:13px;color:var(--ac-muted);margin:0}
.price{margin:0;font-weight:600}.price s{font-weight:400;color:var(--ac-muted);margin-left:6px}
.rts{display:inline-block;font-size:13px;font-weight:600;color:var(--ac-text);border:1px solid var(--ac-border);border-radius:999px;padding:0 8px;align-self:flex-start}
.acts{display:grid;grid-template-columns:1fr 1fr;gap:6px;margin-top:auto;padding-top:6px}
.acts .btn,.acts .pri{padding:8px;font-size:13px}.acts .pri{grid-column:1/-1}
.frm{border:1px solid var(--ac-border);border-radius:10px;padding:12px;display:flex;flex-direction:column;gap:12px;margin:0}
.frm legend{font-weight:600;padding:0 4px}
.fld{display:flex;flex-direction:column;gap:4px}
.fld label{font-size:13px;font-weight:600}
.fld input,.fld select,.fld textarea{min-height:44px;border:1px solid #8a8580;border-radius:8px;padding:8px 10px;background:var(--ac-bg);width:100%}
.fld textarea{min-height:72px;resize:vertical}
.fld [aria-invalid=true]{border-color:var(--ac-danger);border-width:2px}
.err{color:var(--ac-danger);font-size:13px;margin:0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.card2{border:1px solid var(--ac-border);border-radius:10px;padding:12px;display:flex;flex-direction:column;gap:8px}
.card2 h3{margin:0;font-size:15px}
.tl{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px;font-size:13px}
.tl li{display:flex;gap:8px;align-items:center;color:var(--ac-muted)}
.tl li::before{content:"";width:10px;height:10px;border-radius:50%;border:2px solid var(--ac-border);flex:none}
.tl .done{color:var(--ac-text)}.tl .done::before{background:var(--ac-text);border-color:var(--ac-text)}
.tl .current{color:var(--ac-text);font-weight:600}.tl .current::before{border-color:var(--ac-accent);background:var(--ac-accent)}
.ok{color:var(--ac-text)}
.stars{display:flex;gap:6px;flex-wrap:wrap}
.stars .btn{min-width:44px;padding:8px}
.st{padding:0 16px 8px;font-size:13px;color:var(--ac-muted)}
.typing{display:flex;gap:4px;align-items:center;padding:10px 12px;border-radius:14px;background:var(--ac-surface);align-self:flex-start}
.dot{width:6px;height:6px;border-radius:50%;background:var(--ac-muted);animation:blink 1.2s infinite}
.dot:nth-child(2){animation-delay:.2s}.dot:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.3}40%{opacity:1}}
.alert{border:1px solid var(--ac-danger);border-radius:10px;padding:12px;display:flex;flex-direction:column;gap:8px}
.alert p{margin:0}
.ft{border-top:1px solid var(--ac-border);padding:8px 8px 8px 12px;display:flex;gap:8px;align-items:flex-end}
.ft textarea{flex:1;min-height:44px;max-height:120px;resize:none;border:1px solid #8a8580;border-radius:10px;padding:10px 12px;background:var(--ac-bg)}
.ft textarea::placeholder{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ft .pri{border-radius:50%;width:44px;padding:0}
.dr{position:absolute;inset:0;background:var(--ac-bg);display:flex;flex-direction:column;z-index:2}
.dr .log{gap:8px}
.share{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.share input{flex:1;min-width:0;min-height:44px;border:1px solid #8a8580;border-radius:8px;padding:8px;background:var(--ac-bg)}
.row{display:flex;gap:8px;align-items:center}
.row img{width:56px;height:56px;border-radius:8px;object-fit:cover;flex:none}
.row .grow{flex:1;min-width:0}
`;
