"""Places named in a report, resolved to GB/T 2260 divisions, China, settlements or regions.

Names are looked up in the generated gazetteer (full and short forms), longest first. Homonyms are
resolved by the report's own jurisdiction (a Liaoning report's 朝阳 is 朝阳市, a Beijing report's is
朝阳区). Division names that are also common words (城区, 新区, 东方 ...) count only where the
context pins them down: right after their parent (晋城市城区) or in a report of their parent. A
township or village is recognised after its county (偏关县老牛湾村) and hangs from that county.
A town or township standing alone (…镇, …乡, …回族乡, …街道) counts at the head of a clause, after 在,
or in a list of towns; it hangs from its county when the township table (a maintained source, see
lexicons/README-gazetteer.md) has that name once in the report's place or province, else from the
report's place. A town's short form (亚布力 for 亚布力镇) counts only where it is safe: three characters
or more, one town of that form in the country or the report's province, no division or common word,
and standing as the first word of a proper name (亚布力…论坛, …景区, …公司) or written with 镇/乡.
Words for the whole jurisdiction follow their level: 全省 in a county report is the province.
"""

from __future__ import annotations

from policykg.graph_builder.entities.place_words import (
    HAN,
    HEAD,
    MAX_NAME,
    QUOTES,
    china,
    division_place,
    place_lex,
    town_name,
)
from policykg.graph_builder.iris import slug
from policykg.graph_builder.lexicons.gazetteer import CHINA, MUNICIPALITIES, Division, Township, load, towns
from policykg.graph_builder.model import Document, Place, PlaceMention, Span


