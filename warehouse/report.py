"""One-page reports on a dyad or a country: daily events by quad class, the Goldstein
line, and the top events with their sentences.

Reads the marts (`daily_dyad`, `daily_country`) and `events`/`event_mentions` through a
read-only connection, so it runs while a load holds the warehouse (it then reads the
serving copy). A dyad report counts both directions (PAK->IRN and IRN->PAK) unless
`directed` is set. Like the marts, it counts events by their day and leaves out
negated events.
"""
from __future__ import annotations

import base64
import html
import io
import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

from eventetl.warehouse.dimensions import quad_class_names

QUAD_COLUMNS = ("verbal_cooperation_events", "material_cooperation_events",
                "verbal_conflict_events", "material_conflict_events")
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fdae6b", "#e6550d")  # blues cooperate, oranges conflict
TOP_EVENTS = 10


class ReportError(ValueError):
    """A report that cannot be drawn: bad subject, unknown output type, no events."""


@dataclass(frozen=True)
class Subject:
    kind: str                      # "dyad" or "country"
    countries: tuple[str, ...]
    directed: bool = False

    @property
    def label(self) -> str:
        if self.kind == "country":
            return self.countries[0]
        arrow = " \u2192 " if self.directed else " \u2194 "
        return arrow.join(self.countries)


@dataclass
class DayRow:
    day: date
    quad_counts: tuple[int, int, int, int]
    goldstein_mean: float | None


@dataclass
class TopEvent:
    day: date
    event_code: str
    code_name: str | None
    actor1_country: str | None
    actor2_country: str | None
    quad_class: int
    goldstein: float | None
    modality: str
    num_mentions: int
    num_articles: int
    sentence: str


@dataclass
class ReportData:
    subject: Subject
    start: date | None
    end: date | None
    days: list[DayRow]
    top: list[TopEvent] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)

    @property
    def total_events(self) -> int:
        return sum(sum(d.quad_counts) for d in self.days)

    @property
    def title(self) -> str:
        names = [self.country_names.get(c, c) for c in self.subject.countries]
        what = names[0] if self.subject.kind == "country" else (" \u2192 " if self.subject.directed
                                                                   else " \u2194 ").join(names)
        span = f"{self.days[0].day} to {self.days[-1].day}" if self.days else "no events"
        return f"{what} ({self.subject.label}): {self.total_events} events, {span}"


def parse_subject(dyad: str | None, country: str | None, directed: bool = False) -> Subject:
    """`--dyad PAK-IRN` or `--country PAK` (ISO 3166-1 alpha-3, any case)."""
    if bool(dyad) == bool(country):
        raise ReportError("give exactly one of --dyad A-B or --country ISO3")
    codes = [c.strip().upper() for c in (dyad.split("-") if dyad else [country])]
    if (dyad and len(codes) != 2) or not all(len(c) == 3 and c.isalpha() for c in codes):
        raise ReportError(f"{dyad or country!r} is not " + ("two ISO3 codes joined by '-' (e.g. PAK-IRN)"
                                                            if dyad else "an ISO3 country code (e.g. PAK)"))
    return Subject("dyad" if dyad else "country", tuple(codes), directed and bool(dyad))


# ---------------------------------------------------------------- reading

def subject_filter(subject: Subject, prefix: str = "") -> tuple[str, list]:
    """SQL condition (and parameters) selecting the subject's rows of daily_dyad or events."""
    a1, a2 = f"{prefix}actor1_country", f"{prefix}actor2_country"
    if subject.kind == "country":
        return f"({a1} = ? OR {a2} = ?)", [subject.countries[0]] * 2
    a, b = subject.countries
    if subject.directed:
        return f"({a1} = ? AND {a2} = ?)", [a, b]
    return f"(({a1} = ? AND {a2} = ?) OR ({a1} = ? AND {a2} = ?))", [a, b, b, a]


def span_filter(column: str, start: date | None, end: date | None) -> tuple[str, list]:
    sql, params = "", []
    if start:
        sql, params = sql + f" AND {column} >= ?", params + [start]
    if end:
        sql, params = sql + f" AND {column} <= ?", params + [end]
    return sql, params


