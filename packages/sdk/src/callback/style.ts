// The callback widget's look: every colour, radius and font a CSS variable the site may set on :root (--pulse-cb-accent and the rest).
export const widgetCss = `:host{all:initial}
.shade{position:fixed;inset:0;background:rgba(17,24,39,.45);z-index:2147483646}
.box{position:fixed;z-index:2147483647;left:50%;top:50%;transform:translate(-50%,-50%);width:min(92vw,380px);box-sizing:border-box;padding:24px;border-radius:var(--pulse-cb-radius,14px);background:var(--pulse-cb-bg,#fff);color:var(--pulse-cb-text,#111827);font:15px/1.45 var(--pulse-cb-font,system-ui,sans-serif);box-shadow:0 20px 50px rgba(0,0,0,.25)}
h2{margin:0 28px 6px 0;font-size:20px}
p{margin:0 0 14px;color:var(--pulse-cb-muted,#4b5563)}
form{display:grid;gap:10px}
.field{display:grid;gap:4px;font-size:13px;color:var(--pulse-cb-muted,#4b5563)}
input{font:inherit;color:inherit}
.field input{padding:9px 11px;border:1px solid var(--pulse-cb-line,#d1d5db);border-radius:8px;background:#fff}
.check{display:flex;gap:8px;align-items:flex-start;font-size:13px}
button{font:inherit;cursor:pointer}
button[type=submit]{padding:10px 14px;border:0;border-radius:8px;background:var(--pulse-cb-accent,#4f46e5);color:var(--pulse-cb-on-accent,#fff);font-weight:600}
button[disabled]{opacity:.6}
.x{position:absolute;top:10px;right:12px;border:0;background:none;font-size:24px;line-height:1;color:inherit}
:focus-visible{outline:2px solid var(--pulse-cb-accent,#4f46e5);outline-offset:2px}
.status:empty{display:none}
.status[role=alert]{color:#b91c1c}
.done{font-weight:600;color:var(--pulse-cb-text,#111827)}`;
