"""Replanning mid-week: keep what is done, plan the rest again, move as little as possible.

Sessions before ``today`` (and on ``done`` days) are done: runs are pinned where
they happened and lifts become pinned lifts with their exercises fixed. Sessions
on ``missed`` days did not happen: they are free to move into the rest of the
week (missed today, only to after the time they were missed; a day still to come
cannot have been missed, it is ``unavailable``), except a race, which is dropped;
its week stays race week (R-TAPER, R-FREQ), as ``check`` reads it against the
scenario (``Athlete.drop_race``). ``unavailable``
days lose their windows, and a pinned lift on one, which cannot move, is dropped.
The sessions still to come form the current plan that S-STABLE holds on to; every
change is reported with its reason, found by putting the session back where it was
and asking the checkers.

Runs keep the numbering of the scenario the week was first planned from, so a
replanned week can be replanned again from the same scenario file: a run the
current plan no longer holds (dropped by an earlier replan) stays dropped, and one
an earlier replan freed from a pinned day now past stays free. The rest of the week's
scenario leaves runs out; its messages still name each run by that first numbering
(``Athlete.number_runs``).
"""

from __future__ import annotations

import datetime
import itertools

from .clock import DAY_ALIASES, DAY_MINUTES, DAYS, day_list, day_problems, hhmm, named_day
from .exercises import merged_library
from .plan import Plan, Session
from .scenario import Scenario, ScenarioError, parse_scenario, parse_window
from .solve import check_plan, plan_week, score_plan
from .source import did_you_mean, expect


def _done(s: Session, today: int, missed, done) -> bool:
    """Did ``s`` happen: before today, or on a day said done, and not on a day said missed?"""
    return (s.day_index < today or s.day in done) and s.day not in missed


def replan_scenario(scenario: Scenario, plan: Plan, today: str, *, missed=(), unavailable=(), done=(),
                    drop=()) -> tuple[Scenario, list[int]]:
    """The scenario for the rest of the week (see the module's docstring), and for each of its runs
    the number of that run in ``scenario``. Runs the plan does not hold, and those in ``drop``, are
    left out."""
    t = DAYS.index(today)
    is_done = [s for s in plan.sessions if _done(s, t, missed, done)]
    still = [s for s in plan.sessions if s.day_index >= t and s.day not in done and s.day not in missed
             and s.day not in unavailable]
    data = scenario.athlete.model_dump(mode="json")
    for day in list(data["availability"]):
        d = DAYS.index(day)
        if day in unavailable and day not in done and d >= t:  # a past day is done, whatever it is called
            data["availability"][day] = []
        elif d < t or day in done:  # the past is exactly what was done, nothing else fits there
            data["availability"][day] = [f"{s.start}-{s.end} {s.location}" for s in is_done if s.day == day]
        elif d == t and day in missed:  # today: what was missed is past, the rest of the day is open
            gone = max((s.week_end - d * DAY_MINUTES for s in plan.sessions if s.day == day), default=0)
            windows = (parse_window(w, d) for w in data["availability"][day])
            data["availability"][day] = [f"{hhmm(max(start, gone))}-{hhmm(end)} {place or ''}".strip()
                                         for start, end, place in windows if end > gone]
    for s in is_done:
        if s.type == "run" and s.run is not None:
            data["runs"][s.run].update(at=f"{s.day} {s.start}", day=None)
    done_now = {id(s) for s in is_done}
    for s in plan.sessions:  # missed today, or moved by an earlier replan that freed it
        if s.type == "run" and s.run is not None and id(s) not in done_now:
            run = data["runs"][s.run]
            pinned_day = run.get("at", "").split(" ")[0] if run.get("at") else run.get("day")
            if pinned_day and DAYS.index(pinned_day) < t or pinned_day in missed:
                run.update(at=None, day=None)  # its pinned time has passed: let it move
    # Pins still to come stay; one on a done day is back below as done (with its exercises), one
    # on a missed day did not happen and one on a day now unavailable will not: neither can move.
    to_come = [p for p in data["strength"].get("pinned", []) if (day := p["at"].split()[0]) not in done
               and day not in missed and day not in unavailable and DAYS.index(day) >= t]
    data["strength"]["pinned"] = to_come + [
        {"kind": s.kind, "at": f"{s.day} {s.start}", "minutes": s.minutes, "name": s.label or s.kind,
         "exercises": [x.id for x in s.exercises]} for s in is_done if s.type == "strength"]
    data["current_plan"] = [s.model_dump(mode="json") for s in still]
    # a lift that did not or will not happen, a class too (which cannot move, but another lift can make it up)
    data["make_up"] = [s.model_dump(mode="json") for s in plan.lifts() if
                       s.day in missed or (s.day in unavailable and s.day_index >= t and s.day not in done)]
    held = {s.run for s in plan.sessions if s.type == "run"} - set(drop)
    kept = [i for i in range(len(data["runs"])) if i in held]
    renumber = {old: new for new, old in enumerate(kept)}
    if data.get("calendar"):  # a race dropped from the week (now or by an earlier replan) is not run:
        week_of = scenario.athlete.calendar.week_of  # it no longer shapes the weeks around it
        racing = {scenario.athlete.runs[i].pinned_day for i in kept if scenario.athlete.runs[i].kind == "race"}
        data["calendar"]["races"] = [r for r in data["calendar"]["races"] if (
            (day := (datetime.date.fromisoformat(r["date"]) - week_of).days) in racing or not 0 <= day < 7)]
    data["runs"] = [data["runs"][i] for i in kept]
    data["current_plan"] = [dict(s, run=renumber[s["run"]]) if s.get("run") is not None else s
                            for s in data["current_plan"] if s.get("run") is None or s["run"] in renumber]
    rest = parse_scenario({"athlete": data, "weights": scenario.weights, "season": scenario.season.model_dump(mode="json")})
    if scenario.athlete.race_week and not rest.athlete.race_week:
        rest.athlete.drop_race()
    rest.athlete.number_runs([i + 1 for i in kept])
    return rest, kept


