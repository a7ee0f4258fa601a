"""The frame of the static pages (index, comparison, place profiles): one offline HTML file each, in
Chinese and English, whose tables read without JavaScript.

Both languages are in the page (``<span class="zh">`` / ``<span class="en">``) and a stylesheet rule
shows one: the page opens in the language ``--lang`` asked for, and the switch (a few lines of script)
only flips the ``lang`` attribute of the page, remembered across pages. Sorting a table and filtering
its rows are script too; without it the tables keep the order they were written in. Every report
string goes through :func:`esc`.
"""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache
from importlib.resources import files

from policykg.exports.corpus import Figure, anchor
from policykg.exports.errors import ExportError

_EN_UNITS = {
    "percent": "%",
    "CNY": " CNY",
    "USD": " USD",
    "person": " people",
    "percentage_point": " pp",
    "rank": "",
    "t": " t",
    "jin": " jin",
}
_SCALES = ((1e12, " tn"), (1e9, " bn"), (1e6, " m"))


def esc(text: object) -> str:
    """Text escaped for an HTML element or attribute.

    >>> esc('<b title="x">')
    '&lt;b title=&quot;x&quot;&gt;'
    """
    return html.escape(str(text), quote=True)


def bi(zh: str, en: str | None = None) -> str:
    """A phrase in both languages; the page shows the one it is in (English falls back to Chinese).

    >>> bi("地区", "Place")
    '<span class="zh">地区</span><span class="en">Place</span>'
    """
    return f'<span class="zh">{esc(zh)}</span><span class="en">{esc(en or zh)}</span>'


def number_en(value: float, base_unit: str) -> str:
    """A number in its base unit, short, for the English page (``5.2e12 CNY`` → ``5.2 tn CNY``).

    >>> number_en(5.2e12, "CNY"), number_en(5.4, "percent"), number_en(358000, "person")
    ('5.2 tn CNY', '5.4%', '358,000 people')
    """
    unit = _EN_UNITS.get(base_unit, f" {base_unit}")
    if base_unit in {"CNY", "USD", "t"}:
        for scale, word in _SCALES:
            if abs(value) >= scale:
                return f"{short(value / scale)}{word}{unit}"
    return f"{short(value) if abs(value) < 1e4 else f'{value:,.0f}'}{unit}"


def short(value: float) -> str:
    """A number with at most two decimals and no trailing zeros.

    >>> short(5.50), short(1640.06), short(3.0)
    ('5.5', '1640.06', '3')
    """
    if math.isnan(value) or math.isinf(value):
        return "?"
    return f"{value:.2f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=1)
