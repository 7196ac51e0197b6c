/**
 * The report's style sheet: the document list on the left, the selected document's pages in the middle and
 * its fields on the right, each scrolling on its own; colours chosen for contrast on white, and tones told
 * apart by border style too, not by colour alone.
 *
 * @module
 */
export const REPORT_STYLES = `
:root {
  color-scheme: light;
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --focus: #0969da;
  --high: #1a7f37; --medium: #9a6700; --low: #cf222e; --unknown: #59636e;
  --correct: #1a7f37; --wrong: #cf222e; --missing: #8250df; --hallucinated: #bc4c00;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { height: 100%; }
body {
  margin: 0; display: flex; flex-direction: column; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button { font: inherit; color: inherit; }
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 8px; top: 8px; z-index: 10; background: #fff; padding: 4px 8px; }

.report-header {
  flex: none; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 24px;
  padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--panel);
}
.report-header h1 { margin: 0; font-size: 17px; }
.summary { margin: 0; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0 0 0 auto; padding: 0; list-style: none; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch {
  display: inline-block; flex: none; width: 14px; height: 11px; border: 2px solid var(--tone);
  background: color-mix(in srgb, var(--tone) 14%, transparent);
}

.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: 290px minmax(0, 1fr); }
.layout.single { grid-template-columns: minmax(0, 1fr); }
.index { overflow: auto; border-right: 1px solid var(--line); background: var(--panel); padding: 12px; }
.filters { display: grid; gap: 10px; margin-bottom: 10px; }
.filters fieldset { margin: 0; padding: 6px 10px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.filters legend, .filters .label { font-weight: 600; padding: 0 4px; }
.filters fieldset label { display: inline-flex; align-items: center; gap: 4px; margin-right: 10px; white-space: nowrap; }
.filters input[type="search"] {
  width: 100%; padding: 6px 8px; border: 1px solid #818b98; border-radius: 6px; font: inherit;
}
.shown-count { margin: 0 0 6px; color: var(--muted); }
.items { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.item {
  width: 100%; display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; text-align: left; cursor: pointer;
  padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
}
.item:hover { border-color: #818b98; }
.item[aria-current="true"] { border-color: var(--focus); box-shadow: inset 3px 0 0 var(--focus); background: #ddf4ff; }
.item-name { font-weight: 600; overflow-wrap: anywhere; }
.item-meta { grid-column: 1 / -1; color: var(--muted); font-size: 12.5px; }
.keys { margin: 12px 0 0; color: var(--muted); font-size: 12.5px; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: #fff; }

.status { border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; white-space: nowrap; align-self: start; }
.status-succeeded { background: #dafbe1; color: #116329; }
.status-incomplete { background: #fff8c5; color: #6c4400; }
.status-failed { background: #ffebe9; color: #a40e26; }
.status-pending { background: #eaeef2; color: #424a53; }

main { min-width: 0; min-height: 0; display: flex; flex-direction: column; }
.document { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.doc-header { flex: none; padding: 10px 16px 0; }
.doc-title { display: flex; align-items: center; gap: 10px; }
.doc-title h2 { margin: 0; font-size: 18px; overflow-wrap: anywhere; }
.doc-meta { margin: 2px 0 8px; color: var(--muted); overflow-wrap: anywhere; }
.alert { margin: 0 0 8px; padding: 8px 12px; border-radius: 6px; border: 1px solid; }
.alert p { margin: 0; }
.alert-error { background: #ffebe9; border-color: #ff818266; color: #82071e; }
.alert-warning { background: #fff8c5; border-color: #d4a72c66; color: #4d2d00; }
.alert-note { background: #ddf4ff; border-color: #54aeff66; color: #0a3069; }
.alert ul { margin: 4px 0 0; padding-left: 20px; max-height: 7.5em; overflow: auto; }

.doc-body { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(480px, 1fr); border-top: 1px solid var(--line); }
.pages { overflow: auto; padding: 16px; background: #e6eaef; }
.page { margin: 0 auto 20px; max-width: 900px; }
.page figcaption { color: var(--muted); font-size: 12.5px; margin-bottom: 4px; }
.sheet { position: relative; background: #fff; box-shadow: 0 1px 4px #1f232840; overflow: hidden; }
.sheet img { display: block; width: 100%; height: auto; }
.text-sheet { padding: 0; width: fit-content; max-width: 100%; overflow: auto; }
.text-sheet .grid { position: relative; margin: 16px; }
.text-sheet pre {
  margin: 0; white-space: pre; tab-size: 1; font-size: 14px; line-height: 20px;
  width: calc(var(--columns) * 1ch); height: calc(var(--rows) * 20px);
}
.box {
  position: absolute; box-sizing: border-box; padding: 0; cursor: pointer; border: 2px solid var(--tone); border-radius: 3px;
  background: color-mix(in srgb, var(--tone) 12%, transparent);
}
.tone-high { --tone: var(--high); }
.tone-medium { --tone: var(--medium); }
.tone-low { --tone: var(--low); }
.tone-unknown { --tone: var(--unknown); }
.tone-correct { --tone: var(--correct); }
.tone-wrong { --tone: var(--wrong); }
.tone-missing { --tone: var(--missing); }
.tone-hallucinated { --tone: var(--hallucinated); }
.box.tone-medium, .swatch.tone-medium, .box.tone-hallucinated, .swatch.tone-hallucinated { border-style: dashed; }
.box.tone-low, .swatch.tone-low { border-style: dotted; }
.box.tone-wrong, .swatch.tone-wrong { border-style: double; border-width: 4px; }
.box.is-preview { background: color-mix(in srgb, var(--tone) 30%, transparent); }
.box.is-selected {
  z-index: 2; border-width: 3px; border-style: solid;
  background: color-mix(in srgb, var(--tone) 22%, transparent);
  box-shadow: 0 0 0 2px #fff, 0 0 0 5px var(--focus), 0 0 0 9999px #1f232818;
}

.fields-panel { overflow: auto; padding: 0 0 16px; }
.fields { width: 100%; border-collapse: collapse; table-layout: fixed; }
.col-field { width: 36%; } .col-value { width: 32%; } .col-confidence { width: 32%; }
.col-check { width: 18%; }
.fields caption { text-align: left; padding: 10px 12px 6px; font-weight: 600; }
.fields caption .detail, .fields th .detail { font-weight: 400; }
.fields th, .fields td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.fields thead th { position: sticky; top: 0; z-index: 1; background: var(--panel); font-size: 12.5px; color: var(--muted); }
.fields tbody tr { cursor: pointer; }
.fields tbody tr:hover, .fields tbody tr.is-preview { background: var(--panel); }
.fields tbody tr.is-selected { background: #ddf4ff; box-shadow: inset 3px 0 0 var(--focus); }
.field-link {
  border: 0; padding: 0; background: none; text-align: left; cursor: pointer;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere;
}
.value { overflow-wrap: anywhere; white-space: pre-wrap; }
.null { color: var(--muted); font-style: italic; }

.confidence .swatch { margin-right: 6px; vertical-align: -1px; }
.detail { display: block; color: var(--muted); font-size: 12px; }
.nowrap { white-space: nowrap; }
.outcome-correct { color: #116329; }
.outcome-wrong, .outcome-hallucinated { color: #a40e26; font-weight: 600; }
.outcome-missing { color: #6639ba; font-weight: 600; }
.json { margin: 12px; }
.json summary { cursor: pointer; font-weight: 600; }
.json pre { background: var(--panel); padding: 10px; border-radius: 6px; overflow: auto; max-height: 400px; }
.no-match { padding: 24px; color: var(--muted); }
@media (max-width: 1000px) {
  .layout { grid-template-columns: 1fr; }
  .index { max-height: 40vh; border-right: 0; border-bottom: 1px solid var(--line); }
  .doc-body { grid-template-columns: 1fr; }
}
`;
