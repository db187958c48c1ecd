// The picker's look: a dark bar and a light panel floating at the bottom of the viewport, set apart from the page (:host all:initial), wrapping onto two rows on a phone.
export const pickerCss = `:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.layer{position:fixed;inset:0;pointer-events:none;z-index:2147483646;overflow:hidden}
.layer div{position:fixed;border-radius:4px}
.hover{outline:2px solid #6366f1;background:rgba(99,102,241,.14)}
.match{outline:2px dashed #f59e0b;outline-offset:1px;background:rgba(245,158,11,.1)}
.dock{position:fixed;z-index:2147483647;left:50%;bottom:12px;transform:translateX(-50%);width:min(760px,calc(100vw - 16px));display:grid;gap:8px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;-webkit-font-smoothing:antialiased}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:6px;border-radius:14px;background:#111827;color:#f9fafb;box-shadow:0 12px 32px rgba(15,23,42,.35)}
.brand{display:flex;align-items:center;gap:7px;padding:0 8px 0 6px;font-weight:700}
.brand:before{content:"";width:10px;height:10px;border-radius:50%;background:#34d399;box-shadow:0 0 0 3px rgba(52,211,153,.25)}
.note{flex:1;padding:6px;color:#d1d5db}
.modes{flex:1;display:flex;gap:2px;padding:3px;border-radius:10px;background:#1f2937}
button{font:inherit;cursor:pointer;border:0;border-radius:8px;padding:7px 12px;background:none;color:inherit;white-space:nowrap}
.modes button{flex:1;color:#d1d5db}
.modes button:hover,.rules-button:hover,.close:hover{background:#374151;color:#fff}
.modes [aria-pressed=true],.modes [aria-pressed=true]:hover{background:#6366f1;color:#fff;font-weight:600}
.rules-button{color:#e5e7eb}
.rules-button[aria-expanded=true]{background:#374151}
.close{padding:4px 11px;font-size:22px;line-height:1;color:#9ca3af}
:focus-visible{outline:2px solid #a5b4fc;outline-offset:2px}
.panel{justify-self:end;width:min(100%,540px);max-height:min(62vh,540px);overflow:auto;padding:16px 18px;border-radius:14px;background:#fff;box-shadow:0 16px 48px rgba(15,23,42,.28),0 0 0 1px rgba(15,23,42,.06)}
h3{margin:0 0 12px;font-size:16px}
.hint{margin:0;color:#374151}
.muted,small{color:#6b7280}
.field{margin:0 0 12px}
label,legend{display:block;font-size:12px;font-weight:600;color:#374151}
.row{display:flex;gap:8px;align-items:center;margin-top:5px}
select+.row{margin-top:8px}
input,select{font:inherit;font-size:14px;color:#111827}
input[type=text],select{min-width:0;flex:1;width:100%;padding:8px 10px;border:1px solid #d1d5db;border-radius:8px;background:#fff}
select{margin-top:5px}
input[type=text]:focus,select:focus{outline:0;border-color:#6366f1;box-shadow:0 0 0 3px rgba(99,102,241,.2)}
.code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pill{flex:none;padding:3px 10px;border-radius:999px;background:#e0e7ff;color:#3730a3;font-size:12px;font-weight:600;white-space:nowrap}
.pill.zero{background:#fee2e2;color:#991b1b}
.warn,.problem{margin:6px 0 0;font-size:13px}
.warn{padding:7px 10px;border-radius:8px;background:#fffbeb;color:#92400e}
.problem,.status[role=alert]{color:#b91c1c}
.warn:empty,.problem:empty,.status:empty{display:none}
fieldset{margin:0 0 12px;padding:0;border:0}
legend{padding:0;margin-bottom:4px}
.check{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:4px 0;font-size:14px;font-weight:400;color:#111827}
.check small{min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.check input[type=text]{flex-basis:180px}
input[type=checkbox]{flex:none;margin:0;width:16px;height:16px;accent-color:#6366f1}
.primary{flex:none;padding:9px 16px;background:#6366f1;color:#fff;font-weight:600}
.primary:hover{background:#4f46e5}
.primary[disabled]{opacity:.6}
.ghost{padding:5px 10px;border:1px solid #d1d5db;color:#374151}
.status{margin:4px 0 0;color:#065f46;font-weight:600}
.rule-row{display:grid;grid-template-columns:minmax(0,1fr) auto auto;gap:10px;align-items:center;padding:8px 0;border-top:1px solid #f3f4f6}
.rule-row b,.rule-row small{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
@media(max-width:600px){.dock{bottom:8px}.modes{order:3;flex-basis:100%}.modes button{padding:7px 4px;font-size:13px}.brand{flex:1}}`;
