"""The social documentation on paper: the implementation plan for the member's and the supervisor's
signatures, the journal for a period, and the personakt (everything of one member).

Built from the plain dict of ``app.social.OpenDocumentation`` only (no database here), in the house
style of the register extract: portrait A4, the cooperative and the document in the running head,
"Sida n (N)" above the secrecy mark on every page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

import coopdesk
from coopdesk.core.social import DEVIATION_CATEGORIES, DEVIATION_STATUSES, JOURNAL_KINDS, PLAN_STATUSES
from coopdesk.reports.pdf_kit import (
    GRID,
    Rule,
    RunningPage,
    build_document,
    light_table,
    markup,
    register_fonts,
    styles,
)
from coopdesk.reports.statement_pdf import SECRECY_MARK

MARGIN = 16 * mm
#: A section's heading starts a new page when less than this is left below it: never alone at the foot.
SECTION_ROOM = 30 * mm


def _text(value: str | None) -> str:
    return markup(value or "–").replace("\n", "<br/>")


def _cell(value: str | None, *, strike: bool = False, muted: bool = False) -> Paragraph:
    s = styles()
    text = _text(value)
    if strike:
        text = f"<strike>{text}</strike>"
    return Paragraph(text, s["muted"] if muted else s["run"])


def _page(doc: dict[str, Any], what: str, printed: dt.date) -> RunningPage:
    coop = doc.get("cooperative") or {}
    return RunningPage(
        left=f"<b>{markup(coop.get('name') or '')}</b>"
        + (f"<br/>Org.nr {markup(coop['org_number'])}" if coop.get("org_number") else ""),
        middle=f"<b>{markup(what)}</b><br/>{markup(doc['member']['name'])}",
        footer=f"coopdesk {markup(coopdesk.__version__)} · {markup(what)} · Utskrivet {printed.isoformat()} "
        f"av {markup(doc.get('printed_by') or '')}",
        secrecy=SECRECY_MARK,
        margin=MARGIN,
        column_share=0.28,
    )


def _head(doc: dict[str, Any], title: str, line: str | None = None) -> list[Flowable]:
    s = styles()
    member = doc["member"]
    story: list[Flowable] = [
        Paragraph(markup(title), s["title"]),
        Paragraph(f"{markup(member['name'])} · {markup(member.get('personal_number') or 'gallrad')}", s["subtitle"]),
    ]
    if line:
        story.append(Paragraph(markup(line), s["muted"]))
    story.append(Spacer(1, 4))
    return story


def _plan(plan: dict[str, Any], width: float, heading: str = "h2") -> list[Flowable]:
    """One version; ``heading`` is the style of its headings ("h3" where the version is inside a section)."""
    s = styles() | {"h3": ParagraphStyle("h3", parent=styles()["h2"], fontSize=9, leading=11.5, spaceBefore=5)}
    status = PLAN_STATUSES[plan["status"]].sv
    facts = (
        f"Beslut {markup(plan['decision_ref'])} · version {plan['number']} ({markup(status.lower())}) · skriven "
        f"{plan['created_at'][:10]} av {markup(plan['created_by'])}"
        + (f" · gäller från {plan['in_force_from']}" if plan.get("in_force_from") else "")
        + f" · uppföljning senast {plan['follow_up_on']}"
    )
    story: list[Flowable] = [Paragraph(facts, s["text"]), Spacer(1, 4)]
    data: list[list[object]] = [["", "Mål", "Insats", "Vem gör vad", "Hur", "När"]]
    for n, goal in enumerate(plan["goals"], start=1):
        data.append([str(n), *(_cell(goal[key]) for key in ("goal", "support", "who", "how", "when"))])
    story.append(light_table(data, [width * f for f in (0.04, 0.26, 0.19, 0.19, 0.16, 0.16)]))
    story.append(Paragraph("Medlemmens delaktighet och egen syn", s[heading]))
    story.append(Paragraph(_text(plan["participation"]), s["text"]))
    if plan.get("followed_up_at"):
        story.append(Paragraph(f"Uppföljd {plan['followed_up_at']}", s[heading]))
        story.append(Paragraph(_text(plan.get("follow_up_note")), s["text"]))
    return story


def _signatures(doc: dict[str, Any], width: float) -> Flowable:
    s = styles()
    half = (width - 12 * mm) / 2

    def block(role: str, name: str) -> list[Flowable]:
        return [
            Spacer(1, 16 * mm),
            Rule(half),
            Paragraph(f"{markup(role)}: {markup(name)}", s["run"]),
            Spacer(1, 8 * mm),
            Rule(half),
            Paragraph("Ort och datum", s["label"]),
        ]

    table = Table(
        [[block("Medlem", doc["member"]["name"]), block("Handledare", doc.get("printed_by") or "")]],
        colWidths=[half + 12 * mm, half],
        hAlign="LEFT",
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]),
    )
    intro = Paragraph(
        "Planen är gjord tillsammans med medlemmen. Genom att skriva under bekräftar vi att vi är överens om den.",
        s["text"],
    )
    return KeepTogether([Paragraph("Underskrifter", s["h2"]), intro, table])


def plan_pdf(doc: dict[str, Any], *, printed: dt.date | None = None) -> bytes:
    """The plan in force (the newest version in force; else the newest) as the member signs it."""
    register_fonts()
    printed = printed or dt.datetime.fromisoformat(doc["printed_at"]).date()
    page = _page(doc, "Genomförandeplan", printed)
    width = page.width - 2 * MARGIN
    plans = doc["plans"]
    live = [p for p in plans if p["status"] in ("in_force", "followed_up")]
    story = _head(doc, "Genomförandeplan")
    if not plans:
        story.append(Paragraph("Ingen genomförandeplan är skriven.", s_text()))
    else:
        story += _plan((live or plans)[0], width)
    story.append(_signatures(doc, width))
    return _build(story, page, doc, "Genomförandeplan")


def s_text() -> Any:
    return styles()["text"]


def _journal(entries: list[dict[str, Any]], width: float) -> list[Flowable]:
    if not entries:
        return [Paragraph("Inga journalanteckningar.", s_text())]
    data: list[list[object]] = [["Datum", "Typ", "Anteckning", "Skriven av"]]
    written = {e["id"]: e for e in entries}
    for e in entries:
        struck = e.get("struck")
        note: list[Flowable] | Paragraph = _cell(e["text"], strike=struck is not None)
        if struck is not None:
            reason = f"Felmarkerad {struck['at'][:10]} av {struck['by']}: {struck['reason']}"
            note = [note, _cell(reason, muted=True)]  # type: ignore[list-item]
        elif e.get("replaces"):
            old = written.get(e["replaces"])
            when = f" skriven {old['written_at'][:16].replace('T', ' ')}" if old else ""
            note = [note, _cell(f"Ersätter den felmarkerade anteckningen{when}", muted=True)]  # type: ignore[list-item]
        author = e["author"] + f"\n{e['written_at'][:16].replace('T', ' ')}"
        if e.get("changed_at"):
            author += f"\nändrad {e['changed_at'][:16].replace('T', ' ')}"
        data.append([e["date"], _cell(JOURNAL_KINDS[e["type"]].sv), note, _cell(author, muted=True)])
    return [light_table(data, [width * f for f in (0.12, 0.15, 0.53, 0.2)])]


def journal_pdf(doc: dict[str, Any], *, printed: dt.date | None = None) -> bytes:
    register_fonts()
    printed = printed or dt.datetime.fromisoformat(doc["printed_at"]).date()
    page = _page(doc, "Journal", printed)
    width = page.width - 2 * MARGIN
    period = f"Period {doc.get('from') or 'från början'} – {doc.get('to') or printed.isoformat()}"
    story = _head(doc, "Journal", period + ". Felmarkerade anteckningar är överstrukna, med skälet under.")
    story += _journal(doc["journal"], width)
    return _build(story, page, doc, "Journal")


def _deviations(items: list[dict[str, Any]], width: float) -> list[Flowable]:
    if not items:
        return [Paragraph("Inga avvikelser eller klagomål.", s_text())]
    data: list[list[object]] = [["Rapporterad", "Kategori", "Beskrivning och åtgärder", "Status"]]
    for d in items:
        text = [_cell(d["description"])]
        if d.get("measures"):
            text.append(_cell("Åtgärder: " + d["measures"], muted=True))
        status = DEVIATION_STATUSES[d["status"]].sv
        if d.get("ivo_sent_on"):
            status += f"\nAnmäld till IVO {d['ivo_sent_on']}"
        elif d.get("ivo_due"):
            status += f"\nAnmäls till IVO senast {d['ivo_due']}"
        data.append(
            [
                _cell(f"{d['reported_on']}\n{d['reported_by']}"),
                _cell(DEVIATION_CATEGORIES[d["category"]].sv),
                text,
                _cell(status),
            ]
        )
    return [light_table(data, [width * f for f in (0.15, 0.2, 0.45, 0.2)])]


def personakt_pdf(doc: dict[str, Any], *, printed: dt.date | None = None) -> bytes:
    """Everything of one member's documentation: every plan version, the whole journal, the deviations."""
    register_fonts()
    printed = printed or dt.datetime.fromisoformat(doc["printed_at"]).date()
    page = _page(doc, "Personakt", printed)
    width = page.width - 2 * MARGIN
    story = _head(doc, "Personakt", "Genomförandeplaner, journal och avvikelser.")
    story += documentation_story(doc, width)
    return _build(story, page, doc, "Personakt")


