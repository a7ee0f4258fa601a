"""The one place that writes triples: an :class:`Extraction` becomes RDF.

Observations are W3C Data Cube observations; sentences and figures are NIF strings with code-point
offsets; every extracted resource is ``prov:wasDerivedFrom`` its span. No blank nodes, so two builds
of the same text give the same graph, byte for byte once serialised.

The writer puts each triple straight into a :class:`~policykg.graph_builder.quads.LineSink` as a line
of canonical N-Triples (:func:`report_ntriples`): no rdflib graph in between. Its terms are light:
``Literal`` is :class:`~policykg.graph_builder.quads.Literal` (rdflib's signature, the N-Triples text
made at once) and the namespaces make each name's IRI once. :func:`extraction_to_graph` reads the
lines into an rdflib graph for callers that want one.
"""

from __future__ import annotations

from functools import cached_property
from importlib.metadata import PackageNotFoundError, version

from rdflib import Graph, URIRef
from rdflib import namespace as rdflib_ns

from policykg.graph_builder import iris
from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.lexicons.sectors import sector_scheme
from policykg.graph_builder.model import (
    Extraction,
    Initiative,
    Kind,
    Observation,
    Organisation,
    OutcomeLink,
    Place,
    Role,
    Scope,
    Section,
    Sentence,
    Span,
    Status,
)
from policykg.graph_builder.observations.numerals import plain
from policykg.graph_builder.quads import LineSink, Literal, TermEncoder, Terms, TermSink, Triple
from policykg.graph_builder.resolve import (
    division_name,
    indicator_concept,
    is_national,
    observation_area,
    observation_place_name,
    report_place,
    unit_iri,
    unit_of,
)
from policykg.ontology import namespaces as ns
from policykg.ontology.namespaces import bind_prefixes
from policykg.ontology.vocabulary import KINDS, PLACE_LEVELS, RANK_SCOPES, ROLES, STATUSES

DCTERMS = Terms(rdflib_ns.DCTERMS)
PROV = Terms(rdflib_ns.PROV)
RDF = Terms(rdflib_ns.RDF)
RDFS = Terms(rdflib_ns.RDFS)
SKOS = Terms(rdflib_ns.SKOS)
XSD = Terms(rdflib_ns.XSD)
NIF = Terms(ns.NIF)
ORG = Terms(ns.ORG)
PKG = Terms(ns.PKG)
QB = Terms(ns.QB)
SDMX_ATTRIBUTE = Terms(ns.SDMX_ATTRIBUTE)
SDMX_DIMENSION = Terms(ns.SDMX_DIMENSION)
SDMX_MEASURE = Terms(ns.SDMX_MEASURE)
KIND_TERMS = {Kind(k): PKG[v] for k, v in KINDS.items()}
STATUS_TERMS = {Status(k): PKG[v] for k, v in STATUSES.items()}
ROLE_TERMS = {Role(k): PKG[v] for k, v in ROLES.items()}
SCOPE_TERMS = {Scope(k): PKG[v] for k, v in RANK_SCOPES.items()}
INDICATOR_SCHEME = iris.scheme("indicators")
CHINA = iris.place("CN")


def policykg_version() -> str:
    try:
        return version("policykg")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def report_graph_iri(rid: str) -> URIRef:
    """The named graph that holds one report's triples."""
    return URIRef(f"{iris.report(rid)}/graph")


def extraction_to_graph(ex: Extraction, graph: Graph | None = None) -> Graph:
    """Add one report's triples to ``graph`` (a new graph when None) and return it."""
    g = bind_prefixes(graph if graph is not None else Graph())
    return g.parse(data=report_ntriples(ex), format="nt")


def report_ntriples(ex: Extraction, encoder: TermEncoder | None = None, also: TermSink | None = None) -> str:
    """One report's triples as sorted, distinct N-Triples lines (the input of every file and store);
    ``also`` is given each triple's terms as they are written."""
    sink = LineSink(encoder, also)
    _Writer(sink, ex).write()
    return sink.text()


@cached
def _sector_triples() -> tuple[Triple, ...]:
    """The sector scheme's triples in a fixed order, copied into every graph."""
    return tuple(sorted(sector_scheme()))


