"""Rules are pluggable: a settings list of dotted paths; a wrong one stops start-up."""

import pytest

from django.core.exceptions import ImproperlyConfigured

from articles.copydesk.checks import check_copy_rules
from articles.copydesk.engine import BaseRule, Severity, get_rules

from .helpers import check


class NoExclamationsRule(BaseRule):
    name = "no_exclamations"
    severity = Severity.WARNING

    def check(self, copy):
        for block in copy.blocks:
            if (at := block.text.find("!")) != -1:
                yield self.finding(block, at, at + 1, "No exclamation marks.")


class Nameless:
    severity = "error"

    def check(self, copy):
        return []


class BadSeverity(BaseRule):
    name = "bad_severity"
    severity = "fatal"


def test_default_rules_pass_the_start_up_check(db):
    assert check_copy_rules() == []


def test_wrong_path_stops_the_site(settings):
    settings.COPY_CHECK_RULES = ["articles.copydesk.rules.NoSuchRule"]
    assert [e.id for e in check_copy_rules()] == ["copydesk.E001"]


def test_wrong_path_raises_when_rules_are_loaded(settings):
    settings.COPY_CHECK_RULES = ["nowhere.Rule"]
    with pytest.raises(ImproperlyConfigured, match="COPY_CHECK_RULES"):
        get_rules()


def test_rule_without_a_name_is_refused(settings):
    settings.COPY_CHECK_RULES = ["tests.copydesk.test_rule_settings.Nameless"]
    assert [e.id for e in check_copy_rules()] == ["copydesk.E002"]


def test_rule_with_an_unknown_severity_is_refused(settings):
    settings.COPY_CHECK_RULES = ["tests.copydesk.test_rule_settings.BadSeverity"]
    assert [e.id for e in check_copy_rules()] == ["copydesk.E003"]


def test_added_rule_runs(db, settings):
    settings.COPY_CHECK_RULES = ["tests.copydesk.test_rule_settings.NoExclamationsRule"]
    findings = check("<p>What a day!</p>")
    assert [(f.rule, f.marked) for f in findings] == [("no_exclamations", "!")]


def test_rule_left_out_of_the_list_does_not_run(db, settings):
    settings.COPY_CHECK_RULES = ["articles.copydesk.rules.PlaceholderRule"]
    assert check("<p>The talks ended in , TK.</p>")[0].rule == "placeholder"
