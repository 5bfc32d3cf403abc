"""Loading and validating rules files: defaults, user folders, errors that name file and line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hoering.errors import RulesError
from hoering.models import PersonalData, Stance
from hoering.rules import RULES_FILES, default_rules_dir, load_rules


def corrupt(folder: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """Copy default rules file `name` into `folder` with `old` replaced once by `new`.

    Returns the written path and the 1-based line where `new` starts.
    """
    text = (default_rules_dir() / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in the default {name}"
    at = text.index(old)
    changed = text[:at] + new + text[at + len(old) :]
    path = folder / name
    path.write_text(changed, encoding="utf-8")
    return path, changed[:at].count("\n") + 1


def load_error(folder: Path) -> str:
    with pytest.raises(RulesError) as info:
        load_rules(folder)
    return str(info.value)


def codebook_ids(markdown: Path) -> list[str]:
    """Theme ids of the codebook's themes table: its rows that start with "| `"."""
    ids: list[str] = []
    in_themes = False
    for line in markdown.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            in_themes = line.strip("# ").lower() == "themes"
        elif in_themes and line.startswith("| `"):
            ids.append(line[3:].split("`", 1)[0])
    return ids


# --- defaults ---------------------------------------------------------------


def test_default_rules_load(rules):
    assert len(rules.codebook.themes) == 17
    # Neutral cues (thanks, receipts, a report's "anbefalinger") only stop the cues they overlap.
    assert set(rules.stance.cues) == {Stance.SUPPORT, Stance.CONCERN, Stance.DEMAND, Stance.NEUTRAL}
    assert "bl.a." in rules.segmentation.no_break_after
    assert "FagMED" in [body.name for body in rules.bodies.bodies]
    assert len(rules.sources) == len(RULES_FILES)


def test_default_theme_ids_are_the_codebook_ids(rules, codebook_md):
    if not codebook_md.is_file():
        pytest.skip(f"{codebook_md} not present")
    expected = codebook_ids(codebook_md)
    assert len(expected) == 17
    assert list(rules.codebook.ids) == expected


def test_default_stance_rules_break_ties_between_all_opinion_stances(rules):
    assert sorted(s.value for s in rules.stance.tie_order) == ["concern", "demand", "support"]


def test_loading_the_default_folder_explicitly_gives_the_same_rules(rules):
    assert load_rules(default_rules_dir()).digest == rules.digest


# --- user folders -------------------------------------------------------------


def test_user_folder_with_only_themes_falls_back_to_defaults(tmp_path, rules):
    corrupt(tmp_path, "themes.toml", 'label_da = "Unge"', 'label_da = "Unge mennesker"')
    loaded = load_rules(tmp_path)
    assert loaded.codebook.theme("unge").label_da == "Unge mennesker"
    assert loaded.sources[0] == str(tmp_path / "themes.toml")
    assert loaded.sources[1:] == rules.sources[1:]
    assert loaded.stance.tie_order == rules.stance.tie_order
    assert loaded.bodies == rules.bodies
    assert loaded.digest != rules.digest


def test_nonexistent_rules_folder_is_an_error(tmp_path):
    missing = tmp_path / "no-such-rules"
    message = load_error(missing)
    assert str(missing) in message
    assert "not found" in message


def test_folder_without_any_rules_file_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    message = load_error(tmp_path)
    assert "no rules files" in message


# --- user files merged over the packaged ones ----------------------------------

NEW_THEME = '[[theme]]\nid = "cykel"\nlabel_da = "Cykelstier"\nlabel_en = "Cycle paths"\nterms = ["cykel*"]\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_user_theme_is_added_after_the_packaged_ones(tmp_path, rules):
    write(tmp_path, "themes.toml", NEW_THEME)
    loaded = load_rules(tmp_path)
    assert loaded.codebook.ids == (*rules.codebook.ids, "cykel")
    assert loaded.codebook.anaphora == rules.codebook.anaphora


def test_a_user_theme_with_a_packaged_id_overrides_only_the_keys_it_sets(tmp_path, rules):
    write(tmp_path, "themes.toml", '[[theme]]\nid = "unge"\nlabel_da = "Unge mennesker"\n')
    loaded = load_rules(tmp_path)
    assert loaded.codebook.ids == rules.codebook.ids
    assert loaded.codebook.theme("unge").label_da == "Unge mennesker"
    assert loaded.codebook.theme("unge").terms == rules.codebook.theme("unge").terms


