"""The benchmark's generated casework data: sizes at scale 1, agencies' shares, names, streets and
postcodes (seeded ``random.Random``, so the same scale gives the same data). Used by ``seed_cases``.
"""

from __future__ import annotations

import random

BASE_CASES = 100_000
BASE_INCIDENTS = 1_000_000
BASE_PEOPLE = 300_000
BASE_ADDRESSES = 150_000
SHARED_POLICE_CASES = 2_000
SEED = 2026

# Agency slugs and their share of records (the council and police record most).
AGENCY_WEIGHTS = {
    "avbc": 30,
    "police": 35,
    "housing": 15,
    "dcc": 6,
    "fire": 4,
    "nhs": 4,
    "probation": 3,
    "voluntary": 3,
}
FIRST = [
    "Alex",
    "Sam",
    "Jordan",
    "Casey",
    "Morgan",
    "Riley",
    "Jamie",
    "Taylor",
    "Robin",
    "Charlie",
    "Drew",
    "Frankie",
    "Harper",
    "Kit",
    "Lee",
    "Nico",
    "Pat",
    "Quinn",
    "Rowan",
    "Sky",
    "Ash",
    "Bailey",
    "Cam",
    "Dana",
]
SYLLABLES = [
    "ash",
    "bram",
    "cop",
    "dun",
    "elm",
    "fern",
    "grey",
    "hawk",
    "ivy",
    "jun",
    "kes",
    "larch",
    "moss",
    "net",
    "oak",
    "peb",
    "quar",
    "rook",
    "sal",
    "this",
    "wil",
    "yar",
    "bur",
    "cot",
]
ENDINGS = [
    "brook",
    "cote",
    "field",
    "more",
    "stead",
    "hollow",
    "stone",
    "ridge",
    "bridge",
    "worth",
    "ton",
    "mont",
    "grove",
    "fold",
    "wood",
    "down",
    "ley",
    "ham",
]
STREETS = [
    "Example Row",
    "Sample Close",
    "Fictional Street",
    "Demo Lane",
    "Placeholder Road",
    "Testbed Avenue",
]
CATEGORIES = {
    "personal": ["harassment", "verbal_abuse", "neighbour_dispute", "noise"],
    "nuisance": ["rowdy", "drugs", "alcohol", "vehicles", "noise"],
    "environmental": ["fly_tipping", "criminal_damage", "animals"],
}
CHANNELS = ["phone", "online", "email", "in_person", "letter", "police_call", "patrol", "partner_referral"]


def surname(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()


def postcode(rng: random.Random) -> str:
    outward = f"DE{rng.choice([5, 55, 56, 75])}"
    return f"{outward} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLN')}{rng.choice('PQRSTUWXYZ')}"
