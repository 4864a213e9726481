/** The review page's style sheet: two columns at laptop widths (1280 px and up), one below 900 px. */
export const REVIEW_CSS = `
:root { --fail: #c62828; --unknown: #b26a00; --pass: #1565c0; --none: #5f6368; --lit: #ffd600; --focus: #6a1b9a;
  font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; font-size: 15px; }
* { box-sizing: border-box; }
body { margin: 0; color: #1b1b1b; background: #e8eaed; }
header { padding: 10px 18px; background: #fff; border-bottom: 1px solid #c8ccd0; }
header h1 { font-size: 18px; margin: 0 0 4px; }
header p { margin: 2px 0; color: #3c4043; font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; margin-top: 6px; align-items: center; }
.swatch { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; margin-right: 4px; border: 2px solid; }
.swatch.v-fail { border-color: var(--fail); background: rgba(198,40,40,.2); }
.swatch.v-unknown { border-color: var(--unknown); background: rgba(178,106,0,.15); }
.swatch.v-pass { border-color: var(--pass); background: rgba(21,101,192,.12); }
.swatch.v-none { border-color: var(--none); background: rgba(95,99,104,.12); }
.swatch.doubt { border-style: dashed; border-color: #333; }
.swatch.lit { border-color: #000; background: var(--lit); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 16px; padding: 14px 18px; align-items: start; }
.doc { min-width: 0; grid-column: 1; grid-row: 1; }
aside.side { grid-column: 2; grid-row: 1; }
.page, .grid { margin: 0 0 22px; }
figcaption { font-size: 12px; color: #5f6368; margin: 0 0 4px; }
.sheet { position: relative; width: 100%; max-width: 1100px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.sheet img { display: block; width: 100%; height: auto; }
button.cell { font: inherit; color: inherit; cursor: pointer; }
/* Multiply: a tinted box darkens the paper but leaves the printed digits under it black and legible. */
.box { position: absolute; margin: 0; padding: 0; border: 0; background: rgba(21,101,192,.10); outline: 1.5px solid var(--pass); outline-offset: 1px; mix-blend-mode: multiply; }
.box.v-fail { background: rgba(198,40,40,.20); outline: 2.5px solid var(--fail); }
.box.v-unknown { background: rgba(178,106,0,.15); outline-color: var(--unknown); }
.box.v-none { background: rgba(95,99,104,.10); outline-color: var(--none); }
.box.doubt { outline-style: dashed; }
.box .tag { position: absolute; left: calc(100% + 3px); top: 50%; transform: translateY(-50%); pointer-events: none;
  font: 600 10px/1.25 ui-monospace, "DejaVu Sans Mono", monospace; color: #fff; background: var(--pass); padding: 0 3px; border-radius: 3px; white-space: nowrap; }
.box.v-fail .tag { background: var(--fail); }
.box.v-unknown .tag { background: var(--unknown); }
.box.v-none .tag { background: var(--none); }
body.hide-tags .box .tag { display: none; }
.cell.lit { outline: 3px solid #000 !important; background: rgba(255,214,0,.6) !important; z-index: 2; }
.cell.lit .tag { background: #000 !important; }
body.focusing .box:not(.lit) { opacity: .3; }
.cell:focus-visible, .check:focus-visible, .ref:focus-visible { outline: 3px solid var(--focus) !important; outline-offset: 2px; z-index: 3; }
.grid table { border-collapse: collapse; background: #fff; font-size: 13px; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.grid td { border: 1px solid #9aa0a6; padding: 3px 6px; vertical-align: middle; }
.grid td.has-cell { padding: 0; }
.gridcell { display: block; width: 100%; min-height: 26px; padding: 3px 6px; border: 0; text-align: right; background: rgba(21,101,192,.08); box-shadow: inset 0 0 0 2px var(--pass); }
.gridcell.v-fail { background: rgba(198,40,40,.16); box-shadow: inset 0 0 0 3px var(--fail); }
.gridcell.v-unknown { background: rgba(178,106,0,.14); box-shadow: inset 0 0 0 2px var(--unknown); }
.gridcell.v-none { background: rgba(95,99,104,.08); box-shadow: inset 0 0 0 2px var(--none); }
.text { background: #fff; padding: 12px 16px; font: 14px/1.7 ui-monospace, "Noto Sans Mono CJK SC", monospace; white-space: pre-wrap; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.inline { border: 0; padding: 0 1px; margin: 0 1px; background: rgba(21,101,192,.14); border-bottom: 2px solid var(--pass); font-family: inherit; }
.inline.v-fail { background: rgba(198,40,40,.2); border-bottom-color: var(--fail); }
.inline.v-unknown { background: rgba(178,106,0,.16); border-bottom-color: var(--unknown); }
.inline.v-none { border-bottom-color: var(--none); }
.chip { font: 10px/1.3 ui-monospace, monospace; border: 1px solid var(--pass); background: #fff; border-radius: 3px; padding: 0 3px; margin: 0 1px; vertical-align: super; }
.chip.v-fail { border-color: var(--fail); }
.chip.v-unknown { border-color: var(--unknown); }
.chip.v-none { border-color: var(--none); }
.chip.doubt { border-style: dashed; }
aside.side { position: sticky; top: 0; max-height: 100vh; overflow: auto; background: #fff; border: 1px solid #c8ccd0; padding: 0 12px 12px; }
aside h2 { font-size: 14px; margin: 14px 0 6px; }
#details { position: sticky; top: 0; background: #fffde7; border-bottom: 1px solid #d7ccc8; margin: 0 -12px; padding: 10px 12px; max-height: 46vh; overflow: auto; z-index: 1; font-size: 13px; }
#details h3 { font-size: 14px; margin: 0 0 6px; word-break: break-all; }
#details dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
#details dt { color: #5f6368; }
#details dd { margin: 0; word-break: break-all; }
#details ul { margin: 4px 0 0; padding-left: 0; list-style: none; }
.ref { font: inherit; font-size: 12px; border: 1px solid #bdc1c6; background: #fff; border-radius: 4px; padding: 1px 6px; margin: 2px 0; cursor: pointer; text-align: left; }
.ref.v-fail { border-color: var(--fail); color: var(--fail); }
.ref.v-unknown { border-color: var(--unknown); color: var(--unknown); }
.checks { list-style: none; margin: 0; padding: 0; }
.check { display: grid; grid-template-columns: 62px 1fr; gap: 0 8px; width: 100%; text-align: left; font: inherit; font-size: 13px;
  background: #fff; border: 1px solid #dadce0; border-left: 5px solid var(--pass); border-radius: 4px; padding: 4px 8px; margin: 0 0 4px; cursor: pointer; }
.check.v-fail { border-left-color: var(--fail); background: #fdecea; }
.check.v-unknown { border-left-color: var(--unknown); background: #fff4e0; }
.check.v-soft { border-left-color: #8d6e63; background: #f5f0ee; }
.check[aria-pressed="true"] { outline: 3px solid #000; background: #fff8c4; }
.check .status { font-weight: 700; text-transform: uppercase; font-size: 11px; }
.check.v-fail .status { color: var(--fail); }
.check.v-unknown .status { color: var(--unknown); }
.check .id { font-family: ui-monospace, monospace; word-break: break-all; }
.check .sums { grid-column: 2; color: #5f6368; font-size: 12px; }
.undrawn { display: flex; flex-wrap: wrap; gap: 4px; }
.undrawn .cell { font-size: 12px; border: 1px solid #bdc1c6; background: #f8f9fa; border-radius: 4px; padding: 1px 6px; }
.undrawn .cell.v-fail { border-color: var(--fail); }
.warnings { font-size: 12px; padding-left: 18px; }
.warnings code { font-size: 11px; }
/* Narrow windows: one column, the checks below the document. */
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } aside.side { position: static; max-height: none; grid-column: 1; grid-row: 2; } }
`;