class _Writer:
    """Writes the triples of one extraction; one method per kind of resource."""

    def __init__(self, g: LineSink, ex: Extraction) -> None:
        self.g, self.ex = g, ex
        self.doc = ex.document
        self.rid = ex.document.report_id
        self.report = iris.report(self.rid)
        self.place = report_place(self.doc.meta)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def write(self) -> None:
        self._report()
        for section in self.doc.sections:
            self._section(section)
        for sentence in self.doc.sentences:
            self._sentence(sentence)
        counts: dict[tuple[int, int], int] = {}
        self.obs_nodes: list[URIRef] = []
        for obs in self.ex.observations:
            key = (obs.figure.begin, obs.figure.end)
            counts[key] = counts.get(key, 0) + 1
            self._observation(obs, counts[key])
            local = f"{key[0]}-{key[1]}" + (f"-{counts[key]}" if counts[key] > 1 else "")
            self.obs_nodes.append(iris.in_report(self.rid, "observation", local))
        self._entities()

    def _report(self) -> None:
        r, meta, add = self.report, self.doc.meta, self.add
        add(r, RDF.type, PKG.Report)
        add(r, RDF.type, PROV.Entity)
        add(r, RDF.type, NIF.Context)
        add(r, DCTERMS.identifier, Literal(self.rid))
        add(r, DCTERMS.title, Literal(meta.title, lang="zh"))
        add(r, DCTERMS.source, Literal(self.doc.source_name))
        add(r, NIF.beginIndex, Literal(0, datatype=XSD.integer))
        add(r, NIF.endIndex, Literal(len(self.doc.text), datatype=XSD.integer))
        if meta.year:
            add(r, DCTERMS.date, Literal(str(meta.year), datatype=XSD.gYear))
        if meta.reviewed_period:
            add(r, PKG.reviewedPeriod, iris.period(meta.reviewed_period))
        if meta.target_period:
            add(r, PKG.targetPeriod, iris.period(meta.target_period))
        if self.place is not None and meta.place:
            add(r, DCTERMS.spatial, self.place)
            add(self.place, RDFS.label, Literal(division_name(meta.place_code, meta.place) or meta.place, lang="zh"))
            add(self.place, RDF.type, PKG.Place)
            if meta.place_code:
                add(self.place, SKOS.notation, Literal(meta.place_code))
        dataset = iris.in_report(self.rid, "dataset", "observations")
        add(dataset, RDF.type, QB.DataSet)
        add(dataset, QB.structure, PKG.observationStructure)
        add(dataset, DCTERMS.source, r)
        activity = iris.in_report(self.rid, "build", "extraction")
        add(activity, RDF.type, PROV.Activity)
        add(activity, PROV.used, r)
        add(activity, PROV.wasAssociatedWith, iris.software(policykg_version()))
        add(iris.software(policykg_version()), RDF.type, PROV.SoftwareAgent)
        add(iris.software(policykg_version()), RDFS.label, Literal(f"policykg {policykg_version()}"))
        add(dataset, PROV.wasGeneratedBy, activity)
        add(INDICATOR_SCHEME, RDF.type, SKOS.ConceptScheme)
        for lang, label in lexicon("labels").table("indicator_scheme").items():
            add(INDICATOR_SCHEME, RDFS.label, Literal(label, lang=lang))

    def section_iri(self, key: str) -> URIRef:
        return iris.in_report(self.rid, "section", key)

    def _section(self, s: Section) -> None:
        node, add = self.section_iri(s.key), self.add
        add(node, RDF.type, PKG.Section)
        add(node, RDFS.label, Literal(s.title, lang="zh"))
        add(node, PKG.level, Literal(s.level))
        add(node, PKG.order, Literal(s.begin))
        add(node, DCTERMS.isPartOf, self.section_iri(s.parent) if s.parent else self.report)
        add(node, PKG.report, self.report)
        self._span_triples(node, Span(s.begin, s.end, s.title))

    def span_iri(self, begin: int, end: int) -> URIRef:
        return iris.in_report(self.rid, "span", f"{begin}-{end}")

    def _span_triples(self, node: URIRef, span: Span) -> None:
        add = self.add
        add(node, NIF.beginIndex, Literal(span.begin, datatype=XSD.integer))
        add(node, NIF.endIndex, Literal(span.end, datatype=XSD.integer))
        add(node, NIF.referenceContext, self.report)

    def _sentence(self, s: Sentence) -> None:
        node, add = self.span_iri(s.begin, s.end), self.add
        add(node, RDF.type, PKG.TextSpan)
        add(node, RDF.type, NIF.Sentence)
        add(node, NIF.anchorOf, Literal(self.doc.text[s.begin : s.end]))  # as read: a broken line stays broken
        self._span_triples(node, Span(s.begin, s.end, s.text))
        if s.section:
            add(node, PKG.inSection, self.section_iri(s.section))

    def _observation(self, o: Observation, nth: int) -> None:
        local = f"{o.figure.begin}-{o.figure.end}" + (f"-{nth}" if nth > 1 else "")
        node, add = iris.in_report(self.rid, "observation", local), self.add
        sentence = self.doc.sentences[o.sentence]
        add(node, RDF.type, QB.Observation)
        add(node, RDF.type, PKG.Observation)
        add(node, QB.dataSet, iris.in_report(self.rid, "dataset", "observations"))
        add(node, PKG.indicator, self._indicator(o.indicator))
        add(node, PKG.indicatorAsWritten, Literal(o.indicator))
        add(node, SDMX_MEASURE.obsValue, Literal(plain(o.value_normalized), datatype=XSD.decimal))
        add(node, PKG.valueAsWritten, Literal(o.value))
        if o.upper is not None:
            add(node, PKG.upperBound, Literal(plain(o.upper), datatype=XSD.decimal))
        add(node, PKG.unitAsWritten, Literal(o.unit))
        add(node, PKG.baseUnit, Literal(o.base_unit))
        unit = unit_of(o.unit, o.base_unit) if o.kind != Kind.RANK else None
        if unit is not None:
            add(node, SDMX_ATTRIBUTE.unitMeasure, unit)
        elif o.kind == Kind.RANK:
            add(node, SDMX_ATTRIBUTE.unitMeasure, unit_iri("pkgunit:RankPosition"))
        add(node, PKG.kind, KIND_TERMS[o.kind])
        add(node, PKG.status, STATUS_TERMS[o.status])
        add(node, PKG.role, ROLE_TERMS[o.role])
        if o.scope is not None:
            add(node, PKG.rankScope, SCOPE_TERMS[o.scope])
        add(node, SDMX_DIMENSION.refPeriod, iris.period(o.period))
        add(node, PKG.periodLabel, Literal(o.period))
        national = is_national(o)
        area = CHINA if national and o.kind != Kind.RANK else observation_area(o, self.doc.meta)
        if national:
            add(CHINA, RDF.type, PKG.Place)
            for lang, label in lexicon("labels").table("country").items():
                add(CHINA, RDFS.label, Literal(label, lang=lang))
            if o.kind == Kind.RANK:
                add(node, PKG.rankedAmong, CHINA)
        if area is not None:
            add(node, SDMX_DIMENSION.refArea, area)
        place_name = observation_place_name(o, self.doc.meta, national and o.kind != Kind.RANK)
        if place_name:
            add(node, PKG.placeName, Literal(place_name))
        if area is not None and place_name and area not in (CHINA, self.place) and area not in self.listed_places:
            add(area, RDF.type, PKG.Place)  # a division the figure names that the place stage did not list
            add(area, RDFS.label, Literal(place_name, lang="zh"))
        if o.place:
            add(node, PKG.placeAsWritten, Literal(o.place))
        if o.qualifier:
            add(node, PKG.qualifier, Literal(o.qualifier))
        if o.direction:
            add(node, PKG.direction, PKG[o.direction.capitalize()])
        figure = iris.in_report(self.rid, "span", f"{o.figure.begin}-{o.figure.end}")
        add(figure, RDF.type, PKG.TextSpan)
        add(figure, NIF.anchorOf, Literal(self.doc.text[o.figure.begin : o.figure.end]))
        self._span_triples(figure, o.figure)
        add(figure, NIF.sentence, self.span_iri(sentence.begin, sentence.end))
        add(node, PKG.figure, figure)
        add(node, PKG.sentence, self.span_iri(sentence.begin, sentence.end))
        add(node, PROV.wasDerivedFrom, figure)
        add(node, DCTERMS.source, self.report)

    @cached_property
    def listed_places(self) -> set[URIRef]:
        """The places the place stage lists (labelled by ``_place``), computed once per report."""
        return {iris.place(p.key) for p in self.ex.places}

    def _indicator(self, name: str) -> URIRef:
        """The indicator node: the shared concept the name is one of, else a node minted from the name."""
        concept, add = indicator_concept(name), self.add
        ind = iris.indicator(concept.key if concept else name)
        add(ind, RDF.type, PKG.Indicator)
        add(ind, RDF.type, SKOS.Concept)
        add(ind, SKOS.inScheme, INDICATOR_SCHEME)
        if concept is None:
            add(ind, SKOS.prefLabel, Literal(name, lang="zh"))
            return ind
        add(ind, SKOS.prefLabel, Literal(concept.zh, lang="zh"))
        add(ind, SKOS.prefLabel, Literal(concept.en, lang="en"))
        for alt in concept.alt:
            add(ind, SKOS.altLabel, Literal(alt, lang="zh"))
        return ind

    # -- places, sectors, organisations, initiatives and outcome links --------------------------

    def _entities(self) -> None:
        for place in self.ex.places:
            self._place(place)
        for mention in self.ex.place_mentions:
            s = self.doc.sentences[mention.sentence]
            self.add(self.span_iri(s.begin, s.end), PKG.mentions, iris.place(mention.place))
        self._sector_scheme()
        for tag in self.ex.sector_tags:
            self.add(self.obs_nodes[tag.observation], PKG.sector, iris.sector_domain(tag.sector))
        for org in self.ex.organisations:
            self._organisation(org)
        for ini in self.ex.initiatives:
            self._initiative(ini)
        for link in self.ex.outcomes:
            self._outcome(link)

    def _place(self, p: Place) -> None:
        node, add = iris.place(p.key), self.add
        add(node, RDF.type, PKG.Place)
        add(node, RDFS.label, Literal(p.name, lang="zh"))
        level = PKG[PLACE_LEVELS.get(p.level, "Place")]
        add(node, RDF.type, level)
        add(node, PKG.placeLevel, level)
        if p.code:
            add(node, RDF.type, PKG.AdministrativeDivision)
            add(node, SKOS.notation, Literal(p.code))
        if p.parent:
            add(node, PKG.within, iris.place(p.parent))
        if p.key == "CN":
            add(node, RDFS.label, Literal("China", lang="en"))

    def _sector_scheme(self) -> None:
        """The policy-domain scheme with its GB/T 4754 and COFOG mappings, once per graph."""
        if (iris.scheme("policy-domains"), RDF.type, SKOS.ConceptScheme) in self.g:
            return
        for triple in _sector_triples():
            self.g.add(triple)

    def _mention_spans(self, node: URIRef, spans: tuple[Span, ...], sentences: tuple[int, ...]) -> None:
        for span, index in zip(spans, sentences):
            s = self.doc.sentences[index]
            mention = self.span_iri(span.begin, span.end)
            self.add(mention, RDF.type, PKG.TextSpan)
            self.add(mention, NIF.anchorOf, Literal(self.doc.text[span.begin : span.end]))
            self._span_triples(mention, span)
            self.add(mention, NIF.sentence, self.span_iri(s.begin, s.end))
            self.add(node, PROV.wasDerivedFrom, mention)

    def _organisation(self, o: Organisation) -> None:
        node, add = iris.organization(o.key), self.add
        add(node, RDF.type, ORG.Organization)
        add(node, RDF.type, PKG[o.kind])
        add(node, RDFS.label, Literal(o.label, lang="zh"))
        if o.place:
            add(node, PKG.place, iris.place(o.place))
        self._mention_spans(node, o.spans, o.sentences)
        self._heading_spans(node, o.headings)

    def initiative_iri(self, key: str) -> URIRef:
        return iris.in_report(self.rid, "initiative", key)

    def _initiative(self, i: Initiative) -> None:
        node, add = self.initiative_iri(i.key), self.add
        add(node, RDF.type, PKG.Initiative)
        add(node, RDF.type, PKG[i.kind])
        add(node, RDFS.label, Literal(i.label, lang="zh"))
        add(node, DCTERMS.source, self.report)
        if i.action:
            add(node, PKG.action, Literal(i.action, lang="zh"))
        if i.section:
            add(node, PKG.inSection, self.section_iri(i.section))
        for key in i.places:
            add(node, PKG.place, iris.place(key))
        for sector in i.sectors:
            add(node, PKG.sector, iris.sector_domain(sector))
        for org in i.organisations:
            add(node, PKG.implementedBy, iris.organization(org))
        self._mention_spans(node, i.spans, i.sentences)
        self._heading_spans(node, i.headings)

    def _heading_spans(self, node: URIRef, headings: tuple[Span, ...]) -> None:
        """Spans of a heading that names a node (a heading is no sentence, so they have none)."""
        for span in headings:
            mention = self.span_iri(span.begin, span.end)
            self.add(mention, RDF.type, PKG.TextSpan)
            self.add(mention, NIF.anchorOf, Literal(self.doc.text[span.begin : span.end]))
            self._span_triples(mention, span)
            self.add(node, PROV.wasDerivedFrom, mention)

    def _outcome(self, link: OutcomeLink) -> None:
        ini, obs, add = self.initiative_iri(link.initiative), self.obs_nodes[link.observation], self.add
        s = self.doc.sentences[link.sentence]
        evidence = iris.in_report(self.rid, "evidence", f"{link.initiative}--{obs.split('/')[-1]}")
        add(ini, PKG.hasOutcome, obs)
        add(evidence, RDF.type, PKG.OutcomeEvidence)
        add(evidence, PKG.initiative, ini)
        add(evidence, PKG.observation, obs)
        add(evidence, PKG.evidenceKind, PKG[link.evidence])
        add(evidence, PROV.wasDerivedFrom, self.span_iri(s.begin, s.end))