def test_enabled_false_takes_a_packaged_theme_out(tmp_path, rules):
    write(tmp_path, "themes.toml", '[[theme]]\nid = "unge"\nenabled = false\n')
    assert load_rules(tmp_path).codebook.ids == tuple(i for i in rules.codebook.ids if i != "unge")


def test_replace_drops_the_packaged_themes(tmp_path):
    write(tmp_path, "themes.toml", 'replace = ["theme"]\n' + NEW_THEME)
    assert load_rules(tmp_path).codebook.ids == ("cykel",)


def test_a_user_setting_overrides_that_key_and_keeps_the_others(tmp_path, rules):
    write(tmp_path, "stance.toml", "[settings]\nmin_score = 1.5\n")
    loaded = load_rules(tmp_path).stance
    assert loaded.min_score == 1.5
    assert loaded.contrast_weight == rules.stance.contrast_weight
    assert loaded.tie_order == rules.stance.tie_order
    assert loaded.cues == rules.stance.cues


def test_a_user_list_replaces_the_packaged_list_and_an_empty_one_removes_it(tmp_path, rules):
    write(
        tmp_path,
        "segmentation.toml",
        '[hyphenation]\nkeep_hyphen_before = []\n[abbreviations]\nmay_end_sentence = ["kr."]\n',
    )
    loaded = load_rules(tmp_path).segmentation
    assert loaded.keep_hyphen_before == frozenset()
    assert loaded.may_end_sentence == frozenset({"kr."})
    assert loaded.no_break_after == rules.segmentation.no_break_after
    assert loaded.heading_max_words == rules.segmentation.heading_max_words


def test_an_empty_user_file_gives_the_packaged_rules(tmp_path, rules):
    write(tmp_path, "redaction.toml", "")
    loaded = load_rules(tmp_path)
    assert loaded.redaction == rules.redaction


def test_an_error_in_a_merged_user_file_names_the_user_file_and_line(tmp_path):
    path = write(tmp_path, "themes.toml", NEW_THEME.replace('"cykel*"', '"cykel**"'))
    assert f"{path}:5:" in load_error(tmp_path)


def test_a_wrong_type_in_a_user_setting_names_the_user_file_and_line(tmp_path):
    path = write(tmp_path, "stance.toml", "# mine\n[settings]\nmin_score = 'high'\n")
    message = load_error(tmp_path)
    assert f"{path}:3:" in message
    assert "min_score" in message


def test_a_duplicate_id_within_a_user_file_is_an_error(tmp_path):
    path = write(tmp_path, "themes.toml", NEW_THEME + "\n" + NEW_THEME)
    message = load_error(tmp_path)
    assert f"{path}:8:" in message
    assert "duplicate theme id 'cykel' (first at line 2)" in message


def test_replace_of_an_unknown_key_is_an_error(tmp_path):
    path = write(tmp_path, "themes.toml", 'replace = ["themes"]\n' + NEW_THEME)
    message = load_error(tmp_path)
    assert f"{path}:1:" in message
    assert "'themes'" in message


def test_enabled_must_be_true_or_false(tmp_path):
    path = write(tmp_path, "themes.toml", '[[theme]]\nid = "unge"\nenabled = "no"\n')
    message = load_error(tmp_path)
    assert f"{path}:1:" in message
    assert "enabled" in message


def test_a_user_body_with_a_packaged_name_adds_aliases_and_keeps_the_other_bodies(tmp_path, rules):
    write(tmp_path, "bodies.toml", '[[body]]\nname = "FagMED"\naliases = ["Fagligt MED"]\n')
    loaded = load_rules(tmp_path).bodies
    assert [b.name for b in loaded.bodies] == [b.name for b in rules.bodies.bodies]
    fagmed = next(b for b in loaded.bodies if b.name == "FagMED")
    assert fagmed.aliases == ("Fagligt MED",)
    assert fagmed.type == "med"
    assert loaded.markers == rules.bodies.markers


# --- validation errors name file and line -------------------------------------


def test_unknown_key_in_theme_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "themes.toml", 'id = "unge"\n', 'id = "unge"\ncolour = "red"\n')
    message = load_error(tmp_path)
    assert f"{path}:{line + 1}:" in message
    assert "unknown key 'colour'" in message
    assert "unge" in message


def test_unknown_key_in_stance_settings_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "stance.toml", "min_score = 0.5", "max_score = 3")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "unknown key 'max_score'" in message


