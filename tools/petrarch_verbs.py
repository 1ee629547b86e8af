"""Convert the PETRARCH-2 CAMEO verb dictionary (CAMEO.2.0.txt, MIT) into a trigger rule file.

PETRARCH users have years of curated verb patterns; this keeps what a parser-free matcher
can use:

    ---  ARRIVE   [040]  ---          a block: its verbs default to code 040
    ARRIVE                            a verb of the block (stem, upper case)
    COME {COMING COMES CAME } [---]   a verb with its own code ([---]: none)
    +GET_TOGETHER {...}               a multi-word verb (words joined by '_')
    - * SUMMIT        [046]           verb followed by a word: code 046
    - * (FOR TALKS)   [046:046]       verb followed by a phrase; the code before ':' is used

Patterns that need a parse (a word before the verb, synonym sets `&X`, `^` skips, `$`/`+`
actor slots, `{}` alternatives) are left out. Usage:

    eventetl import-petrarch-verbs CAMEO.2.0.txt extractors/rules/events/petrarch_verbs.yaml
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_PLAIN = re.compile(r"^[A-Z][A-Z'\-]*(?: [A-Z][A-Z'\-]*)*$")
# Generated rules yield to the hand-written ones (see rules/events/core.yaml).
DEFAULT_CONFIDENCE = 0.35
# A pattern made only of these ("- * (TO)") says nothing a word window can check.
FUNCTION_WORDS = frozenset("to with in on at for from by of against into over up down out off back "
                           "a an the as about after before under".split())
PATTERN_CONFIDENCE = 0.45


@dataclass
class VerbBlock:
    name: str
    code: str | None
    verbs: dict[str, str | None] = field(default_factory=dict)  # verb -> own code (None: block code)
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (following phrase, code)


def _code(raw: str) -> str | None:
    code = raw.split(":")[0].strip()
    return code if code.isdigit() and 2 <= len(code) <= 4 else None


def _words(token: str) -> str:
    return token.strip("+").replace("_", " ").strip().lower()


def parse_verb_dictionary(text: str) -> list[VerbBlock]:
    blocks: list[VerbBlock] = []
    current: VerbBlock | None = None
    in_verbs = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = _BLOCK.match(line)
        if m:
            current = VerbBlock(m.group(1), _code(m.group(2)))
            blocks.append(current)
            in_verbs = True
            continue
        if current is None or line.startswith("&"):
            current = None if line.startswith("&") else current
            continue
        if line.startswith("-"):
            in_verbs = False
            body = line[1:].strip()
            code_match = _CODE.search(body)
            if not code_match or not body.startswith("*"):
                continue
            code = _code(code_match.group(1))
            after = body[1:code_match.start()].strip()
            if not code or not after:
                continue
            if after.startswith("("):
                first = after[1:after.find(")")] if ")" in after else ""
            else:
                first = after.split()[0]
            if first and _PLAIN.match(first) and not set(first.lower().split()) <= FUNCTION_WORDS:
                current.patterns.append((first.lower(), code))
            continue
        if in_verbs:
            head = line.strip().split("{", 1)[0].split("[", 1)[0].strip()
            if not head or " " in head.strip("+ "):
                continue
            own = _CODE.search(line)
            verb = _words(head)
            if own:
                current.verbs[verb] = _code(own.group(1)) or "---"
            else:
                current.verbs[verb] = None
    return blocks


def rules_from_blocks(blocks: list[VerbBlock]) -> list[dict]:
    rules: list[dict] = []
    for b in blocks:
        base = b.name.lower().replace("_", "-")
        defaults: dict[str, list[str]] = {}
        for verb, own in b.verbs.items():
            code = b.code if own is None else (None if own == "---" else own)
            if code:
                defaults.setdefault(code, []).append(verb)
        for code, verbs in sorted(defaults.items()):
            rules.append({"id": f"petrarch.{base}.{code}", "code": code, "lemmas": sorted(verbs),
                          "pos": "verb", "fallback": True, "confidence": DEFAULT_CONFIDENCE})
        verbs_all = sorted(b.verbs)
        if not verbs_all:
            continue
        by_code: dict[str, set[str]] = {}
        for phrase, code in b.patterns:
            by_code.setdefault(code, set()).add(phrase)
        for code, phrases in sorted(by_code.items()):
            rules.append({"id": f"petrarch.{base}.{code}.context", "code": code, "lemmas": verbs_all,
                          "pos": "verb", "requires": sorted(phrases), "window": 4,
                          "fallback": True, "confidence": PATTERN_CONFIDENCE})
    return rules


HEADER = """\
# GENERATED by `python -m eventetl.tools.petrarch_verbs` from the PETRARCH-2 CAMEO verb
# dictionary CAMEO.2.0.txt (openeventdata/petrarch2 @ 676801c, MIT licence,
# Copyright (c) 2015 Open Event Data Alliance; licence text in SOURCES.md beside this file).
# Do not edit by hand: add or override rules (same id) in your own rule file instead.
# These rules have low confidence and yield to the hand-written ones in core.yaml.
"""


def convert(src: str | Path, dst: str | Path) -> int:
    rules = rules_from_blocks(parse_verb_dictionary(Path(src).read_text(encoding="utf-8", errors="replace")))
    seen: dict[str, int] = {}
    for rule in rules:  # block names repeat in the source: keep ids unique
        n = seen.get(rule["id"], 0)
        seen[rule["id"]] = n + 1
        if n:
            rule["id"] = f"{rule['id']}.{n + 1}"

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):  # noqa: D401 - yaml hook
            return True

    body = yaml.dump({"rules": rules}, Dumper=_NoAliases, sort_keys=False, width=120,
                     allow_unicode=True, default_flow_style=None)
    Path(dst).write_text(HEADER + body, encoding="utf-8")
    return len(rules)


def main(argv: list[str] | None = None) -> int:
    """`eventetl import-petrarch-verbs CAMEO.txt OUT.yaml`"""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("source", help="PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt)")
    parser.add_argument("out", help="trigger rule file to write (e.g. MYRULES/events/petrarch_verbs.yaml)")
    args = parser.parse_args(argv)
    print(f"wrote {convert(args.source, args.out)} rules to {args.out}")
    return 0