def load_report_data(con: duckdb.DuckDBPyConnection, subject: Subject, start: date | None = None,
                     end: date | None = None, top_n: int = TOP_EVENTS) -> ReportData:
    span_sql, span_params = span_filter("event_date", start, end)
    quads = ", ".join(f"sum({c})::BIGINT" for c in QUAD_COLUMNS)
    if subject.kind == "dyad":
        where, params = subject_filter(subject)
        rows = con.execute(
            f"SELECT event_date, {quads}, sum(goldstein_sum) / nullif(sum(events), 0) FROM daily_dyad "
            f"WHERE {where}{span_sql} GROUP BY event_date ORDER BY event_date", params + span_params).fetchall()
    else:
        rows = con.execute(
            f"SELECT event_date, {quads}, sum(goldstein_mean * events) / nullif(sum(events), 0) FROM daily_country "
            f"WHERE country = ?{span_sql} GROUP BY event_date ORDER BY event_date",
            [subject.countries[0]] + span_params).fetchall()
    event_where, event_params = subject_filter(subject, prefix="e.")
    days = [DayRow(r[0], tuple(int(v) for v in r[1:5]), r[5]) for r in rows]
    top_span, top_params = span_filter("event_day", start, end)
    top = con.execute(
        f"""SELECT c.event_day, e.event_code, d.name, e.actor1_country, e.actor2_country, e.quad_class,
                   e.goldstein, e.modality, e.num_mentions, e.num_articles,
                   (SELECT first(m.sentence ORDER BY m.confidence DESC, m.published_date, m.mention_id)
                      FROM event_mentions AS m WHERE m.event_id = e.event_id) AS sentence
            FROM int_counted_events AS c
            JOIN events AS e USING (event_id)
            LEFT JOIN dim_cameo AS d ON d.code = e.event_code
            WHERE {event_where}{top_span}
            ORDER BY e.num_mentions DESC, e.num_articles DESC, abs(e.goldstein) DESC NULLS LAST, e.event_id
            LIMIT {int(top_n)}""", event_params + top_params).fetchall()
    names = dict(con.execute("SELECT iso3, name FROM dim_country WHERE iso3 IN (SELECT unnest(?))",
                             [list(subject.countries)]).fetchall())
    return ReportData(subject, start, end, days, [TopEvent(*r) for r in top], names)


# ---------------------------------------------------------------- drawing

def choose_bin(days: list[date]) -> str:
    """Day bars while they stay readable; weeks, then months, for long spans."""
    if not days:
        return "day"
    span = (max(days) - min(days)).days
    return "day" if span <= 120 else "week" if span <= 730 else "month"


def bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def binned(data: ReportData, unit: str) -> list[DayRow]:
    """Day rows summed into bins; the Goldstein mean is re-weighted by events."""
    groups: dict[date, list[DayRow]] = {}
    for row in data.days:
        groups.setdefault(bin_start(row.day, unit), []).append(row)
    out = []
    for start, rows in sorted(groups.items()):
        counts = tuple(sum(r.quad_counts[q] for r in rows) for q in range(4))
        weighted = [(r.goldstein_mean, sum(r.quad_counts)) for r in rows if r.goldstein_mean is not None]
        n = sum(w for _, w in weighted)
        out.append(DayRow(start, counts, sum(g * w for g, w in weighted) / n if n else None))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def figure(data: ReportData, with_table: bool = True):
    """The report's chart (and its top events) as a matplotlib Figure.

    Built without pyplot: no backend is chosen or changed (a notebook keeps its own),
    and nothing stays registered once the caller drops the figure.
    """
    from matplotlib.figure import Figure

    unit = choose_bin([d.day for d in data.days])
    rows = binned(data, unit)
    n_top = min(len(data.top), 5) if with_table else 0
    chart_in, table_in = 4.6, _table_inches(n_top)
    fig = Figure(figsize=(11, chart_in + (table_in if n_top else 0)), dpi=110)
    grid = fig.add_gridspec(2 if n_top else 1, 1, height_ratios=[chart_in, table_in] if n_top else [1],
                            left=0.07, right=0.9, top=0.86 if not n_top else 1 - 0.62 / fig.get_figheight(),
                            bottom=0.02 if n_top else 0.1, hspace=0.32 * (chart_in / fig.get_figheight()))
    _draw_chart(fig.add_subplot(grid[0]), rows, unit)
    fig.suptitle(data.title, x=0.07, ha="left", fontsize=11.5, y=1 - 0.12 / fig.get_figheight())
    if n_top:
        _draw_top_events(fig.add_subplot(grid[1]), data.top[:n_top])
    return fig


_TOP_LINE_IN = 0.5  # inches per event of the top-events table


def _table_inches(n_events: int) -> float:
    """The top-events table's height: its heading, then one line pair per event."""
    return 0.45 + n_events * _TOP_LINE_IN


