"""stridelift: plan a runner's week of runs and strength sessions with CP-SAT.

    from optimizer import load_scenario, plan_week
    plan = plan_week(load_scenario("scenarios/marathon_base.yaml"))
    plan.status, plan.sessions, plan.score
"""

from .club import load_club, plan_club
from .plan import GoalScore, Plan, Session
from .scenario import Athlete, Scenario, ScenarioError, load_scenario, parse_scenario
from .solve import check_plan, plan_week, score_plan

__all__ = [
    "Athlete",
    "GoalScore",
    "Plan",
    "Scenario",
    "ScenarioError",
    "Session",
    "check_plan",
    "load_club",
    "load_scenario",
    "parse_scenario",
    "plan_club",
    "plan_week",
    "score_plan",
]
