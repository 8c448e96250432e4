"""Find an area of England and Wales by name or code: the LSOAs that make it up.

Accepted (see :meth:`AreaIndex.resolve`):

- a Community Safety Partnership name or code (E22…/W14…),
- a local authority district name or code, current (December 2024) or 2022 (e.g. Allerdale
  E07000026, now part of Cumberland),
- a police force area name or code (E23…/W15…), also as "Derbyshire Police" / "… Constabulary",
- an electoral ward name or code (E05…/W05…); a ward name used in several districts is ambiguous and
  is given as "Abbey (ward in Derby)" or "Abbey, Derby",
- LSOA codes, 2021 or 2011 (a 2011 code stands for the 2021 LSOAs it became in the ONS exact lookup).

Names are matched ignoring case, punctuation, "&"/"and", a leading "the" and the order of "London,
City of". A name used by
areas of different kinds that cover the same LSOAs (Amber Valley the district and the CSP) is one
area; if the LSOAs differ (Dorset the CSP, the district and the police force area) the name is
ambiguous and the choices are listed, each as a name that resolves on its own. No area of that name:
:class:`AreaNotFound` with the nearest names ("did you mean …").
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from csphub.analytics.geography import (
    GSS_RE,
    LSOA_RE,
    Area,
    AreaAmbiguous,
    AreaNotFound,
    Geography,
)

# Kinds in order of preference when one name covers the same LSOAs under several kinds.
KINDS = ("district", "csp", "district_2022", "pfa", "ward")
DESCRIPTION = {
    "csp": "Community Safety Partnership",
    "district": "district",
    "district_2022": "district (2022 boundaries)",
    "pfa": "police force area",
    "ward": "ward",
}
# Words a user may add to say which kind they mean: "Dorset CSP", "Derbyshire police".
QUALIFIERS = {
    "csp": "csp",
    "community safety partnership": "csp",
    "partnership": "csp",
    "district": "district",
    "council": "district",
    "borough": "district",
    "local authority": "district",
    "2022 district": "district_2022",
    "district 2022": "district_2022",
    "district 2022 boundaries": "district_2022",
    "police force area": "pfa",
    "police": "pfa",
    "constabulary": "pfa",
    "police service": "pfa",
    "force": "pfa",
    "ward": "ward",
}


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Case- and punctuation-insensitive key: 'Newcastle-upon-Tyne' == 'newcastle upon tyne'."""
    s = text.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return re.sub(r"^(.*) city of$", r"city of \1", s)  # "London, City of" == "City of London"


@dataclass(frozen=True)
class _Unit:
    kind: str
    code: str
    name: str
    parent: str  # district name, for wards
    lsoas: tuple[str, ...]

    @property
    def label(self) -> str:
        """A name that resolves to this unit alone."""
        if self.kind == "ward":
            return f"{self.name} (ward in {self.parent})"
        return f"{self.name} ({DESCRIPTION[self.kind]})"