def _draw_chart(ax, rows: list[DayRow], unit: str) -> None:
    """Events per bin stacked by quad class, and the Goldstein mean on a second axis."""
    import matplotlib.dates as mdates

    names = quad_class_names()
    days = [r.day for r in rows]
    width = {"day": 0.8, "week": 5.5, "month": 24}[unit]
    bottom = [0] * len(rows)
    for q, colour in enumerate(QUAD_COLOURS):
        heights = [r.quad_counts[q] for r in rows]
        ax.bar(days, heights, width=width, bottom=bottom, color=colour, label=names[q + 1],
               align="edge" if unit != "day" else "center")
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_ylabel(f"events per {unit}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax2 = ax.twinx()
    offset = timedelta(days=width / 2) if unit != "day" else timedelta(0)
    points = [(r.day + offset, r.goldstein_mean) for r in rows if r.goldstein_mean is not None]
    xs, ys = broken_at_gaps(points, {"day": 1, "week": 7, "month": 31}[unit])
    ax2.plot(xs, ys, color="#222222", marker="o", markersize=4,
             linewidth=0.8, linestyle="--", alpha=0.85, label=f"Goldstein, mean per {unit}")
    ax2.axhline(0, color="#999999", linewidth=0.6, linestyle=":")
    ax2.set_ylim(-10.5, 10.5)
    ax2.set_ylabel("Goldstein scale (-10 conflict \u2026 +10 cooperation)")
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if days:
        pad = timedelta(days=max(1, (days[-1] - days[0]).days // 40) + width)
        ax.set_xlim(days[0] - pad, days[-1] + pad)
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8,
              frameon=False, ncol=5)
    for a in (ax, ax2):
        a.spines["top"].set_visible(False)


def broken_at_gaps(points: list[tuple[date, float]], max_step: int) -> tuple[list, list[float]]:
    """The line's x and y values with a NaN wherever two points are more than `max_step`
    days apart: joining points months apart would draw a trend the data does not have."""
    xs: list = []
    ys: list[float] = []
    for i, (x, y) in enumerate(points):
        if i and (x - points[i - 1][0]).days > max_step:
            xs.append(x)
            ys.append(float("nan"))
        xs.append(x)
        ys.append(y)
    return xs, ys


def _draw_top_events(tx, top: list[TopEvent]) -> None:
    """The top events, one bold line each (day, dyad, code, mentions) over its sentence."""
    tx.axis("off")
    total = _table_inches(len(top))
    tx.text(0, 1, "Top events (by mentions)", fontsize=9.5, weight="bold", va="top", transform=tx.transAxes)
    for i, ev in enumerate(top):
        y = 1 - (0.4 + i * _TOP_LINE_IN) / total
        head = (f"{ev.day}   {ev.actor1_country or '-'} \u2192 {ev.actor2_country or '-'}   "
                f"{ev.event_code} {ev.code_name or ''}   ({_plural(ev.num_mentions, 'mention')}, {ev.modality})")
        tx.text(0, y, head, fontsize=8.5, va="top", weight="bold", color="#333333", transform=tx.transAxes)
        tx.text(0.02, y - 0.2 / total, textwrap.shorten(ev.sentence, width=165, placeholder=" \u2026"),
                fontsize=8, va="top", color="#444444", transform=tx.transAxes)


def render_png(data: ReportData, with_table: bool = True) -> bytes:
    buf = io.BytesIO()
    figure(data, with_table).savefig(buf, format="png")
    return buf.getvalue()


def render_html(data: ReportData) -> str:
    png = base64.b64encode(render_png(data, with_table=False)).decode("ascii")
    names = quad_class_names()
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
            ev.day, f"{ev.actor1_country or '-'} \u2192 {ev.actor2_country or '-'}",
            f"{ev.event_code} {ev.code_name or ''}", names.get(ev.quad_class, ev.quad_class),
            "" if ev.goldstein is None else f"{ev.goldstein:+.1f}", ev.modality, ev.num_mentions, ev.num_articles))
        + f"<td class=\"sentence\">{html.escape(ev.sentence)}</td></tr>" for ev in data.top)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(data.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1250px; }}
table {{ border-collapse: collapse; font-size: 0.9em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
td.sentence {{ max-width: 520px; }}
img {{ max-width: 100%; }}
.note {{ color: #666; font-size: 0.85em; }}
</style></head><body>
<h1>{html.escape(data.title)}</h1>
<img alt="Daily events by quad class with the mean Goldstein scale" src="data:image/png;base64,{png}">
<h2>Top events</h2>
<table><thead><tr><th>day</th><th>dyad</th><th>CAMEO code</th><th>quad class</th><th>Goldstein</th>
<th>modality</th><th>mentions</th><th>articles</th><th>sentence</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p class="note">Events as in the warehouse marts: one row per deduplicated event, on its day (the event date
when known to the day, else the day first reported); negated events are not counted.
Generated {generated} by eventetl.</p>
</body></html>
"""


def write_report(data: ReportData, out: str | Path) -> Path:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".html", ".htm"):
        raise ReportError(f"--output must end in .png or .html, not {out.name!r}")
    if not data.days:
        raise ReportError(f"no events for {data.subject.label}"
                          + (f" between {data.start or '...'} and {data.end or '...'}" if data.start or data.end else ""))
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".png":
        out.write_bytes(render_png(data))
    else:
        out.write_text(render_html(data), encoding="utf-8")
    return out