def test_unknown_key_in_body_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "bodies.toml", 'type = "ledelse"\n', 'type = "ledelse"\ncolour = 1\n')
    message = load_error(tmp_path)
    assert f"{path}:{line + 1}:" in message
    assert "unknown key 'colour'" in message


def test_duplicate_theme_id_names_the_line_of_the_second(tmp_path):
    path, line = corrupt(tmp_path, "themes.toml", 'id = "digitalisering"', 'id = "sygedagpenge"')
    first = (default_rules_dir() / "themes.toml").read_text(encoding="utf-8").splitlines()
    first_line = first.index('id = "sygedagpenge"') + 1
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "duplicate theme id 'sygedagpenge'" in message
    assert f"first at line {first_line}" in message


@pytest.mark.parametrize("bad", ["foo**bar", "... start", "slut ...", "a ... ... b"])
def test_bad_theme_pattern_names_file_line_and_pattern(tmp_path, bad):
    path, line = corrupt(tmp_path, "themes.toml", '"ungdom*"', f'"{bad}"')
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert f"bad pattern '{bad}'" in message
    assert "unge" in message


def test_bad_stance_cue_pattern_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "stance.toml", '"desværre"', '"desværre**"')
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "desværre**" in message


def test_bad_toml_syntax_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "themes.toml", 'id = "unge"', 'id = "unge')
    message = load_error(tmp_path)
    assert str(path) in message
    assert "not valid TOML" in message
    assert f"line {line}" in message


def test_unknown_stance_in_tie_order_names_file_and_line(tmp_path):
    path, line = corrupt(
        tmp_path,
        "stance.toml",
        'tie_order = ["concern", "demand", "support"]',
        'tie_order = ["concern", "demand", "approval"]',
    )
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "unknown stance 'approval'" in message


def test_tie_order_missing_a_stance_is_an_error(tmp_path):
    path, _ = corrupt(
        tmp_path, "stance.toml", 'tie_order = ["concern", "demand", "support"]', 'tie_order = ["concern", "demand"]'
    )
    message = load_error(tmp_path)
    assert str(path) in message
    assert "tie_order" in message
    assert "support" in message


def test_unknown_stance_in_negation_flip_value_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "stance.toml", 'concern = "neutral"', 'concern = "indifferent"')
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "unknown stance 'indifferent'" in message


def test_unknown_stance_as_negation_flip_key_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "stance.toml", 'concern = "neutral"', 'approval = "neutral"')
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "unknown stance 'approval'" in message


def test_error_line_is_the_key_not_a_comment_that_names_it(tmp_path):
    path, line = corrupt(
        tmp_path, "stance.toml", 'tie_order = ["concern", "demand", "support"]', 'tie_order = ["concern", "demand"]'
    )
    assert f"{path}:{line}:" in load_error(tmp_path)


def test_marker_without_body_group_names_file_and_line(tmp_path):
    old = "(?:Høringssvar|Bemærkninger|Svar)\\s+fra\\s+(?P<body>.+?)"
    path, line = corrupt(tmp_path, "bodies.toml", old, old.replace("?P<body>", ""))
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "(?P<body>...)" in message


def test_marker_with_bad_regular_expression_is_an_error(tmp_path):
    path, _ = corrupt(tmp_path, "bodies.toml", "(?P<body>.+?)\\s*:\\s*$'", "(?P<body>.+?\\s*:\\s*$'")
    message = load_error(tmp_path)
    assert str(path) in message
    assert "bad regular expression" in message


def test_fuzzy_threshold_out_of_range_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "themes.toml", "fuzzy_threshold = 90", "fuzzy_threshold = 150")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "fuzzy_threshold" in message


def test_theme_threshold_of_zero_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "themes.toml", "theme_threshold = 1.0", "theme_threshold = 0")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "theme_threshold" in message


def test_terms_of_wrong_type_names_what_was_expected(tmp_path):
    text = (default_rules_dir() / "themes.toml").read_text(encoding="utf-8")
    start = text.index('terms = [\n  "unge*"')
    block = text[start : text.index("\n]", start) + 2]  # the unge theme's terms list
    path, line = corrupt(tmp_path, "themes.toml", block, 'terms = "unge*"')
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "unge -> terms" in message
    assert "expected a list" in message


def test_a_clause_opener_that_is_not_a_string_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "themes.toml", 'clause_openers = [\n  "at",', "clause_openers = [\n  3,")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "procedure -> clause_openers" in message


