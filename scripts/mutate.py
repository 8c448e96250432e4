"""Mutation testing of the pure rule modules, one module at a time (`make mutate`).

Runs ``mutmut run "<module>.*"`` for each module (configuration in pyproject.toml, [tool.mutmut]),
then reads mutmut's results and prints, per module (a package, such as csphub.powers.rules, counts
as one: the sum over its modules): mutants generated, killed (a timeout counts as
killed: the tests noticed), survived, no tests, the score, and the score with message-text mutants
aside. A message-text mutant is one whose only change is to a string literal (``"XX…XX"``, upper or
lower case) or that replaces a string literal with None: it changes wording, not the rule.

Exits 1 when a module is below its target (rules modules 90 %, gistar and trends 85 %, message-text
mutants aside). Usage: ``python scripts/mutate.py [module ...]`` (default: all five).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess  # nosec B404 - runs mutmut, a dev tool, with arguments built here
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGETS: dict[str, float] = {
    "csphub.risk.rules": 90.0,
    "csphub.powers.rules": 90.0,
    "csphub.casereviews.rules": 90.0,
    "csphub.analytics.hotspots.gistar": 85.0,
    "csphub.analytics.trends": 85.0,
}

KILLED = {1, 3, 36, 24, -24, 152, 255}  # killed, pytest internal error, timeouts (see mutmut.stats)
NO_TESTS = {5, 33}


def source_paths(module: str) -> list[Path]:
    """The module's file, or every module of a package (csphub.powers.rules is one module per power)."""
    package = Path("src", *module.split("."))
    if (ROOT / package).is_dir():
        return sorted(p.relative_to(ROOT) for p in (ROOT / package).glob("*.py"))
    return [package.with_suffix(".py")]


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _only_text_differs(orig: ast.AST, mutant: ast.AST) -> bool | None:
    """True: they differ only where the original has a string literal (and the mutant a string or
    None); False: they differ elsewhere; None: identical."""
    if type(orig) is not type(mutant):
        return False
    if isinstance(orig, ast.Constant):
        value = mutant.value  # type: ignore[attr-defined]
        if orig.value == value and type(orig.value) is type(value):
            return None
        return _is_text(orig) and (value is None or _is_text(mutant))
    found: bool | None = None
    for field in orig._fields:
        if field in ("ctx", "type_comment"):
            continue
        a, b = getattr(orig, field, None), getattr(mutant, field, None)
        pairs: list[tuple[object, object]]
        if isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                return False
            pairs = list(zip(a, b, strict=True))
        else:
            pairs = [(a, b)]
        for x, y in pairs:
            if isinstance(x, ast.AST) and isinstance(y, ast.AST):
                result = _only_text_differs(x, y)
            elif x == y:
                result = None
            else:
                return False
            if result is False:
                return False
            if result:
                found = True
    return found


def text_mutants(mutated_file: Path) -> set[str]:
    """Names (without the module) of the mutants that only change message text."""
    tree = ast.parse(mutated_file.read_text("utf-8"))
    functions: dict[str, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions[node.name] = node
    out = set()
    for name, node in functions.items():
        base, sep, suffix = name.rpartition("__mutmut_")
        if not sep or not suffix.isdigit():
            continue
        orig = functions.get(f"{base}__mutmut_orig")
        if orig is None:
            continue
        a, b = (
            ast.Module(body=list(orig.body), type_ignores=[]),
            ast.Module(  # type: ignore[attr-defined]
                body=list(node.body),  # type: ignore[attr-defined]
                type_ignores=[],
            ),
        )
        if _only_text_differs(a, b) and ast.dump(orig.args) == ast.dump(node.args):  # type: ignore[attr-defined]
            out.add(name)
    return out


@dataclass
class Score:
    module: str
    generated: int
    killed: int
    survived: int
    no_tests: int
    other: int
    text_total: int
    text_killed: int

    @property
    def score(self) -> float:
        return 100.0 * self.killed / self.generated if self.generated else 100.0

    @property
    def logic_score(self) -> float:
        n = self.generated - self.text_total
        return 100.0 * (self.killed - self.text_killed) / n if n else 100.0


def score(module: str) -> Score:
    codes: dict[str, int | None] = {}
    text: set[str] = set()
    for path in source_paths(module):
        meta_path = ROOT / "mutants" / (str(path) + ".meta")
        if not meta_path.exists():  # a package's __init__ that only re-exports has no mutants
            continue
        meta = json.loads(meta_path.read_text("utf-8"))
        codes.update(meta["exit_code_by_key"])
        text |= text_mutants(ROOT / "mutants" / path)
    s = Score(module, 0, 0, 0, 0, 0, 0, 0)
    for key, code in codes.items():
        name = key.rpartition(".")[2]
        s.generated += 1
        killed = code in KILLED
        if killed:
            s.killed += 1
        elif code == 0:
            s.survived += 1
        elif code in NO_TESTS:
            s.no_tests += 1
        else:
            s.other += 1
        if name in text:
            s.text_total += 1
            s.text_killed += killed
    return s


def main(argv: list[str]) -> int:
    modules = argv or list(TARGETS)
    children = os.environ.get("MUTATE_CHILDREN", "2")
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    results = []
    for module in modules:
        if module not in TARGETS:
            print(f"unknown module {module}; choose from {', '.join(TARGETS)}", file=sys.stderr)
            return 2
        print(f"== mutmut: {module}", flush=True)
        subprocess.run([mutmut, "run", f"{module}.*", "--max-children", children], cwd=ROOT, check=False)  # noqa: S603  # nosec B603 - fixed argv, no shell
        results.append(score(module))
    failed = False
    print()
    print(
        f"{'module':36} {'gen':>5} {'killed':>6} {'surv':>5} {'no tst':>6} {'score':>7} {'logic':>7} target"
    )
    for s in results:
        target = TARGETS[s.module]
        ok = s.logic_score >= target
        failed |= not ok
        print(
            f"{s.module:36} {s.generated:5d} {s.killed:6d} {s.survived:5d} {s.no_tests:6d} "
            f"{s.score:6.1f}% {s.logic_score:6.1f}% {target:.0f}% {'ok' if ok else 'BELOW'}"
        )
    print("logic = score with message-text mutants aside; `mutmut results` lists the survivors.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
