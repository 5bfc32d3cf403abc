"""A user's plan.toml and synonyms.toml say only what differs: merged over the packaged files."""

from __future__ import annotations

import pytest

from hoering.errors import RulesError
from hoering.plan_sections import load_plan_rules
from hoering.similarity import load_synonyms


def test_a_user_synonym_group_adds_to_the_packaged_groups(tmp_path):
    (tmp_path / "synonyms.toml").write_text(
        '[[group]]\nname = "praktik"\nwords = ["praktik", "virksomhedspraktik"]\n', encoding="utf-8"
    )
    packaged, merged = load_synonyms(), load_synonyms(tmp_path)
    assert merged.group("virksomhedspraktik") == "praktik"
    assert merged.group("bemanding") == packaged.group("bemanding") == "personale"
    assert merged.generic == packaged.generic
    assert merged.source == str(tmp_path / "synonyms.toml")


def test_a_user_group_of_a_packaged_name_replaces_its_words_and_enabled_false_removes_one(tmp_path):
    (tmp_path / "synonyms.toml").write_text(
        '[[group]]\nname = "personale"\nwords = ["personale", "bemanding"]\n'
        '[[group]]\nname = "ledig"\nenabled = false\n',
        encoding="utf-8",
    )
    merged = load_synonyms(tmp_path)
    assert merged.group("bemanding") == "personale" and merged.group("ressource") is None
    assert merged.group("ledighed") is None


def test_a_user_word_already_in_a_packaged_group_names_the_users_file(tmp_path):
    (tmp_path / "synonyms.toml").write_text(
        '[[group]]\nname = "stab"\nwords = ["stab", "bemanding"]\n', encoding="utf-8"
    )
    with pytest.raises(RulesError) as caught:
        load_synonyms(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "synonyms.toml"))
    assert "'bemanding' is already in group 'personale'" in str(caught.value)


def test_a_user_plan_part_kind_adds_to_the_packaged_kinds(tmp_path):
    (tmp_path / "plan.toml").write_text(
        '[[part]]\nid = "initiativ"\nlabel = "Initiativ"\nopens = \'^initiativ\\s+(\\d{1,2})\\b\'\n', encoding="utf-8"
    )
    packaged, merged = load_plan_rules(), load_plan_rules(tmp_path)
    assert [k.id for k in merged.kinds] == [*(k.id for k in packaged.kinds), "initiativ"]
    assert merged.references == packaged.references
    assert merged.page_line.pattern == packaged.page_line.pattern


def test_a_user_plan_section_setting_keeps_the_other_packaged_settings(tmp_path):
    (tmp_path / "plan.toml").write_text("[similarity]\nmax_links = 1\n", encoding="utf-8")
    packaged, merged = load_plan_rules(), load_plan_rules(tmp_path)
    assert merged.max_similar_links == 1
    assert merged.similarity_threshold == packaged.similarity_threshold
    assert [k.id for k in merged.kinds] == [k.id for k in packaged.kinds]