def replan_problems(scenario: Scenario, plan: Plan | None, today: str, *, missed=(), unavailable=(), done=(),
                    flag: str = "") -> list[str]:
    """Why there can be no replan of ``plan`` from ``scenario`` on these days (``plan`` None: one
    that could not be read): a day that is no day, a day both missed and done, a missed day still
    to come, a plan that is not this scenario's week, a done lift's unknown exercise. Each is said
    under the argument's name: ``flag`` "--" on the command line, "" in Python."""
    missed, unavailable, done = (day_list(days, name, "replan") for days, name in
                                 ((missed, "missed"), (unavailable, "unavailable"), (done, "done")))
    problems = day_problems(flag, today=[today], missed=missed, unavailable=unavailable, done=done)
    if both := sorted(_named(missed) & _named(done), key=DAYS.index):
        problems.append(f"{flag}missed and {flag}done both name {', '.join(both)}; a day's sessions were done or "
                        f"missed, give the day once")
    if problems:  # the checks below need days
        return problems + (plan_problems(scenario, plan, flag) if plan is not None else [])
    today, missed, unavailable, done = _by_name(today, missed, unavailable, done)
    t = DAYS.index(today)
    problems += [f"{flag}missed {day}: {day} is after {flag}today {today}, so nothing on it can have been missed "
                 f"yet; if it will not happen, give {flag}unavailable {day}" for day in missed if DAYS.index(day) > t]
    if plan is not None:
        problems += plan_problems(scenario, plan, flag) + _unknown_done_exercises(scenario, plan, t, missed, done, flag)
    return problems


def _by_name(today: str, *days: list) -> tuple:
    """Today and each list of days as mon..sun (days ``day_problems`` let through)."""
    return named_day(today), *([named_day(d) for d in given] for given in days)


def _named(days: list) -> set[str]:
    """The days of ``days`` that name one ('Tuesday' -> 'tue'); the others are day_problems' to say."""
    return {DAY_ALIASES.get(d.strip().lower()) for d in days if isinstance(d, str)} - {None}


