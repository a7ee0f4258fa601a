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

from policykg.graph_builder.entities.place_bounds import stands_alone
from policykg.graph_builder.entities.place_words import (
    HAN,
    HEAD,
    QUOTES,
    china,
    division_place,
    name_index,
    place_lex,
    short_heads,
    town_name,
)
from policykg.graph_builder.iris import slug
from policykg.graph_builder.lexicons.gazetteer import CHINA, MUNICIPALITIES, Division, Township, load, towns
from policykg.graph_builder.model import Document, Place, PlaceMention


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
        self.mentions.append(PlaceMention(key, s.span(i, j), sentence))

    def scan(self, index: int, text: str) -> None:
        """One pass over a sentence, visiting only where a name can start (see ``_candidates``)."""
        prev = None  # (end, Division) of the last division mention
        town_end = -1  # end of the last free-standing town, for lists (甲镇、乙镇)
        resume = 0  # the end of the last name: the scan goes on from there
        names = name_index()
        for i in self._candidates(text):
            if i < resume:
                continue
            words = names.at(text, i)
            idiom = next((x for x in self.lex.idioms if x in words), None) if words else None
            if idiom is not None:
                resume = i + len(idiom)
                continue
            found = self.at(text, i, words, prev if prev and prev[0] == i else None) if words else None
            if found is None:
                if self._may_open_name(text, i, town_end):
                    resume, free_standing = self._town_at(index, text, i, town_end)
                    town_end = resume if free_standing else town_end
                continue
            begin, end, place = found
            self.mention(self.keep(place), index, text, begin, end)
            prev = (end, self.gaz.by_code.get(place.key)) if place.code else None
            if prev and prev[1] is not None:
                end = self.settlement(index, text, end, prev[1]) or end
            resume = end

    def _candidates(self, text: str) -> list[int]:
        """Positions where a name of the index starts or where a town or zone may open a name."""
        index = name_index()
        pairs = index.by_pair
        found = {m.start() for m in index.first_letters.finditer(text) if text[m.start() : m.start() + 2] in pairs}
        found.update(m.end() for m in self.lex.gate_pattern.finditer(text))
        found.add(0)
        return sorted(i for i in found if i < len(text))

    def _town_at(self, index: int, text: str, i: int, town_end: int) -> tuple[int, bool]:
        """A town, zone or town's short form at ``text[i]``: where the scan goes on, and whether it was a
        free-standing town or zone (which a list of towns may continue)."""
        end = self.town(index, text, i, town_end) if self._suffix_near(text, i) else None
        if end is not None:
            return end, True
        end = self.short_town(index, text, i) if text[i : i + 3] in short_heads() else None
        return (i + 1 if end is None else end), False

    def _may_open_name(self, text: str, i: int, town_end: int) -> bool:
        """Whether a town, zone or town's short form may start here: a clause head, after 在/于, a quote or
        举办 and the like, or the next item of a list of towns (every rule below asks one of these)."""
        return i == 0 or text[i - 1] in self.lex.openers or self._after_name_verb(text, i)

    def _after_name_verb(self, text: str, i: int) -> bool:
        """Whether a verb that names an event's venue (举办, 召开 ...) ends at ``text[i]``."""
        if text[i - 1] not in self.lex.name_before_ends:
            return False
        return any(text[i - n : i] in self.lex.name_before_set for n in self.lex.name_before_lengths if n <= i)

    def _suffix_near(self, text: str, i: int) -> bool:
        """Whether a town's or zone's suffix can follow a stem of two to four characters from ``text[i]``."""
        return not self.lex.suffix_starts.isdisjoint(text[i + 2 : i + 7])

    def at(
        self,
        text: str,
        i: int,
        words: tuple[str, ...],
        prev: tuple[int, Division | None] | None,
    ) -> tuple[int, int, Place] | None:
        """The longest place name starting at ``text[i]`` (its begin, end and place), if any; ``words`` are
        the index's words there."""
        for word in words:
            if word in self.lex.whole_set:
                if word in self.lex.country:
                    return i, i + len(word), china()
                if self.home and self.home in self.gaz.by_code:
                    return i, i + len(word), division_place(self.own(word))
        for region in words:
            if region in self.lex.region_set:
                return i, i + len(region), Place(f"region/{slug(region)}", region, "region")
        local = self.local_region(text, i)
        if local is not None:
            return local
        parent = prev[1] if prev else None
        for form in words:
            div = self.division(form, parent)
            if div is not None and self._is_word(text, i, i + len(form), div, parent):
                return i, i + len(form), division_place(div)
        return None

    def _is_word(self, text: str, i: int, j: int, div: Division, parent: Division | None) -> bool:
        """A division's name counts where it stands as a word: right after its parent (马鞍山市和县), or where
        the words around it leave it whole (not 示范县, 新晋中国); a prefecture or county outside the report's
        province also needs its full name, its parent or a route (大同至天津, 内蒙古—深圳)."""
        if parent is not None and div.parent == parent.code:
            return True
        if not stands_alone(text, i, j):
            return False
        full = text[i:j] == div.name and len(div.name) > 2  # 和县, 范县: too short to stand for themselves
        return self._inside_home(div) or full or self._route_or_venue(text, i, j)

    def _inside_home(self, div: Division) -> bool:
        """A province, or a division of the report's own province (every division when it is unknown)."""
        home = self.gaz.by_code.get(self.home or "")
        return home is None or div.level == "province" or div.province == home.province

    def _route_or_venue(self, text: str, i: int, j: int) -> bool:
        """A place at one end of a route or a link (甲至乙, 甲—乙), or where something is held (在甲, 赴甲)."""
        marks, before = self.lex.route_marks, text[i - 1 : i]
        return text[j : j + 1] in marks or (before != "" and (before in marks or before in self.lex.venue_words))

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

    def local_region(self, text: str, i: int) -> tuple[int, int, Place] | None:
        """A city cluster or economic zone named by a direction word (中部城市群, 西部经济带), with the one-character
        name of a province before it when there is one (川东北经济区)."""
        head = text[i : i + 2]
        if head not in self.lex.region_heads:
            return None
        for suffix in self.lex.region_suffixes:
            if text.startswith(suffix, i + 2):
                begin = i - 1 if i and text[i - 1] in self.lex.province_letters else i
                name = text[begin : i + 2] + suffix
                parent = self.home if self.home and self.home not in MUNICIPALITIES else None
                key = f"{parent}/{name}" if parent else f"region/{name}"
                return begin, i + 2 + len(suffix), Place(key, name, "region", None, parent)
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
        return self._after_name_verb(text, i)

    def _taken(self, stem: str) -> bool:
        """A stem that is a division, a common word or an idiom never stands for a town."""
        return (
            bool(self.gaz.lookup(stem))
            or stem in self.lex.common
            or stem[0] in self.lex.town_stem_not_start
            or stem in self.lex.idiom_prefixes
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