def documentation_story(doc: dict[str, Any], width: float) -> list[Flowable]:
    """Every plan version, the journal and the deviations of ``doc``: the personakt's body, and the
    register extract's (member_pdf.py). A version is kept on one page (it is read as one: the goals, the
    member's view, the follow-up), and a section's heading never stands alone at the foot of a page."""
    s = styles()
    story: list[Flowable] = [Paragraph("Genomförandeplaner", s["h2"])]
    if not doc.get("plans"):
        story.append(Paragraph("Ingen genomförandeplan är skriven.", s["text"]))
    for plan in doc.get("plans") or []:
        version = KeepTogether([Spacer(1, 3), *_plan(plan, width, "h3")])
        rule = Table([[""]], colWidths=[width], style=TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID)]))
        story += [version, Spacer(1, 4), rule]
    story += [CondPageBreak(SECTION_ROOM), Paragraph("Journal", s["h2"]), *_journal(doc.get("journal") or [], width)]
    story += [CondPageBreak(SECTION_ROOM), Paragraph("Avvikelser och klagomål", s["h2"])]
    return story + _deviations(doc.get("deviations") or [], width)


def _build(story: list[Flowable], page: RunningPage, doc: dict[str, Any], what: str) -> bytes:
    coop = (doc.get("cooperative") or {}).get("name") or "kooperativet"
    return build_document(
        story,
        pagesize=A4,
        margin=MARGIN,
        page=page,
        title=f"{what} {doc['member']['name']}",
        author=coop,
        subject=SECRECY_MARK,
    )


__all__ = ["documentation_story", "journal_pdf", "personakt_pdf", "plan_pdf"]
