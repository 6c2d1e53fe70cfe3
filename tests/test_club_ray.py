"""The Ray executor: same interface as the local pool, same results, against a local Ray
instance started here (skipped when Ray is not installed: pip install -e ".[ray]")."""

from __future__ import annotations

import socket

import pytest
import yaml
from typer.testing import CliRunner

ray = pytest.importorskip("ray")

from optimizer.cli import app  # noqa: E402
from optimizer.clock import hhmm  # noqa: E402
from optimizer.club import parse_club, plan_club  # noqa: E402
from optimizer.executors import LocalExecutor, Lost, RayExecutor, make_executor  # noqa: E402
from test_club import athlete, club_data  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_the_ray_executor_yields_every_result_with_its_index(local_ray):
    executor = make_executor("ray")  # tasks run a function Ray workers can import, as the club's solves do
    results = dict(executor.as_completed(hhmm, [0, 450, 1440]))
    assert results == {0: "00:00", 1: "07:30", 2: "24:00"}
    executor.close()
    assert ray.is_initialized(), "close() must not shut down a Ray it did not start"


def test_a_ray_worker_that_dies_loses_only_its_own_item(local_ray):
    import test_executors

    ray.cloudpickle.register_pickle_by_value(test_executors)  # Ray's workers cannot import the tests
    try:
        results = dict(make_executor("ray").as_completed(test_executors.tenfold_unless_negative, [1, -2, 3]))
    finally:
        ray.cloudpickle.unregister_pickle_by_value(test_executors)
    assert results[0] == 10 and results[2] == 30
    assert isinstance(results[1], Lost) and "died" in results[1].reason


def test_a_club_planned_on_ray_is_identical_to_one_planned_locally(local_ray):
    club = parse_club(club_data([
        {"athlete": athlete("Ana", preferences={"strength_days": ["thu"]}), "joins": ["strength"]},
        {"athlete": athlete("Bea"), "joins": ["strength", "track_night"]},
        {"athlete": athlete("Cal", phase="taper"), "joins": ["strength"]},
    ], capacity=1))
    on_ray = plan_club(club, executor=RayExecutor(), time_limit=20)
    local = plan_club(club, executor=LocalExecutor(1), time_limit=20)
    assert [m.status for m in local.members] == ["optimal", "optimal", "optimal"]
    assert on_ray.model_dump() == local.model_dump()


def test_the_command_runs_on_ray(local_ray, tmp_path):
    path = tmp_path / "club.yaml"
    path.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}])))
    result = CliRunner().invoke(app, ["club", "plan", str(path), "-o", str(tmp_path / "out"), "--executor", "ray"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ana.json").exists()


@pytest.mark.parametrize("error", [
    ConnectionError("Could not find any running Ray instance."),
    ValueError("Ray Client requires pip package `ray[client]`."),
])
def test_a_ray_address_with_no_cluster_is_exit_2_with_the_address(tmp_path, monkeypatch, error):
    """`--address auto` with no cluster running was Ray's ConnectionError, a traceback (exit 1)."""
    def refuse(**_):
        raise error

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", refuse)
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana")}])))
    result = CliRunner().invoke(app, ["club", "plan", str(club), "--executor", "ray", "--address", "auto"])
    assert result.exit_code == 2 and "--address auto: cannot join Ray there" in result.output, result.output
    assert str(error) in result.output and "leave --address out" in result.output


def test_no_address_with_a_dead_ray_address_in_the_environment_names_it(tmp_path, monkeypatch):
    """Without --address, Ray joins the cluster RAY_ADDRESS names: the message names that, not
    '--address None'."""
    def refuse(**_):
        raise ConnectionError("Could not find any running Ray instance.")

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", refuse)
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana")}])))
    result = CliRunner().invoke(app, ["club", "plan", str(club), "--executor", "ray"])
    assert result.exit_code == 2 and "RAY_ADDRESS: cannot join Ray there" in result.output, result.output
    assert "unset it to start Ray on this machine" in result.output and "None" not in result.output


def test_an_address_where_nothing_listens_is_refused_without_asking_ray(tmp_path, monkeypatch):
    """Ray retried a closed port for minutes (`club plan` hung); a port nobody listens on is exit 2 at once."""
    def hang(**_):
        raise AssertionError("ray.init was called for an address nobody listens on")

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", hang)
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana")}])))
    result = CliRunner().invoke(app, ["club", "plan", str(club), "--executor", "ray", "--address", f"127.0.0.1:{port}"])
    assert result.exit_code == 2, result.output
    assert f"--address 127.0.0.1:{port}: cannot join Ray there (cannot reach 127.0.0.1:{port}" in result.output


def test_auto_is_probed_at_the_ray_address_it_stands_for(tmp_path, monkeypatch):
    """Ray joins RAY_ADDRESS's cluster for `--address auto` as for no address: a closed port there hung too."""
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", lambda **_: pytest.fail("ray.init was called for an address nobody listens on"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("RAY_ADDRESS", f"127.0.0.1:{port}")
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana")}])))
    result = CliRunner().invoke(app, ["club", "plan", str(club), "--executor", "ray", "--address", "auto"])
    assert result.exit_code == 2, result.output
    assert f"--address auto (RAY_ADDRESS 127.0.0.1:{port}): cannot join Ray there (cannot reach" in result.output
