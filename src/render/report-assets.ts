// What the report page carries inline: its style sheet and the small script that sorts the
// per-client table. System fonts only, no library: the page opens offline, from a mail
// attachment or a shared folder, and its Content-Security-Policy forbids fetching anything.

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export const REPORT_CSS = `
:root{--ink:#1c2230;--muted:#5d6675;--line:#dfe3ea;--bg:#f5f6f8;--card:#fff;--accent:#1f4e8c;--up:#a33a2c;--down:#2e7d4f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1120px;margin:0 auto;padding:24px 16px 40px}
h1{font-size:1.55rem;line-height:1.2;margin:0 0 4px}
h2{font-size:1.15rem;margin:0 0 12px}
p{margin:0 0 8px}
.muted{color:var(--muted)}
.small{font-size:.85rem}
.nw{white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px;margin:18px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;min-width:0}
.card .label{color:var(--muted);font-size:.85rem}
.card .value{font-size:1.7rem;font-weight:650;font-variant-numeric:tabular-nums;margin:2px 0;white-space:nowrap}
.card .value.long{font-size:1.3rem;line-height:2.2rem}
.card .value.longer{font-size:1.05rem;line-height:2.2rem}
.card .change{font-size:.85rem;font-weight:600}
.change.up{color:var(--up)}.change.down{color:var(--down)}.change.same{color:var(--muted)}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px;margin:14px 0;min-width:0}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:28px}
@media (max-width:800px){.grid2{grid-template-columns:minmax(0,1fr)}}
.chart{display:block;overflow:visible}
.chart-label{font-size:13px;fill:var(--ink)}
.chart-value{font-size:13px;font-weight:600;fill:var(--ink);font-variant-numeric:tabular-nums}
.chart-note{font-size:12px;fill:var(--muted)}
.legend{list-style:none;padding:0;margin:14px 0 10px;display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:6px 16px;font-size:.9rem}
.legend li{display:flex;gap:8px;align-items:baseline}
.legend.inline{display:flex;flex-wrap:wrap;gap:6px 20px}
.legend .what{flex:1}
.legend .num{font-variant-numeric:tabular-nums;font-weight:600}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;flex:none;align-self:flex-start;margin-top:5px}
.debtors{margin:0;padding:0;list-style:none;font-size:.9rem}
.debtors li{padding:7px 0;border-bottom:1px solid var(--line)}
.debtors li:last-child{border-bottom:0}
.debtors .who{font-weight:600}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:var(--card);vertical-align:bottom}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:2px 0;cursor:pointer;color:inherit}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.client{min-width:9rem}
td.last{min-width:11rem}
details summary{cursor:pointer;color:var(--accent);white-space:nowrap}
details ol{margin:6px 0 0;padding-left:18px;min-width:16rem}
.method p{font-size:.9rem}
footer{color:var(--muted);font-size:.8rem;margin-top:18px}
@media (max-width:640px){
#clients thead tr{display:flex;flex-wrap:wrap;gap:6px;padding-bottom:8px}
#clients thead th{position:static;border:0;padding:0}
#clients thead th:not([data-type]){display:none}
#clients thead th button{border:1px solid var(--line);border-radius:14px;padding:3px 10px;font-size:.8rem}
#clients,#clients tbody,#clients tr,#clients td{display:block;width:100%}
#clients tbody tr{border-top:1px solid var(--line);padding:8px 0}
#clients td{border:0;padding:1px 0;text-align:left;white-space:normal;min-width:0}
#clients td.client{font-weight:600;font-size:.95rem}
#clients td[data-label]{display:flex;justify-content:space-between;gap:12px}
#clients td[data-label]::before{content:attr(data-label);color:var(--muted)}
#clients td.last{display:block}
#clients td.last::before{display:block}
}
@media (max-width:480px){main{padding:16px 10px 32px}h1{font-size:1.3rem}.card .value{font-size:1.45rem}.card .value.long{font-size:1.3rem}section{padding:12px}}
@media print{body{background:#fff}section,.card{break-inside:avoid;border-color:#bbb}details ol{display:block}}
`;

// Sorts the rows by the `data-v` of the clicked column: numbers worst first, names A to Z;
// a second click turns the order round.
export const REPORT_SCRIPT = `
(function () {
  var table = document.getElementById('clients');
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  var body = table.tBodies[0];
  var lang = document.documentElement.lang;
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'number';
      var first = numeric ? 'descending' : 'ascending';
      var dir = th.getAttribute('aria-sort') === first ? (numeric ? 'ascending' : 'descending') : first;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-v') || '';
        var y = b.cells[col].getAttribute('data-v') || '';
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, lang);
        return dir === 'ascending' ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
`;