class AreaIndex:
    """Every CSP, district (current and 2022), police force area and ward of a :class:`Geography`,
    by code and by name key."""

    def __init__(self, geo: Geography) -> None:
        self.geo = geo
        self.by_code: dict[str, list[_Unit]] = {}
        self.by_key: dict[str, list[_Unit]] = {}
        self._lsoa_codes = [str(c) for c in geo.column("code")]
        self._lad_names = [str(c) for c in geo.column("lad_name")]
        self._add(
            (
                ("district", "lad_code", "lad_name"),
                ("district_2022", "lad22_code", "lad22_name"),
                ("csp", "csp_code", "csp_name"),
                ("pfa", "pfa_code", "pfa_name"),
            )
        )
        # wards (7,500 of them) are indexed on first need: a name that is not a CSP, district or
        # force area, a ward code, or a suggestion (a ward never wins over those kinds anyway)
        self.wards_indexed = False
        # 2011 LSOA code → the 2021 LSOAs it became
        self.lsoa11: dict[str, list[str]] = {}
        for ch in geo.changes:
            self.lsoa11.setdefault(ch.old_code, []).append(ch.new_code)

    def _add(self, kinds: Sequence[tuple[str, str, str]]) -> None:
        geo = self.geo
        groups: dict[tuple[str, str], list[str]] = {}
        names: dict[tuple[str, str], tuple[str, str]] = {}
        for kind, code_col, name_col in kinds:
            for lsoa, code, name, lad_name in zip(
                self._lsoa_codes, geo.column(code_col), geo.column(name_col), self._lad_names, strict=True
            ):
                if code:
                    key = (kind, str(code))
                    members = groups.get(key)
                    if members is None:
                        groups[key] = [lsoa]
                        names[key] = (str(name), lad_name if kind == "ward" else "")
                    else:
                        members.append(lsoa)
        for (kind, code), lsoas in groups.items():
            name, parent = names[(kind, code)]
            unit = _Unit(kind, code, name, parent, tuple(sorted(lsoas)))
            self.by_code.setdefault(code, []).append(unit)
            if kind == "district_2022" and ("district", code) in groups:
                continue  # the 2022 district is the current one: named once, as a district
            self.by_key.setdefault(name_key(name), []).append(unit)
            if kind == "ward":
                nk, pk = name_key(name), name_key(parent)
                for form in (f"{nk} {pk}", f"{nk} ward {pk}", f"{nk} ward in {pk}"):
                    self.by_key.setdefault(form, []).append(unit)

    def index_wards(self) -> None:
        if not self.wards_indexed:
            self.wards_indexed = True
            self._add((("ward", "ward_code", "ward_name"),))

    # ---------- resolve ----------
    def resolve(self, area: str | Sequence[str]) -> Area:
        if not isinstance(area, str):
            return self._lsoa_area([str(a).strip().upper() for a in area])
        text = area.strip()
        if not text:
            raise AreaNotFound(
                "Enter an area: a partnership, district, police force area, ward or LSOA codes"
            )
        parts = [p for p in re.split(r"[,;\s]+", text.upper()) if p]
        if parts and all(LSOA_RE.match(p) for p in parts):
            return self._lsoa_area(parts)
        code = text.upper()
        if GSS_RE.match(code):
            if code[1:3] == "05":
                self.index_wards()
            units = self.by_code.get(code)
            if not units:
                raise AreaNotFound(f"No area with the code {code} in the national reference")
            pick = sorted(units, key=lambda u: KINDS.index(u.kind))[0]
            return self._area(pick)
        wards_were_indexed = self.wards_indexed  # (a failed look-up indexes them, for its suggestions)
        try:
            return self._by_name(text)
        except AreaNotFound:
            if wards_were_indexed:
                raise
            self.index_wards()
            return self._by_name(text)

    def _by_name(self, text: str) -> Area:
        key = name_key(text)
        wanted: str | None = None
        units = self.by_key.get(key, [])
        if not units:
            # a kind said in words: "Dorset CSP", "Derbyshire Constabulary", "Abbey (ward in Derby)"
            for q in sorted(QUALIFIERS, key=len, reverse=True):
                qk = name_key(q)
                for base in (
                    key.removesuffix(" " + qk) if key.endswith(" " + qk) else None,
                    key.removeprefix(qk + " ") if key.startswith(qk + " ") else None,
                ):
                    if base and base in self.by_key:
                        wanted, units = QUALIFIERS[q], self.by_key[base]
                        break
                if units:
                    break
            if not units:
                m = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
                if m:
                    inner = name_key(m.group(2))
                    base = name_key(m.group(1))
                    if inner.startswith("ward in "):
                        units = self.by_key.get(name_key(f"{m.group(1)} {inner[8:]}"), [])
                    else:
                        kind = QUALIFIERS.get(inner) or next(
                            (k for k, d in DESCRIPTION.items() if name_key(d) == inner), None
                        )
                        if kind:
                            wanted, units = kind, self.by_key.get(base, [])
        if wanted:
            units = [u for u in units if u.kind == wanted]
        if not units:
            raise AreaNotFound(self._not_found_message(text), self.suggest(text))
        if not wanted and any(u.kind != "ward" for u in units):
            units = [
                u for u in units if u.kind != "ward"
            ]  # "Ashfield" is the district, not a ward of that name
        distinct: dict[tuple[str, ...], list[_Unit]] = {}
        for u in units:
            distinct.setdefault(u.lsoas, []).append(u)
        if len(distinct) > 1:
            choices = sorted(
                (sorted(us, key=lambda u: KINDS.index(u.kind))[0] for us in distinct.values()),
                key=lambda u: (KINDS.index(u.kind), u.parent, u.name),
            )
            raise AreaAmbiguous(
                f"“{text.strip()}” is the name of {len(choices)} areas: "
                + "; ".join(f"{u.label}" for u in choices)
                + ". Enter one of these as shown, or its code.",
                [u.label for u in choices],
            )
        same = next(iter(distinct.values()))
        return self._area(sorted(same, key=lambda u: KINDS.index(u.kind))[0])

    def _not_found_message(self, text: str) -> str:
        near = self.suggest(text)
        msg = f"No partnership, district, police force area or ward is called “{text.strip()}”"
        if near:
            msg += ". Did you mean " + ", ".join(f"“{n}”" for n in near[:-1])
            msg += (" or " if len(near) > 1 else "") + f"“{near[-1]}”?"
        return msg

    def suggest(self, text: str, n: int = 5) -> list[str]:
        """The nearest names (each one that resolves on its own)."""
        self.index_wards()
        key = name_key(text)
        close = difflib.get_close_matches(key, list(self.by_key), n=n, cutoff=0.75)
        if not close:
            close = difflib.get_close_matches(key, list(self.by_key), n=n, cutoff=0.6)
        out: list[str] = []
        for k in close:
            units = self.by_key[k]
            non_ward = [u for u in units if u.kind != "ward"]
            pool = non_ward or units
            if len({u.lsoas for u in pool}) == 1:
                out.append(sorted(pool, key=lambda u: KINDS.index(u.kind))[0].name)
            else:
                out.extend(u.label for u in pool)
        return list(dict.fromkeys(out))[:n]

    # ---------- building areas ----------
    def _area(self, u: _Unit) -> Area:
        geo = self.geo
        lsoas = u.lsoas
        name = u.name
        description = DESCRIPTION[u.kind]
        if u.kind == "ward":
            description = f"ward in {u.parent}"
        elif u.kind == "district_2022":
            now = sorted({geo.lsoas[c].lad_name for c in lsoas})
            description = f"district (2022 boundaries; now part of {', '.join(now)})"
        elif u.kind == "district":
            csp = {(geo.lsoas[c].csp_code, geo.lsoas[c].csp_name) for c in lsoas}
            same = [c for c, _ in csp if c in self.by_code and any(x.lsoas == lsoas for x in self.by_code[c])]
            if same:
                description = "district and Community Safety Partnership"
        return Area(
            name=name,
            kind=u.kind,
            lsoa_codes=lsoas,
            district_codes=tuple(sorted({geo.lsoas[c].lad_code for c in lsoas})),
            population=int(sum(geo.lsoas[c].population for c in lsoas)),
            code=u.code,
            description=description,
            csp_codes=tuple(sorted({geo.lsoas[c].csp_code for c in lsoas} - {""})),
            pfa_codes=tuple(sorted({geo.lsoas[c].pfa_code for c in lsoas} - {""})),
        )

    def _lsoa_area(self, parts: list[str]) -> Area:
        geo = self.geo
        codes: set[str] = set()
        unknown: list[str] = []
        for p in parts:
            if p in geo.lsoas:
                codes.add(p)
            elif p in self.lsoa11:
                codes.update(c for c in self.lsoa11[p] if c in geo.lsoas)
            else:
                unknown.append(p)
        if unknown:
            raise AreaNotFound(
                f"{len(unknown)} LSOA code(s) are neither 2021 nor 2011 codes in the national reference: "
                + ", ".join(unknown[:10])
            )
        if not codes:
            raise AreaNotFound("Enter at least one LSOA code")
        lsoas = tuple(sorted(codes))
        return Area(
            name=f"{len(lsoas)} LSOAs",
            kind="lsoa_list",
            lsoa_codes=lsoas,
            district_codes=tuple(sorted({geo.lsoas[c].lad_code for c in lsoas})),
            population=int(sum(geo.lsoas[c].population for c in lsoas)),
            description="list of LSOAs",
            csp_codes=tuple(sorted({geo.lsoas[c].csp_code for c in lsoas} - {""})),
            pfa_codes=tuple(sorted({geo.lsoas[c].pfa_code for c in lsoas} - {""})),
        )

    # ---------- listings ----------
    def names(self, kind: str) -> list[tuple[str, str]]:
        """(code, name) of every area of ``kind``, sorted by name."""
        if kind == "ward":
            self.index_wards()
        return sorted(
            ((u.code, u.name) for units in self.by_code.values() for u in units if u.kind == kind),
            key=lambda t: (t[1], t[0]),
        )