def plan_problems(scenario: Scenario, plan: Plan, flag: str = "") -> list[str]:
    """Why ``plan`` cannot be the week ``scenario`` was planned as: a run it holds that the
    scenario does not have (a run removed from the file since, or a hand-edited plan)."""
    runs = scenario.athlete.runs
    again = "plan the week again from the scenario as it is now with `stridelift plan -f json`"
    if plan.status == "checked":
        return [f"{flag}plan: this is a week `stridelift check` judged (status 'checked'), not one stridelift planned; "
                "replan starts from a planned week: `stridelift plan SCENARIO -f json -o week.json`"]
    if plan.status not in ("optimal", "feasible"):
        return [f"{flag}plan: this plan is '{plan.status}', a week that was never planned, so there is nothing to "
                f"replan; fix the scenario until `stridelift plan` finds a week, then replan that one"]
    out, seen = [], set()
    if plan.athlete != scenario.athlete.name:
        out.append(f"{flag}plan: this is {plan.athlete}'s week and the scenario is {scenario.athlete.name}'s; give the week "
                   f"planned from this scenario (if you renamed the athlete, write the new name in the plan's athlete field)")
    for s in plan.runs():
        what = f"{flag}plan: the {s.label or s.kind} on {s.day} {s.start}"
        if s.run is None:
            out.append(f"{what} has no run number; {again}")
        elif s.run < 0:
            out.append(f"{what} has run: {s.run}, which names no run; {again}")
        elif s.run >= len(runs):
            out.append(f"{what} is run #{s.run + 1} (run: {s.run}), but the scenario has {len(runs)} runs; {again}")
        elif runs[s.run].kind != s.kind:
            kind = runs[s.run].kind
            out.append(f"{what} is run #{s.run + 1} (run: {s.run}), but the scenario's run #{s.run + 1} is "
                       f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} run; {again}")
        elif s.run in seen:
            out.append(f"{what} is run #{s.run + 1} (run: {s.run}) a second time; a run is in the week once; {again}")
        seen.add(s.run)
    return out


