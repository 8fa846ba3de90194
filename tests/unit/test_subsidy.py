"""The wage subsidy rule of domain.md §10, by hand, and the outlook (coopdesk/core/subsidy.py, no database).

The fixture: Lars Nilsson at 75 % (50 % from 15 June, mid-month), wage cost 24 500 above the ceiling,
May's own wage cost 25 100, a decision whose 40 % step begins on 1 June; Åsa Berg at 50 % with a wage
cost below the ceiling and a decision that begins on 17 May; Ärla Lind whose one decision ends on
10 May and the next begins on 11 May. Swedish order puts Åsa before Ärla (Unicode order would not).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.core.calendar import Month
from coopdesk.core.numbers import fmt
from coopdesk.core.subsidy import (
    Decision,
    EmployeeTerms,
    month_subsidy,
    outlook,
    subsidy_amount,
    subsidy_document,
)

D = dt.date
LARS = EmployeeTerms(
    name="Lars Nilsson",
    personal_number="19750312-2397",
    start=D(2024, 1, 1),
    end=None,
    employment=((D(2024, 1, 1), 75), (D(2026, 6, 15), 50)),
    wage_costs=((D(2024, 1, 1), Decimal("24500.00")),),
    wage_cost_months={"2026-05": Decimal("25100.00")},
    decisions=(
        Decision(
            "AF-2024-5561",
            "lönebidrag för utveckling i anställning",
            D(2024, 1, 1),
            D(2026, 12, 31),
            Decimal("20000.00"),
            ((D(2024, 1, 1), 80), (D(2025, 1, 1), 60), (D(2026, 6, 1), 40)),
        ),
    ),
)
ASA = EmployeeTerms(
    name="Åsa Berg",
    personal_number="19880417-2248",
    start=D(2025, 3, 1),
    end=None,
    employment=((D(2025, 3, 1), 50),),
    wage_costs=((D(2025, 3, 1), Decimal("9876.55")),),
    decisions=(
        Decision(
            "AF-2026-0017", "lönebidrag", D(2026, 5, 17), D(2027, 5, 16), Decimal("25000.00"), ((D(2026, 5, 17), 85),)
        ),
    ),
)
ARLA = EmployeeTerms(
    name="Ärla Lind",
    personal_number="19910823-3868",
    start=D(2020, 1, 1),
    end=None,
    employment=((D(2020, 1, 1), 100),),
    wage_costs=((D(2020, 1, 1), Decimal("30000.00")),),
    decisions=(
        # given newest first: the order of the lines comes from the decisions' start
        Decision(
            "AF-2026-0002", "lönebidrag", D(2026, 5, 11), D(2029, 5, 10), Decimal("22000.00"), ((D(2026, 5, 11), 40),)
        ),
        Decision(
            "AF-2023-0001", "lönebidrag", D(2023, 5, 11), D(2026, 5, 10), Decimal("20000.00"), ((D(2023, 5, 11), 50),)
        ),
    ),
)
EVERYONE = [ARLA, ASA, LARS]


def lines(month: str) -> list[tuple[str, str, int, str, str, int, int, str]]:
    result = month_subsidy(EVERYONE, Month.parse(month))
    return [
        (
            line.name,
            line.decision.ref,
            line.employment_percent,
            str(line.wage_cost),
            fmt(line.ceiling),
            line.percent,
            line.covered_days,
            str(line.subsidy),
        )
        for line in result.lines
    ]


def test_may_by_hand_override_start_on_the_17th_below_the_ceiling_and_two_decisions_in_one_month() -> None:
    assert lines("2026-05") == [
        # May's own wage cost 25 100 > 20 000 × 75 % = 15 000; 15 000 × 60 % × 31/31
        ("Lars Nilsson", "AF-2024-5561", 75, "25100.00", "15000.00", 60, 31, "9000.00"),
        # 9 876.55 < 25 000 × 50 % = 12 500; 9 876.55 × 85 % = 8 395.0675; × 15/31 (17–31 May) = 4 062.129…
        ("Åsa Berg", "AF-2026-0017", 50, "9876.55", "12500.00", 85, 15, "4062.13"),
        # 20 000 × 50 % × 10/31 (1–10 May) = 3 225.806…
        ("Ärla Lind", "AF-2023-0001", 100, "30000.00", "20000.00", 50, 10, "3225.81"),
        # 22 000 × 40 % × 21/31 (11–31 May) = 5 961.290…
        ("Ärla Lind", "AF-2026-0002", 100, "30000.00", "22000.00", 40, 21, "5961.29"),
    ]
    assert month_subsidy(EVERYONE, Month(2026, 5)).total == Decimal("22249.23")


def test_june_a_step_on_the_first_and_the_employment_of_the_first_day() -> None:
    assert lines("2026-06")[0] == ("Lars Nilsson", "AF-2024-5561", 75, "24500.00", "15000.00", 40, 30, "6000.00")
    # 50 % from 15 June counts from July: 20 000 × 50 % × 40 %
    assert lines("2026-07")[0] == ("Lars Nilsson", "AF-2024-5561", 50, "24500.00", "10000.00", 40, 31, "4000.00")
    # Åsa's first whole month: 9 876.55 × 85 % = 8 395.0675
    assert lines("2026-06")[1][-2:] == (30, "8395.07")


def test_a_month_without_a_decision_leaves_the_employee_out() -> None:
    assert [line[0] for line in lines("2026-04")] == ["Lars Nilsson", "Ärla Lind"]  # Åsa's begins in May
    january = month_subsidy([LARS], Month(2027, 1))  # Lars's decision ended on 31 December
    assert january.lines == () and january.total == Decimal("0.00")
    assert subsidy_document("K", [january])["months"] == [{"month": "2027-01", "employees": [], "total": "0.00"}]


def test_rounding_is_half_up_to_ore_on_the_exact_value() -> None:
    # 100.01 × 50 % = 50.005 exactly: half up gives 50.01 (half even would give 50.00)
    assert subsidy_amount(Decimal("100.01"), Fraction(20000), 50, 31, 31) == Decimal("50.01")
    # 100.03 × 50 % = 50.015 → 50.02 (a binary float makes 50.015 into 50.01499…)
    assert subsidy_amount(Decimal("100.03"), Fraction(20000), 50, 30, 30) == Decimal("50.02")
    # just under a half rounds down: 1 000 × 1 % × 1/3 = 3.333…
    assert subsidy_amount(Decimal("1000.00"), Fraction(20000), 1, 1, 3) == Decimal("3.33")
    # the ceiling × employment is exact, not rounded first: 20 000.01 × 75 % = 15 000.0075
    assert subsidy_amount(Decimal("99999.00"), Fraction(Decimal("20000.01")) * 75 / 100, 100, 31, 31) == Decimal(
        "15000.01"
    )


def test_the_employment_period_bounds_the_days() -> None:
    leaving = EmployeeTerms(**{**ASA.__dict__, "end": D(2026, 6, 10)})
    assert [(line.covered_days, str(line.subsidy)) for line in month_subsidy([leaving], Month(2026, 6)).lines] == [
        (10, str((Decimal("8395.0675") * 10 / 30).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))
    ]
    assert month_subsidy([leaving], Month(2026, 7)).lines == ()


def test_the_document_is_exactly_interchange_6s_example() -> None:
    lars = EmployeeTerms(
        name="Lars Nilsson",
        personal_number="19750312-2397",
        start=D(2024, 1, 1),
        end=None,
        employment=((D(2024, 1, 1), 75),),
        wage_costs=((D(2024, 1, 1), Decimal("24500.00")),),
        decisions=(
            Decision(
                "AF-2024-5561",
                "lönebidrag för utveckling i anställning",
                D(2024, 1, 1),
                D(2026, 12, 31),
                Decimal("20000.00"),
                ((D(2024, 1, 1), 80), (D(2025, 1, 1), 60)),
            ),
        ),
    )
    assert subsidy_document("Kooperativet KOS", [month_subsidy([lars], Month(2026, 5))]) == {
        "format": "coopdesk-subsidy/1",
        "cooperative": "Kooperativet KOS",
        "months": [
            {
                "month": "2026-05",
                "employees": [
                    {
                        "name": "Lars Nilsson",
                        "decision_ref": "AF-2024-5561",
                        "employment_percent": 75,
                        "wage_cost": "24500.00",
                        "ceiling": "15000.00",
                        "percent": 60,
                        "covered_days": 31,
                        "subsidy": "9000.00",
                    }
                ],
                "total": "9000.00",
            }
        ],
    }


# --- the outlook: the same rule month by month, from the standing wage cost ---------------------------


def reference(terms: EmployeeTerms, month: Month) -> list[tuple[str, int, Decimal]]:
    """An independent, day-by-day reading of §10 (no shared code with coopdesk/core/subsidy.py but Month)."""

    def at(history, day):
        values = [v for f, v in sorted(history) if f <= day]
        return values[-1] if values else None

    result = []
    for d in sorted(terms.decisions, key=lambda d: d.start):
        days = [
            day
            for day in month.days()
            if d.start <= day <= d.end and terms.start <= day and (terms.end is None or day <= terms.end)
        ]
        if not days:
            continue
        employment = at(terms.employment, month.first)
        if employment is None:
            employment = next(v for f, v in sorted(terms.employment) if f <= month.last)
        cost = at(terms.wage_costs, month.first)
        if cost is None:
            cost = next((v for f, v in sorted(terms.wage_costs) if f <= month.last), Decimal(0))
        percent = at(d.steps, days[0])
        exact = min(Fraction(cost), Fraction(d.ceiling) * employment / 100) * percent / 100 * len(days)
        exact /= month.number_of_days
        amount = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        result.append((d.ref, len(days), amount))
    return result


START = D(2024, 1, 1)


@st.composite
def employee_terms(draw: st.DrawFn, index: int) -> EmployeeTerms:
    def day(lo: int, hi: int) -> dt.date:
        return START + dt.timedelta(days=draw(st.integers(lo, hi)))

    start = day(0, 400)
    end = draw(st.none() | st.builds(lambda n: start + dt.timedelta(days=n), st.integers(0, 1200)))
    employment = {start: draw(st.integers(1, 100))}
    for _ in range(draw(st.integers(0, 3))):
        employment[start + dt.timedelta(days=draw(st.integers(1, 900)))] = draw(st.integers(1, 100))
    amounts = st.integers(0, 6_000_000).map(lambda n: Decimal(n).scaleb(-2))
    costs = {day(0, 1000): draw(amounts) for _ in range(draw(st.integers(0, 3)))}
    decisions, at = [], day(0, 300)
    for k in range(draw(st.integers(0, 3))):
        first = at + dt.timedelta(days=draw(st.integers(0, 200)))
        last = first + dt.timedelta(days=draw(st.integers(0, 700)))
        steps = {first: draw(st.integers(1, 100))}
        for _ in range(draw(st.integers(0, 3))):
            steps[first + dt.timedelta(days=draw(st.integers(0, (last - first).days)))] = draw(st.integers(1, 100))
        ceiling = Decimal(draw(st.integers(1, 5_000_000))).scaleb(-2)
        decisions.append(Decision(f"AF-{index}-{k}", "lönebidrag", first, last, ceiling, tuple(sorted(steps.items()))))
        at = last + dt.timedelta(days=1)
    return EmployeeTerms(
        name=draw(st.sampled_from(["Åsa", "Ärla", "Örjan", "Anna", "Lars", "Zoran"])),
        personal_number=f"p{index}",
        start=start,
        end=end,
        employment=tuple(sorted(employment.items())),
        wage_costs=tuple(sorted(costs.items())),
        decisions=tuple(decisions),
        wage_cost_months={str(Month.of(day(0, 1500))): draw(amounts)},
    )


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(st.integers(0, 10**6), min_size=1, max_size=3).flatmap(
        lambda ids: st.tuples(*(employee_terms(i) for i in range(len(ids))))
    ),
    first=st.integers(0, 40).map(lambda n: Month(2024 + n // 12, n % 12 + 1)),
    count=st.integers(1, 24),
)
def test_the_outlook_agrees_with_the_month_by_month_requests(people, first, count) -> None:
    standing = [EmployeeTerms(**{**p.__dict__, "wage_cost_months": {}}) for p in people]
    months = outlook(people, first, count)
    month = first
    for forecast in months:
        request = month_subsidy(standing, month)  # the month's request basis, without own wage costs
        assert forecast == request
        assert forecast.total == sum((line.subsidy for line in forecast.lines), Decimal(0))
        for p in standing:
            mine = [
                (line.decision.ref, line.covered_days, line.subsidy)
                for line in forecast.lines
                if line.personal_number == p.personal_number
            ]
            assert mine == reference(p, month)
        month = month.next()
