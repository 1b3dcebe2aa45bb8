"""The shipped CI jobs that keep a library on the newest patch release of its minor version."""

import yaml
from sitetools import ROOT

COMMAND = '.venv/bin/invoke upgrade --to "v$SHELFCAST_MINOR" --from kit --yes'


def test_the_github_workflow_upgrades_weekly_and_opens_a_pull_request():
    workflow = yaml.safe_load((ROOT / ".github/workflows/upgrade.yml").read_text())
    assert workflow[True]["schedule"][0]["cron"].split()[4] == "1"  # YAML 1.1: `on` is true
    assert workflow["env"]["SHELFCAST_MINOR"].count(".") == 1
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["upgrade"]["steps"])
    assert COMMAND in runs and "gh pr create" in runs
    assert runs.index("make venv") < runs.index(COMMAND) < runs.index("git push")


def test_the_gitlab_job_runs_only_on_its_schedule_and_opens_a_merge_request():
    job = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())["upgrade"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule" && '
                                   '$SHELFCAST_UPGRADE == "1"'}]
    assert COMMAND in job["script"]
    assert "merge_request.create" in job["script"][-1]