def test_rules_error_is_a_one_line_message(tmp_path):
    corrupt(tmp_path, "themes.toml", '"ungdom*"', '"foo**bar"')
    assert "\n" not in load_error(tmp_path)


# --- redaction.toml ---------------------------------------------------------------


def test_default_redaction_rules_load(rules):
    kinds = {kind for kind, _ in rules.redaction.patterns}
    assert kinds == {PersonalData.CPR, PersonalData.EMAIL, PersonalData.PHONE, PersonalData.ADDRESS}
    assert rules.redaction.citizen_type == "borger"
    assert rules.redaction.names.cue.search("Med venlig hilsen")
    assert rules.sources[-1].endswith("redaction.toml")


def test_user_folder_without_redaction_rules_takes_the_defaults(tmp_path, rules):
    corrupt(tmp_path, "themes.toml", 'label_da = "Unge"', 'label_da = "Unge mennesker"')
    assert load_rules(tmp_path).redaction == rules.redaction


def test_own_citizen_label_is_used(tmp_path):
    corrupt(tmp_path, "redaction.toml", 'citizen_label = "Borger"', 'citizen_label = "Privatperson"')
    assert load_rules(tmp_path).redaction.citizen_label == "Privatperson"


def test_unknown_key_in_redaction_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "redaction.toml", "lines_after = 4", "lines_below = 4")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "[names] unknown key 'lines_below'" in message


def test_bad_redaction_regular_expression_names_file_and_line(tmp_path):
    old = "'(?<![\\w.+-])[\\w.+-]+@"
    path, line = corrupt(tmp_path, "redaction.toml", old, "'((?<![\\w.+-])[\\w.+-]+@")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "[email -> patterns] bad regular expression" in message


def test_cpr_pattern_without_its_date_groups_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "redaction.toml", "(?P<serial>\\d{4})", "(\\d{4})")
    message = load_error(tmp_path)
    assert f"{path}:{line}:" in message
    assert "missing: serial" in message


def test_default_body_detection_rules_load(rules):
    detection = rules.bodies.detection
    assert detection.openings and detection.addressees and detection.signoffs
    assert "Rådet" in detection.generic


def test_opening_pattern_without_body_group_names_file_and_line(tmp_path):
    old = "^\\s*(?P<body>[^.!?:]{2,120}?)"
    path, line = corrupt(tmp_path, "bodies.toml", old, old.replace("?P<body>", ""))
    message = load_error(tmp_path)
    assert f"{path}:{line}: [opening -> pattern]" in message
    assert "(?P<body>...)" in message


def test_signoff_with_bad_regular_expression_names_the_table(tmp_path):
    old = "^\\s*(?:med\\s+)?"
    path, line = corrupt(tmp_path, "bodies.toml", old, "^\\s*(?:med\\s+?")
    message = load_error(tmp_path)
    assert f"{path}:{line}: [signoff -> pattern] bad regular expression" in message


def test_detect_line_count_out_of_range_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "bodies.toml", "opening_lines = 8", "opening_lines = -1")
    assert load_error(tmp_path) == f"{path}:{line}: [detect -> opening_lines] must be between 0 and 100"


def test_unknown_key_in_detect_names_file_and_line(tmp_path):
    path, line = corrupt(tmp_path, "bodies.toml", "opening_lines = 8", "opening_lines = 8\nclosing_lines = 3")
    assert f"{path}:{line + 1}: [detect] unknown key 'closing_lines'" in load_error(tmp_path)


def test_the_rules_repr_is_a_line_of_counts_not_the_whole_rules(rules):
    # A failing test that compares results prints the rules in them: the whole would be hundreds of KB.
    shown = repr(rules)
    assert len(shown) < 1000 and "\n" not in shown
    assert f"{len(rules.codebook.themes)} themes" in shown and rules.digest[:12] in shown
    assert repr(replace(rules, digest="f" * 64)) != shown


def test_a_shared_term_that_is_not_one_of_the_themes_terms_names_file_and_line(tmp_path):
    path, _ = corrupt(tmp_path, "themes.toml", '  "dagpenge*", "dagpengeret*", "dagpengeperiode*"', '  "dagpenge**x"')
    message = load_error(tmp_path)
    assert f"{path}:" in message
    assert "akasser -> shared" in message


def test_a_shared_theme_that_does_not_exist_is_an_error(tmp_path):
    corrupt(tmp_path, "themes.toml", 'shared = { theme = "sygedagpenge"', 'shared = { theme = "sygdom"')
    assert "unknown theme 'sygdom'" in load_error(tmp_path)