def replan(scenario: Scenario, plan: Plan, today: str, *, missed=(), unavailable=(), done=(),
           time_limit: float = 10.0, flag: str = "") -> tuple[Plan, Scenario]:
    """Plan the rest of the week; the new plan's ``changes`` say what moved and why. Runs that no
    longer fit, of those missed or on a day now unavailable, are dropped (and said so) rather than
    leaving the athlete with no plan: as few as will do, the best week among those.

    Returns the plan, its runs numbered as in ``scenario`` (so it can be replanned again from the
    same scenario), and the scenario it was planned from (done sessions pinned, runs no longer in
    the week left out, and so on: ``in_rest_numbering`` gives the plan as that scenario counts).
    Days are ``mon``..``sun`` or their names ("Wednesday"), as on the command line; ``missed``,
    ``unavailable`` and ``done`` take one day or a list of them. Bad input raises ScenarioError,
    each message under the argument's name (``flag`` "--" names them as the command line does)."""
    expect(scenario, Scenario, "replan", "from load_scenario or parse_scenario")
    expect(plan, Plan, "replan", "from plan_week, or Plan.model_validate_json of a saved plan")
    missed, unavailable, done = (day_list(days, name, "replan") for days, name in
                                 ((missed, "missed"), (unavailable, "unavailable"), (done, "done")))
    if problems := replan_problems(scenario, plan, today, missed=missed, unavailable=unavailable, done=done, flag=flag):
        raise ScenarioError(problems)
    today, missed, unavailable, done = _by_name(today, missed, unavailable, done)
    t = DAYS.index(today)
    # a race happens at its time: missed, or still to come on a day now unavailable, it is dropped,
    # never moved to another day
    raced = [s for s in plan.sessions if s.type == "run" and s.run is not None and s.kind == "race" and (
        s.day in missed or (s.day in unavailable and s.day_index >= t and s.day not in done))]
    try:
        rest, kept = replan_scenario(scenario, plan, today, missed=missed, unavailable=unavailable, done=done,
                                     drop=[s.run for s in raced])
    except ScenarioError as err:  # a session kept from the plan that the scenario as it is now refuses
        raise ScenarioError([f"{flag}plan: a session the plan keeps does not fit the scenario as it is now "
                             f"({m.partition('athlete.')[2] or m}); plan the week again from the scenario with "
                             f"`stridelift plan -f json`" for m in err.messages]) from None
    new = plan_week(rest, time_limit=time_limit, explain=False)
    dropped: list[Session] = list(raced)
    if new.status == "infeasible":
        # missed, or still to come on a day now unavailable (a past or done day stays as it was)
        displaced = [s for s in plan.sessions if s.type == "run" and s.run is not None and s not in raced and (
            s.day in missed or (s.day in unavailable and s.day_index >= t and s.day not in done))]
        for size in range(1, len(displaced) + 1):
            found = []  # (week, runs dropped, its scenario, its run numbers) for each way to drop ``size``
            for lost in itertools.combinations(displaced, size):
                smaller, fewer = replan_scenario(scenario, plan, today, missed=missed, unavailable=unavailable,
                                                 done=done, drop=[s.run for s in raced + list(lost)])
                retry = plan_week(smaller, time_limit=time_limit, explain=False, fixes=False)
                if retry.status in ("optimal", "feasible"):
                    found.append((retry, raced + list(lost), smaller, fewer))
            if found:
                new, dropped, rest, kept = min(found, key=lambda f: f[0].total_penalty)
                break
        else:  # no week even with every one of them dropped: say what stops the rest of the week then
            rest, kept = replan_scenario(scenario, plan, today, missed=missed, unavailable=unavailable, done=done,
                                         drop=[s.run for s in raced + displaced])
            history = {*DAYS[:t], *done}
            new = plan_week(rest, time_limit=time_limit, closed=history | set(unavailable), done=history)
            if displaced:
                lost = ", ".join(f"{s.label or s.kind} ({s.day} {s.start})" for s in displaced)
                where = "they were" if len(displaced) > 1 else "it was"
                new.problems.insert(0, f"Even without {lost}, which cannot stay where {where}, "
                                       f"the rest of the week has no plan:")
    for s in new.sessions:
        s.run = kept[s.run] if s.run is not None else None
    if new.status in ("optimal", "feasible"):
        _keep_as_they_were(plan, new, rest)
        held = {s.run for s in new.runs()}
        new.dropped_runs = plan.dropped_runs + [s for s in plan.runs() if s.run not in held]
        changes = describe_changes(plan, new, rest, kept, missed, unavailable, dropped)
        notes = _not_in_plan(scenario, plan)
        new.changes = [c for c in changes if c != "nothing moved"] + notes if notes else changes
    return new, rest


def _unknown_done_exercises(scenario: Scenario, plan: Plan, today: int, missed, done, flag: str) -> list[str]:
    """A lift already done keeps its exercises as it was pinned for the rest of the week, so each
    must be in the scenario's library; said at the plan's field (the pin it becomes is no field of
    the user's). A lift still to come may change its exercises, and the replan says why."""
    known = {e.id for e in merged_library(scenario.athlete.strength.library)}
    return [f"{flag}plan: sessions[{i}].exercises[{j}].id: '{x.id}' is not in the exercise library; "
            f"{did_you_mean(x.id, sorted(known))}a lift already done ({s.day}) keeps its exercises: name each as the library does"
            for i, s in enumerate(plan.sessions) if s.type == "strength" and _done(s, today, missed, done)
            for j, x in enumerate(s.exercises) if x.id not in known]


