"""stridelift: plan a runner's week of runs and strength sessions with CP-SAT.

    from optimizer import load_scenario, plan_week
    plan = plan_week(load_scenario("scenarios/marathon_base.yaml"))
    plan.status, plan.sessions, plan.score

``replan`` plans the rest of a week that went wrong, ``plan_season`` every week to race
day (from ``load_template``), ``plan_club`` a whole club (from ``load_club``, or ``parse_club`` of
data built in code, as ``parse_scenario`` is for one athlete): what the commands
``replan``, ``season`` and ``club`` call.
"""

from .startup import load_cp_sat

load_cp_sat()  # before any module imports CP-SAT: without pandas (see optimizer/startup.py)

from .club import ClubPlan, MemberResult, plan_club  # noqa: E402
from .club_schema import Club, load_club, parse_club  # noqa: E402
from .plan import GoalScore, Plan, Session  # noqa: E402
from .replan import in_rest_numbering, replan  # noqa: E402
from .scenario import Athlete, Scenario, ScenarioError, load_scenario, parse_scenario  # noqa: E402
from .season import Season, SeasonWeek, load_template, plan_season  # noqa: E402
from .solve import check_plan, plan_week, score_plan  # noqa: E402

__all__ = [
    "Athlete",
    "Club",
    "ClubPlan",
    "MemberResult",
    "GoalScore",
    "Plan",
    "Scenario",
    "ScenarioError",
    "Season",
    "SeasonWeek",
    "Session",
    "check_plan",
    "in_rest_numbering",
    "load_club",
    "load_scenario",
    "load_template",
    "parse_club",
    "parse_scenario",
    "plan_club",
    "plan_season",
    "plan_week",
    "replan",
    "score_plan",
]
