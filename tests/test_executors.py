"""A worker process that dies (a native crash: no Python exception, no message) costs only its
own item: the local pool yields ``Lost`` for it and every other item its own result, so a
club's other members keep their weeks."""

from __future__ import annotations

import os

from optimizer.club import parse_club, plan_club
from optimizer.executors import LocalExecutor, Lost
from test_club import athlete, club_data


def tenfold_unless_negative(x: int) -> int:
    """Dies as OR-Tools does when a check fails inside it (SIGABRT) on a negative item."""
    if x < 0:
        os.abort()
    return 10 * x


def _lost_and_kept(results: dict[int, object], items: list[int]) -> set[int]:
    assert set(results) == set(range(len(items))), "every item yields once"
    for index, x in enumerate(items):
        if x >= 0:
            assert results[index] == 10 * x
    return {index for index, result in results.items() if isinstance(result, Lost)}


def test_a_dying_worker_loses_only_its_own_item():
    items = [1, 2, -3, 4, 5, 6, 7, 8]
    assert _lost_and_kept(dict(LocalExecutor(2).as_completed(tenfold_unless_negative, items)), items) == {2}


def test_two_dying_workers_far_apart_are_each_lost_alone():
    items = [-1, *range(1, 12), -2]  # the second one breaks the fresh pool that the rest go on in
    assert _lost_and_kept(dict(LocalExecutor(2).as_completed(tenfold_unless_negative, items)), items) == {0, 12}


class DyingExecutor:
    """Runs the solves here, but Bea's worker dies."""

    def as_completed(self, fn, items):
        for index, task in enumerate(items):
            dies = task.scenario.athlete.name == "Bea"
            yield index, Lost("its worker process died while planning it") if dies else fn(task)

    def close(self):
        pass


def test_a_member_whose_worker_died_has_no_week_and_the_reason_the_others_are_planned():
    club = parse_club(club_data([{"athlete": athlete("Ana")}, {"athlete": athlete("Bea")}]))
    ana, bea = plan_club(club, executor=DyingExecutor()).members
    assert ana.status == "optimal" and ana.planned
    assert bea.status == "unknown" and not bea.planned
    assert "worker process died" in bea.problems[0] and "report it" in bea.problems[0]


SCRIPT = """
from optimizer.executors import LocalExecutor
{guard}print(sorted(LocalExecutor(2).as_completed(abs, [1, -2, 3])))
"""


def test_a_script_that_plans_outside_the_main_guard_is_told_so(tmp_path):
    """Each worker imports the calling script again, so an unguarded script kills every worker as
    it starts. That is no item's fault: it must be an error that names the idiom, not every item
    Lost with "please report it". The same script under the guard runs (so the error is the guard's)."""
    import subprocess
    import sys

    for guard, ok in (("", False), ('if __name__ == "__main__":\n    ', True)):
        script = tmp_path / f"plan_{ok}.py"
        script.write_text(SCRIPT.format(guard=guard))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        if ok:
            assert done.returncode == 0 and done.stdout.strip() == "[(0, 1), (1, 2), (2, 3)]", done.stderr
        else:
            assert done.returncode == 1 and "WorkersCannotStart" in done.stderr
            assert 'under `if __name__ == "__main__":`' in done.stderr and "jobs=1" in done.stderr