class _Scanner:
    """Finds place mentions in one document; keeps the places it met."""

    def __init__(self, doc: Document) -> None:
        self.doc, self.gaz, self.lex = doc, load(), place_lex()
        self.home = doc.meta.place_code
        self.places: dict[str, Place] = {}
        self.mentions: list[PlaceMention] = []

    def keep(self, place: Place) -> str:
        self.places.setdefault(place.key, place)
        parent = place.parent
        while parent and parent not in self.places:
            if parent == CHINA:
                self.places[CHINA] = china()
                break
            div = self.gaz.by_code.get(parent)
            if div is None:
                break
            self.places[div.code] = division_place(div)
            parent = div.parent
        return place.key

    def run(self) -> tuple[tuple[Place, ...], tuple[PlaceMention, ...]]:
        if self.home and self.home in self.gaz.by_code:
            self.keep(division_place(self.gaz.by_code[self.home]))
        for sentence in self.doc.sentences:
            self.scan(sentence.index, sentence.text)
        places = tuple(sorted(self.places.values(), key=lambda p: p.key))
        return places, tuple(self.mentions)

    def mention(self, key: str, sentence: int, text: str, i: int, j: int) -> None:
        s = self.doc.sentences[sentence]
        self.mentions.append(PlaceMention(key, Span(s.offset(i), s.offset(j), text[i:j]), sentence))

    def scan(self, index: int, text: str) -> None:
        i, prev = 0, None  # prev: (end, Division) of the last division mention
        town_end = -1  # end of the last free-standing town, for lists (甲镇、乙镇)
        while i < len(text):
            idiom = next((x for x in self.lex.idioms if text.startswith(x, i)), None)
            if idiom is not None:
                i += len(idiom)
                continue
            found = self.at(text, i, prev if prev and prev[0] == i else None)
            if found is None:
                end = self.town(index, text, i, town_end)
                if end is not None:
                    town_end = i = end
                    continue
                end = self.short_town(index, text, i)
                if end is not None:
                    i = end
                    continue
                i += 1
                continue
            end, place = found
            self.mention(self.keep(place), index, text, i, end)
            prev = (end, self.gaz.by_code.get(place.key)) if place.code else None
            if prev and prev[1] is not None:
                end = self.settlement(index, text, end, prev[1]) or end
            i = end

    def at(
        self,
        text: str,
        i: int,
        prev: tuple[int, Division | None] | None,
    ) -> tuple[int, Place] | None:
        """The longest place name starting at ``text[i]``, if any."""
        for word in self.lex.whole:
            if text.startswith(word, i):
                if word in self.lex.country:
                    return i + len(word), china()
                if self.home and self.home in self.gaz.by_code:
                    return i + len(word), division_place(self.own(word))
        for region in self.lex.regions:
            if text.startswith(region, i):
                return i + len(region), Place(f"region/{slug(region)}", region, "region")
        local = self.local_region(text, i)
        if local is not None:
            return local
        for n in range(min(MAX_NAME, len(text) - i), 1, -1):
            div = self.division(text[i : i + n], prev[1] if prev else None)
            if div is not None:
                return i + n, division_place(div)
        return None

    def own(self, word: str) -> Division:
        """The division a word for the whole jurisdiction names (全省 in a county report: the province).

        A county-level city calls itself 全市, so 市 means the prefecture only in a county or
        district whose own name does not end with 市.
        """
        home = self.gaz.by_code[self.home or ""]
        level = self.lex.whole_levels.get(word[-1])
        if level is None or home.level == level or (level == "prefecture" and home.name.endswith(word[-1])):
            return home
        for code in self.gaz.ancestors(home.code):
            div = self.gaz.by_code.get(code)
            if div is not None and div.level == level:
                return div
        return home

    def local_region(self, text: str, i: int) -> tuple[int, Place] | None:
        """A city cluster or economic zone named by a direction word (中部城市群, 西部经济带)."""
        head = text[i : i + 2]
        if head not in self.lex.region_heads:
            return None
        for suffix in self.lex.region_suffixes:
            if text.startswith(suffix, i + 2):
                name = head + suffix
                parent = self.home if self.home and self.home not in MUNICIPALITIES else None
                key = f"{parent}/{name}" if parent else f"region/{name}"
                return i + len(name), Place(key, name, "region", None, parent)
        return None

    def division(self, form: str, parent: Division | None) -> Division | None:
        gaz = self.gaz
        if not gaz.lookup(form):
            return None
        div = gaz.resolve(form, context=self.home, parent=parent.code if parent else None)
        if div is None:
            return None
        pinned = parent is not None and div.parent == parent.code
        if form in self.lex.common:
            return div if pinned or (self.home and div.parent == self.home) else None
        if form == div.short and form != div.name and div.level == "county" and not pinned:
            return div if self._near_home(div) else None
        return div

    def _near_home(self, div: Division) -> bool:
        """Short county names (小店, 朝阳) count only in reports of their own city or municipality."""
        if not self.home:
            return False
        chain = [div.code, *self.gaz.ancestors(div.code)]
        home_div = self.gaz.by_code.get(self.home)
        if home_div is None or (home_div.level == "province" and self.home not in MUNICIPALITIES):
            return False
        return self.home in chain or home_div.parent in chain[1:2]

    def town(self, index: int, text: str, i: int, town_end: int) -> int | None:
        """A town, township or functional zone standing alone, where the context marks it as a name."""
        name, level = town_name(text, i), "township"
        if name is None or not _town_allowed(self, text, i, name, town_end):
            name, level = self.zone(text, i), "region"
        home = self.gaz.by_code.get(self.home or "")
        if name is None or home is None:
            return None
        found = self.known_town(name, home) if level == "township" else None
        parent = found.county if found else home.code
        place = Place(f"{parent}/{slug(name)}", name, level, None, parent)
        self.mention(self.keep(place), index, text, i, i + len(name))
        return i + len(name)

    def known_town(self, name: str, home: Division) -> Township | None:
        """The table's one town of this name in the report's place, else in its province."""
        table = towns()
        return table.within(name, home.code, self.gaz) or table.within(name, home.province, self.gaz)

    def short_town(self, index: int, text: str, i: int) -> int | None:
        """A town's short form (亚布力) as the first word of a proper name, or written with 镇/乡."""
        if not self._name_start(text, i):
            return None
        home = self.gaz.by_code.get(self.home or "")
        for n in range(min(5, len(text) - i), 2, -1):
            stem = text[i : i + n]
            if not HAN.fullmatch(stem) or self._taken(stem):
                continue
            town = towns().short_within(stem, home.province if home else None, self.gaz)
            if town is None:
                continue
            rest = text[i + n :]
            if rest[:1] in self.lex.one_char_towns and town.name == stem + rest[0]:
                end = i + n + 1
            elif self._proper_name(rest):
                end = i + n
            else:
                continue
            place = Place(f"{town.county}/{slug(town.name)}", town.name, "township", None, town.county)
            self.mention(self.keep(place), index, text, i, end)
            return end
        return None

    def _name_start(self, text: str, i: int) -> bool:
        """Where a proper name can begin: a clause head, after 在/于 or a quote, or after 举办 and the like."""
        if i == 0 or text[i - 1] in HEAD or text[i - 1] in self.lex.locatives or text[i - 1] in QUOTES:
            return True
        return any(text.endswith(w, 0, i) for w in self.lex.name_before)

    def _taken(self, stem: str) -> bool:
        """A stem that is a division, a common word or an idiom never stands for a town."""
        return (
            bool(self.gaz.lookup(stem))
            or stem in self.lex.common
            or stem[0] in self.lex.town_stem_not_start
            or any(idiom.startswith(stem) for idiom in self.lex.idioms)
            or stem.startswith(self.lex.not_stems)
        )

    def _proper_name(self, rest: str) -> bool:
        """The words after a short form run, within one clause, into a proper name's suffix."""
        if not HAN.fullmatch(rest[:1]):
            return False
        clause = rest[: self.lex.name_reach]
        cut = next((k for k, ch in enumerate(clause) if ch in HEAD or ch in "、“”《》"), len(clause))
        return any(suffix in clause[:cut] for suffix in self.lex.name_suffixes)

    def zone(self, text: str, i: int) -> str | None:
        """A functional zone at the head of a clause (X旅游度假区, X经济开发区)."""
        lex = self.lex
        if not (i == 0 or text[i - 1] in HEAD or text[i - 1] in lex.locatives):
            return None
        for n in range(2, 5):
            stem = text[i : i + n]
            if (
                not HAN.fullmatch(stem)
                or any(ch in lex.stem_stop for ch in stem)
                or any(mark in stem for mark in lex.level_marks)
                or stem[0] in lex.town_stem_not_start
                or stem.startswith(lex.not_stems)
            ):
                return None
            suffix = next((x for x in self.lex.zone_suffixes if text.startswith(x, i + n)), None)
            if suffix:
                return stem + suffix
        return None

    def settlement(self, index: int, text: str, i: int, county: Division) -> int | None:
        """A township or village written right after its county (偏关县老牛湾村)."""
        if county.level != "county":
            return None
        for n in range(2, 7):
            name = text[i : i + n]
            suffix = next((s for s in self.lex.settlement_suffixes if name.endswith(s)), None)
            if suffix is None or len(name) <= len(suffix):
                continue
            stem = name[: -len(suffix)]
            if (
                any(ch in self.lex.stem_stop for ch in stem)
                or name in self.lex.not_settlements
                or stem.startswith(self.lex.not_stems)
            ):
                return None
            level = "village" if suffix in self.lex.village_suffixes else "township"
            place = Place(f"{county.code}/{slug(name)}", name, level, None, county.code)
            self.mention(self.keep(place), index, text, i, i + n)
            return i + n
        return None


def _town_allowed(self: _Scanner, text: str, i: int, name: str, town_end: int) -> bool:
    suffix_at = len(name) - (1 if name[-1] in self.lex.one_char_towns else 2)
    if (
        name in self.lex.not_settlements
        or name.startswith(self.lex.not_stems)
        or (suffix_at > 2 and name[suffix_at - 1 : suffix_at + 1] in self.lex.not_settlements)
    ):
        return False
    if i == 0 or text[i - 1] in HEAD or text[i - 1] in self.lex.locatives:
        return True
    return town_end == i - 1 and (text[i - 1] == "、" or text[i - 1] in self.lex.conjunctions)


def extract_places(doc: Document) -> tuple[tuple[Place, ...], tuple[PlaceMention, ...]]:
    """Every place mention in the report, and the places they resolve to (with their parents).

    >>> from policykg.graph_builder.pipeline import read_text
    >>> places, mentions = extract_places(read_text("2024年山西省政府工作报告\\n\\n偏关县老牛湾村入选。"))
    >>> [m.span.text for m in mentions], [p.key for p in places]
    (['山西省', '偏关县', '老牛湾村'], ['140000', '140900', '140932', '140932/老牛湾村', 'CN'])
    """
    return _Scanner(doc).run()
