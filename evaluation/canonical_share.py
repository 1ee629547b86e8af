"""Share of actor mentions (sources and targets of coded events) that carry the same
canonical name (actor1_name/actor2_name) as the other mentions of the same entity in
their article. Entities are keyed independently of the canonical naming: a person by
country + surname (last word of the name as written), a country-level mention (country,
capital, nationality, implied) by its country, an organisation by its actor code, a role
word by country + role. Only entities mentioned at least twice count.
usage: .venv/bin/python -m eventetl.evaluation.canonical_share ARTICLES_DIR

The coder's `_emit` is wrapped from here to see each event's Actor records; the product
carries no instrumentation for it."""
import sys
from collections import Counter, defaultdict
from pathlib import Path

from eventetl.extractors.text.article import parse_article
from eventetl.extractors.actors.canonical import COUNTRY_KINDS, canonical_name
from eventetl.extractors.events.coder import events_from_doc
from eventetl.extractors.extract import dateline_country
from eventetl.extractors.actors.mentions import PERSON_KINDS
from eventetl.extractors.pipeline import get_nlp


def key(a):
    if a.kind in PERSON_KINDS:
        return ("person", a.country, a.name.split()[-1].lower())
    if a.kind in COUNTRY_KINDS and a.country and a.agent in (None, "GOV") or a.kind == "metonym":
        return ("country", a.country)
    if a.kind == "org":
        return ("org", a.code or a.name.lower())
    return ("role", a.country, a.agent, a.name.lower().removeprefix("the "))


def main(argv: list[str] | None = None) -> int:
    import eventetl.extractors.events.coder as coder
    folder = Path((argv if argv is not None else sys.argv[1:])[0])
    nlp = get_nlp()
    captured = []
    orig_emit = coder._emit

    def emit(state, sent, s_index, trig, rule, code, src, tgt, *rest):
        n = orig_emit(state, sent, s_index, trig, rule, code, src, tgt, *rest)
        if n:
            captured.extend(a for a in (src, tgt) if a is not None)
        return n

    coder._emit = emit
    total = shared = entities = 0
    by_kind = defaultdict(lambda: [0, 0])
    try:
        for path in sorted(folder.glob("*.txt")):
            art = parse_article(path.read_bytes(), path.name)
            doc = nlp(art.body)
            captured.clear()
            events_from_doc(doc, art, dateline=dateline_country(nlp, art.dateline))
            groups = defaultdict(list)
            for a in captured:
                groups[key(a)].append(canonical_name(a))
            for k, names in groups.items():
                if len(names) < 2:
                    continue
                entities += 1
                top = Counter(names).most_common(1)[0][1]
                total += len(names)
                shared += top
                by_kind[k[0]][0] += top
                by_kind[k[0]][1] += len(names)
    finally:
        coder._emit = orig_emit
    print(f"{folder}: {shared}/{total} mentions ({100 * shared / max(total, 1):.1f}%) share their entity's "
          f"canonical name; {entities} entities mentioned twice or more; by kind: "
          + ", ".join(f"{k} {s}/{t}" for k, (s, t) in sorted(by_kind.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