def _not_in_plan(scenario: Scenario, plan: Plan) -> list[str]:
    """The scenario's runs ``plan`` neither holds nor lost to an earlier replan (added to the
    scenario since, or a hand-edited plan): a replan keeps the week it is given, so they stay
    out, and the runner is told rather than left to find one missing."""
    held = {s.run for s in plan.runs() + plan.dropped_runs}
    return [f"left out run #{i + 1} ({run.kind}, {run.minutes} min): the plan does not hold it (added to the "
            f"scenario since it was planned?); `stridelift plan` places it in a week planned again"
            for i, run in enumerate(scenario.athlete.runs) if i not in held]


def _keep_as_they_were(old: Plan, new: Plan, rest: Scenario) -> None:
    """A lift the replan leaves as it was (done, or still to come and not moved: the same kind,
    time, place, length and exercises) keeps its exercises as the plan given wrote them, supersets and
    dose words too, while the week stays rule-clean with them (R-CONTENT's pairs, R-LEN's fit;
    S-SHORT counts minutes, which are the same). The model counts how many of a lift's exercises
    are paired, not which, so reading the plan paired them afresh, and a plan an older stridelift
    wrote had its words rewritten: a session already done would read as done another way."""
    def as_done(s: Session) -> tuple:
        return s.kind, s.week_start, s.location, s.minutes, frozenset(x.id for x in s.exercises)

    before = {as_done(s): s for s in old.lifts()}
    restored = []
    for s in new.lifts():
        was = before.get(as_done(s))
        if was is not None and was.exercises != s.exercises:
            restored.append((s, s.exercises))
            s.exercises = [x.model_copy() for x in was.exercises]
    if restored and check_plan(in_rest_numbering(new), rest.athlete):  # a hand-edited --plan's pairs: the planner's
        for s, exercises in restored:
            s.exercises = exercises


def in_rest_numbering(new: Plan) -> Plan:
    """``new`` (from ``replan``) with its runs numbered as the scenario it was planned from counts
    them: that scenario holds exactly the week's runs, in the original order."""
    expect(new, Plan, "in_rest_numbering", "the plan replan returned")
    return _renumbered(new.sessions, sorted(s.run for s in new.runs() if s.run is not None), new)


def _renumbered(sessions: list[Session], kept: list[int], like: Plan) -> Plan:
    """The sessions as a plan whose runs are numbered among ``kept`` (original numbers, in order).
    The runs dropped are no runs of that numbering's scenario, so the plan holds none."""
    out = [s.model_copy(update={"run": kept.index(s.run) if s.run in kept else None}) for s in sessions]
    return like.model_copy(update={"sessions": sorted(out, key=lambda s: (s.week_start, s.week_end, s.type)),
                                   "dropped_runs": []})


def describe_changes(old: Plan, new: Plan, rest: Scenario, kept: list[int], missed, unavailable, dropped) -> list[str]:
    """Each session of the old plan that is not where it was: dropped, moved or made up, where and
    why; then each session that is new to the week. Runs are numbered as in the original scenario;
    ``kept`` are the original numbers of ``rest``'s runs."""
    from constraints import stable  # the rules import the model: load them when describing

    out = []
    lost_runs = {d.run for d in dropped}
    pairs, _ = stable.made_up(new, rest.athlete)
    make_up = {(lift.day, lift.start, lift.kind): twin for lift, twin in pairs}
    taken = {id(twin) for _, twin in pairs if twin is not None}  # each says what it makes up, below
    for s in old.sessions:
        if stayed := next((n for n in new.sessions if s.same_place(n)), None):
            out.extend(_swaps_said(s, stayed, new, rest, kept))
            continue
        what = f"{s.label or s.kind} ({s.day} {s.start})"
        gone = f"missed on {s.day}" if s.day in missed else f"{s.day} is now unavailable" if s.day in unavailable else ""
        if s.type == "strength" and (s.day, s.start, s.kind) in make_up:
            twin = make_up[s.day, s.start, s.kind]
            if twin is None:
                why = "missed" if s.day in missed else gone
                out.append(f"dropped {what}: {why}, and making it up would cost more than dropping it")
                continue
            where = f" at {twin.location}" if twin.location != s.location else ""
            if twin.kind != s.kind:
                out.append(f"made up {what} with {twin.label or twin.kind} on {twin.day} {twin.start}{where}: {gone}")
                continue
            out.append(f"moved {what} to {twin.day} {twin.start}{where}: {gone}")
            out.extend(_swaps_said(s, twin, new, rest, kept))
            continue
        twin = next((n for n in new.sessions if s.counterpart(n) and id(n) not in taken
                     and not any(o.same_place(n) for o in old.sessions)), None)
        if s.type == "run" and s.run in lost_runs:
            why = "missed" if s.day in missed else f"{s.day} is now unavailable"
            out.append(f"dropped {what}: {why}, and a race is not run on another day" if s.kind == "race"
                       else f"dropped {what}: {why}, and the rest of the week cannot hold it")
        elif twin is None:
            out.append(f"dropped {what}: " + ("missed" if s.day in missed else gone or _why_moved(s, new, rest, kept)))
        else:
            where = f" at {twin.location}" if twin.location != s.location else ""
            out.append(f"moved {what} to {twin.day} {twin.start}{where}: {gone or _why_moved(s, new, rest, kept, twin)}")
    for n in new.sessions:
        if id(n) not in taken and not any(o.same_place(n) or o.counterpart(n) for o in old.sessions):
            out.append(f"added {n.label or n.kind} on {n.day} {n.start}")
    return out or ["nothing moved"]


