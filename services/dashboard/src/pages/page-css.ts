/**
 * The run viewer's whole stylesheet, inlined in every page: no static files, no build step,
 * nothing fetched from elsewhere (the CSP allows none of it).
 */
export const PAGE_CSS = `
:root {
  --ink: #1f2933; --ink-2: #52606d; --ink-3: #7b8794; --line: #e4e7eb; --line-2: #d2d6dc;
  --bg: #f5f7fa; --card: #ffffff; --accent: #2563eb; --accent-ink: #1d4ed8;
  --ok: #15803d; --ok-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2; --warn: #a16207; --warn-bg: #fef3c7;
  --info: #1d4ed8; --info-bg: #dbeafe; --neutral: #475569; --neutral-bg: #e2e8f0;
  --radius: 8px; --shadow: 0 1px 2px rgba(15, 23, 42, .06), 0 1px 3px rgba(15, 23, 42, .08);
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
h1 { font-size: 22px; margin: 0; font-weight: 650; letter-spacing: -.01em; }
h2 { font-size: 15px; margin: 0 0 12px; font-weight: 650; }
h3 { font-size: 13px; margin: 0; font-weight: 650; }

.topbar { display: flex; align-items: center; gap: 24px; padding: 0 28px; height: 56px; background: #111827; color: #e5e7eb; }
.brand { display: flex; align-items: center; gap: 10px; color: #fff; font-weight: 650; font-size: 15px; }
.brand:hover { text-decoration: none; }
.brand-mark { width: 22px; height: 22px; border-radius: 5px; background:
  linear-gradient(#111827 0 0) 7px 0 / 1.5px 100% no-repeat, linear-gradient(#111827 0 0) 14px 0 / 1.5px 100% no-repeat,
  linear-gradient(#111827 0 0) 0 7px / 100% 1.5px no-repeat, linear-gradient(#111827 0 0) 0 14px / 100% 1.5px no-repeat, #fbbf24; }
.brand-sub { color: #9ca3af; font-weight: 500; font-size: 13px; margin-left: 2px; }
.topbar nav { display: flex; gap: 4px; margin-left: auto; }
.topbar nav a { color: #d1d5db; padding: 7px 12px; border-radius: 6px; font-weight: 500; }
.topbar nav a:hover { background: #1f2937; color: #fff; text-decoration: none; }
.topbar nav a[aria-current="page"] { background: #374151; color: #fff; }

main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }
.page-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 16px; margin-bottom: 20px; }
.page-head .sub { color: var(--ink-2); margin-top: 4px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 18px 20px; margin-bottom: 20px; }
.card.flush { padding: 0; overflow-x: auto; }
.card-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; margin-bottom: 12px; }
.card-head h2 { margin: 0; }
.card-head.pad { padding: 16px 20px 0; }
.card.flush > .empty { margin: 0; }
.muted { color: var(--ink-3); }
.small { font-size: 12.5px; }

.button { display: inline-flex; align-items: center; gap: 6px; padding: 7px 14px; border-radius: 6px; border: 1px solid var(--line-2);
  background: #fff; color: var(--ink); font: inherit; font-weight: 550; cursor: pointer; white-space: nowrap; }
.button:hover { background: #f3f4f6; text-decoration: none; }
.button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.button.primary:hover { background: var(--accent-ink); }

.badge { display: inline-flex; align-items: center; gap: 5px; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
  text-transform: capitalize; white-space: nowrap; line-height: 20px; }
.badge::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: currentColor; }
.badge.ok { color: var(--ok); background: var(--ok-bg); }
.badge.bad { color: var(--bad); background: var(--bad-bg); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.neutral { color: var(--neutral); background: var(--neutral-bg); }
.badge.muted { color: var(--ink-3); background: #f1f5f9; }
.badge.live::before { animation: pulse 1.2s ease-in-out infinite; }
@keyframes pulse { 50% { opacity: .25; } }
.winner { display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 700;
  color: #854d0e; background: #fef08a; letter-spacing: .02em; text-transform: uppercase; }

table.data { width: 100%; border-collapse: collapse; }
table.data th { text-align: left; font-size: 12px; font-weight: 600; color: var(--ink-2); text-transform: uppercase; letter-spacing: .04em;
  padding: 10px 12px; background: #f9fafb; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.data td { padding: 11px 12px; border-bottom: 1px solid var(--line); vertical-align: middle; }
table.data tr:last-child td { border-bottom: 0; }
table.data tbody tr:hover { background: #f9fafb; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
.room-name { font-weight: 600; }
td.room { min-width: 200px; }
.nowrap { white-space: nowrap; }
.device-count { display: inline-flex; align-items: center; gap: 6px; font-variant-numeric: tabular-nums; }
td.placed .device-count { min-width: 44px; }
table.data th .small { text-transform: none; letter-spacing: 0; font-weight: 500; }
.swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; border: 1px solid rgba(0,0,0,.25); }
.swatch.light { background: #f2c200; }
.swatch.airSupply { background: #2f6fe4; }
.swatch.smokeDetector { background: #fff; border: 2px solid #d62828; border-radius: 50%; }
.empty { text-align: center; padding: 48px 20px; color: var(--ink-2); }
.empty p { margin: 0 0 14px; }
.empty h1 { margin-bottom: 8px; color: var(--ink); }
.filters { display: flex; gap: 6px; flex-wrap: wrap; }
.filters a { padding: 4px 11px; border-radius: 999px; border: 1px solid var(--line-2); color: var(--ink-2); font-size: 12.5px; font-weight: 550; background: #fff; }
.filters a[aria-current="true"] { background: var(--ink); border-color: var(--ink); color: #fff; }
.filters a:hover { text-decoration: none; border-color: var(--ink-3); }

.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 1px; background: var(--line); border: 1px solid var(--line);
  border-radius: var(--radius); overflow: hidden; margin-bottom: 20px; box-shadow: var(--shadow); }
.fact { background: #fff; padding: 12px 16px; }
.fact .label { font-size: 11.5px; color: var(--ink-2); text-transform: uppercase; letter-spacing: .05em; font-weight: 600; }
.fact .value { font-size: 15px; font-weight: 600; margin-top: 2px; overflow-wrap: anywhere; }
.alert { border-radius: var(--radius); padding: 12px 16px; margin-bottom: 20px; border: 1px solid; }
.alert.bad { background: #fef2f2; border-color: #fecaca; color: #7f1d1d; }
.alert.info { background: #eff6ff; border-color: #bfdbfe; color: #1e3a8a; }
.alert ul { margin: 8px 0 0; padding-left: 20px; }
.alert li { margin: 3px 0; }

.graph { display: grid; grid-template-columns: minmax(230px, 1fr) 64px minmax(230px, 1fr) 64px minmax(230px, 1fr); align-items: center; row-gap: 8px; }
.graph .column { display: flex; flex-direction: column; gap: 12px; }
.graph .column-title { font-size: 11.5px; font-weight: 600; color: var(--ink-2); text-transform: uppercase; letter-spacing: .05em; }
.graph .edges-wrap { position: relative; align-self: stretch; }
.graph .edges-wrap::after { content: ""; position: absolute; right: 0; top: 50%; transform: translateY(-50%); border-left: 8px solid #94a3b8; border-top: 5px solid transparent; border-bottom: 5px solid transparent; }
.graph .edges { width: 100%; height: 100%; min-height: 60px; }
.graph .edges path { fill: none; stroke: #94a3b8; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.node { position: relative; border: 1px solid var(--line-2); border-left: 4px solid var(--neutral); border-radius: 7px; background: #fff; padding: 10px 12px; }
.node.ok { border-left-color: var(--ok); }
.node.bad { border-left-color: var(--bad); background: #fffafa; }
.node.info { border-left-color: var(--info); }
.node.warn { border-left-color: var(--warn); }
.node.selected { box-shadow: 0 0 0 2px #facc15; border-color: #eab308; }
.node.dimmed { opacity: .78; }
.node-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.node-title { font-weight: 650; }
.node-title .model { color: var(--ink-2); font-weight: 500; }
.node dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 8px 0 0; font-size: 12.5px; }
.node dt { color: var(--ink-3); }
.node dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.node .failure { margin-top: 6px; font-size: 12px; color: var(--bad); overflow-wrap: anywhere; }
.node-foot { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 8px; min-height: 22px; }
.node a.job { font-size: 12px; }

.layout-2 { display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; }
.plan { overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.plan svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--line); align-self: stretch; flex: 1; }
.tab { padding: 6px 14px; margin-bottom: -1px; border: 1px solid transparent; border-radius: 6px 6px 0 0; color: var(--ink-2); font-weight: 600; }
.tab:hover { text-decoration: none; color: var(--ink); background: #f9fafb; }
.tab[aria-selected="true"] { color: var(--ink); background: #fff; border-color: var(--line); border-bottom-color: #fff; }
.downloads { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; margin-bottom: 12px; }
.downloads .muted { margin-right: 4px; }
.button.small-button { padding: 3px 10px; font-size: 12.5px; }

.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 14px; margin-bottom: 16px; }
.kpi { border: 1px solid var(--line); border-radius: 7px; padding: 12px 14px; background: #fff; }
.kpi.pass { border-top: 3px solid var(--ok); }
.kpi.fail { border-top: 3px solid var(--bad); }
.kpi .label { font-size: 12px; color: var(--ink-2); font-weight: 600; display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.kpi .value { font-size: 24px; font-weight: 650; margin-top: 4px; font-variant-numeric: tabular-nums; }
.kpi .value .unit { font-size: 14px; color: var(--ink-2); font-weight: 500; margin-left: 3px; }
.kpi .target { font-size: 12.5px; color: var(--ink-2); }
.checks { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 14px; }
.check { border: 1px solid var(--line); border-radius: 7px; padding: 12px 14px; }
.check-head { display: flex; justify-content: space-between; align-items: center; margin-bottom: 8px; }
.check table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
.check td { padding: 3px 0; border-bottom: 1px dashed var(--line); }
.check td:last-child { text-align: right; font-variant-numeric: tabular-nums; font-weight: 550; }
.check tr:last-child td { border-bottom: 0; }
.reasons { margin: 8px 0 0; padding: 8px 10px 8px 26px; background: #fef2f2; border-radius: 6px; color: #7f1d1d; font-size: 12.5px; }

form .field { margin-bottom: 18px; }
form .title { display: block; font-weight: 600; margin-bottom: 6px; }
.choice { display: flex; gap: 12px; flex-wrap: wrap; }
.choice label { display: flex; gap: 10px; align-items: flex-start; border: 1px solid var(--line-2); border-radius: 7px; padding: 12px 14px; cursor: pointer; flex: 1 1 260px; background: #fff; }
.choice label:has(input:checked) { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); background: #f8faff; }
.choice .hint { display: block; color: var(--ink-2); font-size: 12.5px; font-weight: 400; }
textarea { width: 100%; min-height: 300px; padding: 10px 12px; border: 1px solid var(--line-2); border-radius: 7px; resize: vertical;
  font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--ink); background: #fcfcfd; }
textarea:focus, input[type=file]:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.file-row { display: flex; align-items: center; gap: 12px; margin-bottom: 10px; flex-wrap: wrap; }
.file-row .file-name { color: var(--ink-2); font-size: 12.5px; }
.issue-path { font-weight: 650; }
.floor-bar { width: 100%; height: 14px; accent-color: var(--ok); margin: 4px 0 8px; }
.floor-bar.small-bar { width: 120px; height: 10px; margin: 0; vertical-align: middle; }
.percent { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
.bad-text { color: var(--bad); }
.issue-room { margin-top: 8px; font-weight: 650; }
.daily-job { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 12px 20px; }
.daily-job form { margin: 0; }
@media (max-width: 900px) {
  .graph { grid-template-columns: 1fr; gap: 8px; }
  .graph .edges-wrap { display: none; }
  main { padding: 16px; }
}
`;
