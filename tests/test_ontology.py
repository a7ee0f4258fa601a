"""The ontology file: it parses everywhere, documents every term, and declares every term the builder writes."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from policykg.graph_builder.model import Kind
from policykg.ontology import load_ontology, ontology_text
from policykg.ontology.namespaces import ID, ORG, PKG, PREFIXES, QB

DATA = Path(__file__).parent / "data"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def pkg_terms(graph: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if str(s).startswith(str(PKG))}


def test_parses_with_rdflib_and_pyoxigraph(onto: Graph) -> None:
    import pyoxigraph

    quads = list(pyoxigraph.parse(ontology_text().encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(onto) > 500


def test_no_blank_nodes_so_every_serialisation_is_deterministic(onto: Graph) -> None:
    assert not [t for t in onto if any(isinstance(x, BNode) for x in t)]


def test_header(onto: Graph) -> None:
    header = URIRef(str(PKG).rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionIRI) is not None
    assert onto.value(header, DCTERMS.license) is not None
    assert str(onto.value(header, DCTERMS.creator)) == "policykg contributors"
    assert {t.language for t in onto.objects(header, DCTERMS.title)} == {"zh", "en"}
    assert {t.language for t in onto.objects(header, DCTERMS.description)} == {"zh", "en"}


def test_every_class_and_property_has_zh_and_en_labels_and_a_definition(onto: Graph) -> None:
    terms = pkg_terms(onto)
    assert len(terms) > 60
    missing = []
    for term in sorted(terms):
        langs = {label.language for label in onto.objects(term, RDFS.label) if isinstance(label, Literal)}
        has_definition = (term, SKOS.definition, None) in onto or (term, RDFS.comment, None) in onto
        if not {"zh", "en"} <= langs or not has_definition:
            missing.append(term)
    assert not missing


def test_every_pkg_term_of_the_seed_graph_is_declared(onto: Graph, seed_graph: Graph) -> None:
    """Fails loudly when the builder starts writing a pkg: term the ontology does not declare."""
    declared = {s for s in onto.subjects() if isinstance(s, URIRef)}
    used = {x for triple in seed_graph for x in triple if isinstance(x, URIRef) and str(x).startswith(str(PKG))}
    assert used, "the seed graph uses no pkg: term"
    assert not used - declared, sorted(used - declared)


def test_every_kind_is_an_individual_with_the_contract_notation(onto: Graph) -> None:
    notations = {str(onto.value(k, SKOS.notation)) for k in onto.subjects(RDF.type, PKG.ObservationKind)}
    assert notations == {k.value for k in Kind}
    assert set(onto.subjects(RDF.type, PKG.ObservationStatus)) == {PKG.Actual, PKG.Target}


def test_every_project_unit_of_the_unit_table_is_declared_with_labels(onto: Graph) -> None:
    table = files("policykg.graph_builder").joinpath("lexicons/units.tsv").read_text(encoding="utf-8")
    curies = {line.split("\t")[3] for line in table.splitlines() if line and not line.startswith("#")}
    units = {ID["unit/" + c.split(":", 1)[1]] for c in curies if c.startswith("pkgunit:")}
    units.add(ID["unit/RankPosition"])
    for unit in units:
        assert (unit, RDF.type, PKG.ProjectUnit) in onto, unit
        assert {label.language for label in onto.objects(unit, RDFS.label)} == {"zh", "en"}, unit


def test_observation_structure_has_its_components(onto: Graph) -> None:
    dsd = PKG.observationStructure
    assert (dsd, RDF.type, QB.DataStructureDefinition) in onto
    parts = {p: set() for p in (QB.dimension, QB.measure, QB.attribute)}
    for spec in onto.objects(dsd, QB.component):
        for prop, found in parts.items():
            found.update(onto.objects(spec, prop))
    sdmx = PREFIXES
    assert parts[QB.dimension] == {PKG.indicator, sdmx["sdmx-dimension"].refArea, sdmx["sdmx-dimension"].refPeriod}
    assert parts[QB.measure] == {sdmx["sdmx-measure"].obsValue}
    assert sdmx["sdmx-attribute"].unitMeasure in parts[QB.attribute]


def test_standard_vocabularies_used_by_the_seed_graph(seed_graph: Graph) -> None:
    """The seed graph speaks Data Cube, PROV, SKOS, Dublin Core, NIF and QUDT units."""
    used = {str(x) for triple in seed_graph for x in triple if isinstance(x, URIRef)}
    for prefix in ("qb", "prov", "skos", "dcterms", "nif", "sdmx-measure", "sdmx-dimension", "sdmx-attribute"):
        assert any(term.startswith(str(PREFIXES[prefix])) for term in used), prefix
    assert any(term.startswith("http://qudt.org/vocab/unit/") for term in used)
    assert not any(term.startswith("http://qudt.org/vocab/currency/") for term in used)  # deprecated by QUDT


def test_organisations_align_with_the_w3c_org_ontology(onto: Graph) -> None:
    """org: may be absent from the seed graph until organisations are extracted; the alignment is not."""
    assert (PKG.Organization, RDFS.subClassOf, ORG.Organization) in onto
    assert onto.value(PKG.implementedBy, RDFS.range) == ORG.Organization
    data = Graph().parse(DATA / "onto_org.ttl", format="turtle")
    assert set(data.subjects(RDF.type, ORG.Organization)) >= set(data.subjects(RDF.type, PKG.Organization))


def test_places_are_geosparql_features_with_a_transitive_within(onto: Graph) -> None:
    geo = PREFIXES["geo"]
    assert (PKG.Place, RDFS.subClassOf, geo.Feature) in onto
    for cls in ("Country", "Province", "PrefectureCity", "County", "Township", "Village", "Region"):
        assert (PKG[cls], RDFS.subClassOf, PKG.Place) in onto
    assert (PKG.within, RDF.type, OWL.TransitiveProperty) in onto
    assert (PKG.within, OWL.inverseOf, PKG.contains) in onto


def test_initiative_subclasses(onto: Graph) -> None:
    subclasses = set(onto.subjects(RDFS.subClassOf, PKG.Initiative))
    names = {"Policy", "Programme", "Project", "Platform", "Mechanism", "Campaign", "Event", "Designation"}
    assert {PKG[n] for n in names} <= subclasses


def test_every_property_has_zh_and_en_comments_a_domain_and_a_range(onto: Graph) -> None:
    """``owl:Thing`` where a property links things of several classes (no blank-node unions)."""
    properties = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in onto.subjects(RDF.type, kind)}
    ours = sorted(p for p in properties if isinstance(p, URIRef) and str(p).startswith(str(PKG)))
    assert len(ours) >= 35
    for prop in ours:
        langs = sorted(str(c.language) for c in onto.objects(prop, RDFS.comment) if isinstance(c, Literal))
        assert langs == ["en", "zh"], prop
        assert onto.value(prop, RDFS.domain) is not None and onto.value(prop, RDFS.range) is not None, prop
    for synonym in ("section", "outcome"):  # one property per relation: pkg:inSection, pkg:observation
        assert (PKG[synonym], None, None) not in onto


def test_no_axioms_on_other_vocabularies_terms(onto: Graph) -> None:
    """Other vocabularies' terms are declared (OWL needs their kind) and labelled, never constrained."""
    constraining = {
        RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
        OWL.equivalentProperty, OWL.inverseOf, OWL.disjointWith,
    }  # fmt: skip
    for s, p, o in onto:
        if isinstance(s, URIRef) and not str(s).startswith("https://w3id.org/policykg/"):
            assert p not in constraining, (s, p, o)
            assert (p, o) != (RDF.type, OWL.FunctionalProperty), s