def _swaps_said(old: Session, stayed: Session, new: Plan, rest: Scenario, kept: list[int]) -> list[str]:
    """A lift that stayed where it was, or made up a missed one as its kind, but with other
    exercises: which, and why (S-STABLE charges a kept lift's swaps, so only a rule or goals weighted
    above S-STABLE make them happen; a make-up keeps the missed exercises when the week is as good)."""
    from constraints import stable  # the rules import the model: load them when describing

    out, into = old.swaps(stayed)
    if not out and not into:
        return []
    names = {x.id: x.name for x in [*old.exercises, *stayed.exercises]}
    said = "; ".join(f"{word} {', '.join(names[e] for e in ids)}" for word, ids in (("out", out), ("in", into)) if ids)
    # a lift that stayed goes back as it was (a class keeps its pinned minutes); a make-up, with the
    # missed lift's exercises at its own time
    again = old if old.same_place(stayed) else stable.with_exercises(stayed, old.exercises, rest.athlete)
    if again is None:
        return [f"changed exercises of {old.label or old.kind} ({old.day} {old.start}): {said}: its old exercises "
                f"would run past midnight"]
    trial, broken = _put_back(again, stayed, new, rest, kept)
    if broken:
        why = "its old exercises would break " + "; ".join(broken[:2])
    else:
        was = score_plan(trial, rest.athlete, rest.weight)
        better = [f"{goal} ({was[goal].penalty - now.penalty} fewer units)" for goal, now in new.score.items()
                  if goal != "S-STABLE" and now.weighted < was[goal].weighted]
        why = "better for " + ", ".join(better) if better else "the rest of the week fits better this way"
    return [f"changed exercises of {old.label or old.kind} ({old.day} {old.start}): {said}: {why}"]


def _why_moved(session: Session, new: Plan, rest: Scenario, kept: list[int], twin: Session | None = None) -> str:
    """Put the session back where it was in the new week and ask the checkers what that would break."""
    _, broken = _put_back(session, twin, new, rest, kept)
    if broken:
        return "at its old time it would break " + "; ".join(broken[:2])
    return "the rest of the week fits better this way"


def _put_back(session: Session, instead: Session | None, new: Plan, rest: Scenario, kept: list[int]) -> tuple[Plan, list[str]]:
    """The new week with ``session`` as it was, in place of ``instead`` (or beside the rest), and
    the rules it would break there (R-RUNS aside: where a run is, not whether)."""
    back = [s for s in new.sessions if s is not instead] + [session]
    trial = _renumbered(back, kept, Plan(athlete=new.athlete, status="checked"))
    return trial, [b for b in check_plan(trial, rest.athlete) if not b.startswith("R-RUNS")]