def qualifiers_en() -> dict[str, str]:
    """A target's qualifier (as the report writes it) → the English phrase around the figure
    (``assets/qualifiers_en.tsv``): ``5%左右`` reads "about 5%" on the English page.

    >>> qualifiers_en()["以上"].format("5%")
    '5% or more'
    """
    text = files("policykg.exports").joinpath("assets", "qualifiers_en.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {zh: en for zh, en in rows}


def figure_href(figure: Figure, profile_of: dict[str, str]) -> str:
    """Where a figure's sentence is shown: its row on its place's profile page."""
    return f"{profile_of.get(figure.report, '')}#{anchor(figure.iri)}"


def figure_link(figures: tuple[Figure, ...], profile_of: dict[str, str], cls: str = "fig") -> str:
    """A figure (or a range's bounds) as written, linked to its sentence, the sentence as its tooltip."""
    first = figures[0]
    numbers = sorted({f.number for f in figures})
    en = "–".join(number_en(n, first.base_unit) for n in numbers)
    if len(numbers) > 1 and first.base_unit == "percent":
        en = "–".join(short(n) for n in numbers) + "%"
    if first.status == "Target" and first.qualifier in qualifiers_en():
        en = qualifiers_en()[first.qualifier or ""].format(en)
    return (
        f'<a class="{cls}" href="{esc(figure_href(first, profile_of))}" title="{esc(first.sentence)}">'
        f"{bi(first.text, en)}</a>"
    )


def sentence_html(figure: Figure) -> str:
    """The sentence with the figure marked."""
    h = figure.highlight
    if not h:
        return esc(figure.sentence)
    s = figure.sentence
    return f"{esc(s[: h[0]])}<mark>{esc(s[h[0] : h[1]])}</mark>{esc(s[h[1] :])}"


def sortable(table_id: str, head: list[tuple[str, str, str]], rows: list[str], caption: str = "") -> str:
    """A table whose columns sort on click (``head``: key, zh, en); rows are ready ``<tr>`` strings whose
    cells carry ``data-v`` for a numeric sort."""
    ths = "".join(
        f'<th scope="col" data-key="{esc(k)}"><button type="button">{bi(zh, en)}</button></th>' for k, zh, en in head
    )
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'<table id="{esc(table_id)}" class="sortable">{cap}<thead><tr>{ths}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def cell(content: str, value: float | None = None, cls: str = "") -> str:
    """A table cell; ``value`` is what the column sorts by."""
    data = f' data-v="{value:.6g}"' if value is not None else ""
    klass = f' class="{cls}"' if cls else ""
    return f"<td{data}{klass}>{content}</td>"


_CSS = """
*{box-sizing:border-box}
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#fafafa}
html[lang=zh] .en,html[lang=en] .zh{display:none}
header{display:flex;gap:1em;align-items:center;flex-wrap:wrap;padding:.5em 1.2em;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:2}
header h1{font-size:1.25em;margin:0}
header nav a{margin-right:.8em}
header .tools{margin-left:auto;display:flex;gap:.5em;align-items:center}
main{padding:.5em 1.2em 3em;max-width:1500px}
h2{font-size:1.1em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd;padding-bottom:.2em}
h3{font-size:1em;margin:1.2em 0 .4em}
p.note{color:#555;font-size:.9em;max-width:70em}
table{border-collapse:collapse;background:#fff;font-size:.88em;margin:.4em 0}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
td[data-v]{text-align:right;white-space:nowrap}
th button{all:unset;cursor:pointer;font-weight:bold}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
tr:target,li:target{background:#fff3b0}
.met{color:#1a7f37;font-weight:bold}.missed{color:#c62828;font-weight:bold}.none{color:#999}
.scroll{overflow-x:auto}th[scope=row]{white-space:nowrap}
a.fig{color:#1f4e8c;text-decoration:none;border-bottom:1px dotted #1f4e8c}
mark{background:#ffe066;font-weight:bold}
.sentence{line-height:1.6}
.stats{display:flex;gap:1em;flex-wrap:wrap}.stat{border:1px solid #ddd;background:#fff;padding:.4em 1em;text-align:center}
.stat b{display:block;font-size:1.5em}
figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}
svg text{font-size:12px;fill:#333}svg .muted{fill:#888}
.charts{display:flex;flex-wrap:wrap;gap:1.5em}
ul.cols{columns:3 18em}
.empty{color:#888}
input[type=search]{padding:.3em;min-width:14em}
"""

_JS = """
(function(){
  var root=document.documentElement, sel=document.getElementById('lang');
  function setLang(l){root.lang=l;if(sel){sel.value=l;}try{localStorage.setItem('policykg-lang',l);}catch(e){}}
  try{var saved=localStorage.getItem('policykg-lang');if(saved==='zh'||saved==='en'){setLang(saved);}}catch(e){}
  if(sel){sel.value=root.lang;sel.addEventListener('change',function(){setLang(sel.value);});}
  function val(td){if(!td){return '';}var v=td.getAttribute('data-v');return v===null?td.textContent.trim():parseFloat(v);}
  document.querySelectorAll('table.sortable').forEach(function(t){
    t.querySelectorAll('th').forEach(function(th,i){
      var b=th.querySelector('button');if(!b){return;}
      b.addEventListener('click',function(){
        var asc=th.getAttribute('aria-sort')!=='ascending';
        t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        var body=t.tBodies[0], rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){
          var x=val(a.cells[i]),y=val(b.cells[i]),ex=(x===''),ey=(y==='');
          if(ex||ey){return ex===ey?0:(ex?1:-1);}
          var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y),'zh');
          return asc?c:-c;});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  document.querySelectorAll('input[data-filter]').forEach(function(inp){
    inp.addEventListener('input',function(){
      var q=inp.value.trim().toLowerCase();
      inp.getAttribute('data-filter').split(' ').forEach(function(id){
        var t=document.getElementById(id);if(!t){return;}
        Array.prototype.forEach.call(t.tBodies[0].rows,function(r){
          r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});
      });
    });
  });
  document.body.setAttribute('data-ready','1');
})();
"""


def shell(title: str, title_en: str, body: str, lang: str = "zh", nav: str = "") -> str:
    """A whole page: header with title, navigation and the language switch, then ``body``."""
    lang = "en" if lang == "en" else "zh"
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{esc(title if lang == "zh" else title_en)}</title>
<style>{_CSS}</style></head>
<body><header><h1>{bi(title, title_en)}</h1><nav>{nav}</nav>
<div class="tools"><select id="lang" aria-label="Language"><option value="zh">中文</option><option value="en">English</option></select></div>
</header><main>{body}</main>
<script>{_JS}</script></body></html>
"""
    if re.search(r"(?:src|href)\s*=\s*[\"']?https?://", page, re.IGNORECASE):
        raise ExportError("a remote resource is referenced in the page")
    return page


def nav_links(links: list[tuple[str, str, str]]) -> str:
    """Navigation links (file, zh, en)."""
    return "".join(f'<a href="{esc(f)}">{bi(zh, en)}</a>' for f, zh, en in links)
