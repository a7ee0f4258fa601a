"""``policykg view --all`` and the page commands: every page of a graph, written atomically into a folder.

The site is the index, the comparison of places, one profile per place, and the network views
(overview, outcomes, one per sector, one per busiest place, the busiest node's neighbourhood). The
corpus tables and the network model are each read once and shared by every page.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.exports.corpus import Corpus, load_corpus
from policykg.exports.errors import ExportError
from policykg.exports.measures import Comparison, compare, find_measures
from policykg.exports.profile_page import profile_name
from policykg.ontology.vocabulary import INITIATIVE_CLASSES, PLACE_CLASSES

if TYPE_CHECKING:
    from rdflib import Graph

    from policykg.exports.views import Model, View
    from policykg.queries.stores import Store


def profiles_of(corpus: Corpus) -> dict[str, str]:
    """Report IRI → the file name of its place's profile page."""
    return {r.iri: profile_name(reports[-1]) for reports in corpus.places.values() for r in reports}


def comparison(corpus: Corpus, year: int | None = None, indicator: str | None = None) -> Comparison:
    """The comparison for ``year``, on the measures of one indicator when ``indicator`` names one."""
    if indicator is None:
        return compare(corpus, year)
    measures = find_measures(corpus, indicator)
    if not measures:
        raise ExportError(f"no compared indicator matches {indicator!r} (for example: 地区生产总值, GDP, 城镇新增就业)")
    return compare(corpus, year, measures)


def write_pages(
    corpus: Corpus, out_dir: Path, lang: str = "zh", cmp: Comparison | None = None, only: str | None = None
) -> list[Path]:
    """compare.html and every place's profile page (or only the profile of the place key ``only``)."""
    from policykg.exports.compare_page import render_compare
    from policykg.exports.files import write_atomic
    from policykg.exports.profile_page import render_profile

    cmp = cmp or compare(corpus)
    profile_of = profiles_of(corpus)
    keys = [only] if only else list(corpus.places)
    written = [
        write_atomic(out_dir / profile_name(corpus.places[k][-1]), render_profile(corpus, cmp, k, profile_of, lang))
        for k in keys
    ]
    if not only:
        written.insert(0, write_atomic(out_dir / "compare.html", render_compare(corpus, cmp, profile_of, lang)))
    return written


def find_place(corpus: Corpus, text: str) -> str:
    """The key of the place named ``text`` (its name, English name or code)."""
    for key, reports in corpus.places.items():
        r = reports[-1]
        if text in (r.place, r.place_en, r.code, key) or (text and r.place.startswith(text)):
            return key
    names = "、".join(rs[-1].place for rs in corpus.places.values()) or "none in this graph"
    raise ExportError(f"no reporting place matches {text!r} (places: {names})")


def network_views(model: Model, places: int = 30) -> list[tuple[str, View]]:
    """The network views of the site, by file name."""
    from policykg.exports import views

    todo: list[tuple[str, View]] = [("overview.html", views.overview(model)), ("outcomes.html", views.outcomes(model))]
    sectors = sorted((n for n in model.nodes.values() if n.cls == "Sector"), key=lambda n: n.label)
    todo += [(f"sector-{k:02d}.html", views.sector(model, n.iri)) for k, n in enumerate(sectors, 1)]
    degree = Counter(x for e in model.edges for x in (e.source, e.target))
    spots = sorted(
        (n for n in model.nodes.values() if n.cls in PLACE_CLASSES and n.cls != "Country"),
        key=lambda n: (-degree[n.iri], n.iri),
    )[:places]
    todo += [(f"place-{k:02d}.html", views.place(model, n.iri)) for k, n in enumerate(spots, 1)]
    if degree:
        busiest = min(degree, key=lambda i: (-degree[i], i))
        todo.append(("focus.html", views.focus(model, busiest, 1)))
    return todo


def write_site(source: Graph | Store, out_dir: Path, lang: str = "zh", model: Model | None = None) -> list[Path]:
    """Every page plus ``index.html`` linking them; atomic writes; returns the files written."""
    from policykg.exports.files import write_atomic
    from policykg.exports.html import render
    from policykg.exports.index import render_index
    from policykg.exports.views import load_model

    model = model or load_model(source)
    corpus = load_corpus(source)
    cmp = compare(corpus)
    written = write_pages(corpus, out_dir, lang, cmp)
    nets = network_views(model)
    written += [write_atomic(out_dir / name, render(view, lang)) for name, view in nets]
    links = [(name, view.title, view.title_en, view.drawn) for name, view in nets]
    counts = Counter("Initiative" if n.cls in INITIATIVE_CLASSES else n.cls for n in model.nodes.values())
    index = render_index(corpus, cmp, dict(counts), links, profiles_of(corpus), lang)
    written.append(write_atomic(out_dir / "index.html", index))
    return written
