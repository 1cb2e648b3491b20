"""Template compiler: sections, slots, guidance, robustness, and the built-in backend template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prp_agent.errors import TemplateError
from prp_agent.templates.compiler import SlotKind, compile_template, load_template
from prp_agent.templates.mojibake import repair_mojibake

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "templates"
SEED = FIXTURES / "backend-seed-mojibake.md"
MOJIBAKE_MARKERS = re.compile("[ğŸÃâ€]")


def test_builtin_backend_has_35_headings_25_slot_sections_37_slots() -> None:
    template = load_template("backend")
    assert len(template.sections) == 35
    assert len(template.slot_sections) == 25
    assert len(template.slots) == 37
    assert template.warnings == []
    assert not template.implicit_slots


def test_builtin_backend_has_no_mojibake_and_its_emoji_restored() -> None:
    template = load_template("backend")
    titles = [section.title for section in template.sections if section.level <= 2]
    assert titles[:4] == [
        "🚀 PRP - Backend Development",
        "🏷️ Backend PRP Metadata",
        "🎯 Business Context Layer",
        "👥 Stakeholder Analysis",
    ]
    assert "⚠️ Backend Known Gotchas" in titles
    assert "📝 Backend Specification Output" in titles
    rendered = template.render({name: ["x"] for name in template.slots})
    assert not MOJIBAKE_MARKERS.search(rendered)


def test_repair_restores_unambiguous_runs_and_reports_lost_bytes_with_candidates() -> None:
    text, report = repair_mojibake(SEED.read_text(encoding="utf-8"))
    assert "# 🚀 PRP - Backend Development" in text
    assert "## ⚠️ Backend Known Gotchas" in text  # lost 0x8F of U+FE0F restored from context
    assert "├── main.py" in text
    lines = {line: run for line, run, _ in report.unrepairable}
    assert set(lines) == {3, 10, 106}  # 🏷️, 🎯 and 📝 each lost a byte that several emoji could fill
    candidates = {line: cands for line, _, cands in report.unrepairable}
    assert "🏷" in candidates[3] and "🎯" in candidates[10] and "📝" in candidates[106]


def test_shipped_backend_is_the_repaired_seed_with_three_hand_chosen_emoji() -> None:
    repaired, _ = repair_mojibake(SEED.read_text(encoding="utf-8"))
    shipped = (Path(__file__).resolve().parent.parent / "prp_agent" / "templates" / "backend.md").read_text()
    chosen = {"## Backend PRP Metadata": "## 🏷️ Backend PRP Metadata",
              "## Business Context Layer": "## 🎯 Business Context Layer",
              "## Backend Specification Output": "## 📝 Backend Specification Output"}  # fmt: skip
    for before, after in chosen.items():
        assert before in repaired
        repaired = repaired.replace(before, after)
    assert shipped.rstrip("\n") == repaired.rstrip("\n")


def test_unrepairable_mojibake_in_a_user_template_is_removed_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("# ğŸ¯ Goals\n- **Goal**: {{goal}}\n", encoding="utf-8")
    template = load_template(str(path))
    assert template.sections[0].title == "Goals"
    assert any("could not repair" in w and "🎯" in w for w in template.warnings)


def test_plain_non_ascii_text_is_left_alone() -> None:
    text = "Café déjà vu — “quoted” naïve değil ğ"
    assert repair_mojibake(text)[0] == text


def test_crlf_and_bom_compile_like_lf() -> None:
    text = (Path(__file__).resolve().parent.parent / "prp_agent" / "templates" / "backend.md").read_text()
    plain = compile_template(text)
    windows = compile_template("\ufeff" + text.replace("\n", "\r\n"))
    assert [s.id for s in windows.sections] == [s.id for s in plain.sections]
    assert windows.slots.keys() == plain.slots.keys()
    filled = {name: ["v"] for name in plain.slots}
    assert windows.render(filled) == plain.render(filled)


def test_utf16_and_bom_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_bytes("# Title\n{{x}}\n".encode("utf-16"))
    assert list(load_template(str(path)).slots) == ["x"]


def test_hash_lines_inside_fences_are_not_headings() -> None:
    template = compile_template("# Top\n```\n# not a heading\n## nor this\n```\n## Real\n- **A**: {{a}}\n")
    assert [s.title for s in template.sections] == ["Top", "Real"]


def test_duplicate_headings_get_distinct_stable_ids() -> None:
    template = compile_template("# Doc\n## Notes\n{{a}}\n## Notes\n{{b}}\n## Notes\n{{c}}\n")
    assert [s.id for s in template.sections] == ["doc", "notes", "notes-2", "notes-3"]
    assert template.slots["c"].section_id == "notes-3"
    assert any("duplicate heading" in w for w in template.warnings)


def test_same_placeholder_twice_is_one_slot_rendered_twice() -> None:
    template = compile_template("# Doc\n## A\nName: {{service_name}}\n## B\nAgain {{service_name}} here\n")
    assert list(template.slots) == ["service_name"]
    assert template.slots["service_name"].occurrences == 2
    assert template.section("a").slot_names == ["service_name"]
    out = template.render({"service_name": ["billing"]})
    assert out.count("billing") == 2
    assert "{{" not in out


def test_jinja_looking_text_is_not_a_slot_and_is_kept() -> None:
    text = "# Doc\n## S\n{{ user.name }} {% if x %}y{% endif %} {{{raw}}} `{{code}}` {{#each}} {{real}}\n"
    template = compile_template(text)
    assert list(template.slots) == ["real"]
    out = template.render({"real": ["R"]})
    for literal in ("{{ user.name }}", "{% if x %}", "{{{raw}}}", "`{{code}}`", "{{#each}}"):
        assert literal in out
    assert " R" in out


def test_inline_slot_hint_and_label_become_guidance_not_output() -> None:
    template = load_template("backend")
    slot = template.slots["availability"]
    assert slot.kind is SlotKind.INLINE
    assert slot.label == "Availability"
    assert slot.hint == "99.9%"
    out = template.render({name: ["VALUE"] for name in template.slots})
    assert "- **Availability**: VALUE\n" in out
    assert "(e.g." not in out


def test_block_slot_examples_become_guidance_and_leave_the_output() -> None:
    template = load_template("backend")
    slot = template.slots["api_endpoints"]
    assert slot.kind is SlotKind.BLOCK and slot.in_fence
    assert slot.examples[0] == "GET /api/users - List users with pagination"
    assert "Example:" not in template.slots["backend_objectives"].examples
    out = template.render({name: ["VALUE"] for name in template.slots})
    assert "List users with pagination" not in out
    assert "# Example" not in out
    assert "```\nVALUE\n```" in out


def test_template_without_placeholders_makes_each_leaf_section_a_slot() -> None:
    text = "# Feature\n## Goal\nWhat the feature achieves.\n\n## Risks\n- risk one\n- risk two\n\n## Empty\n"
    template = compile_template(text)
    assert template.implicit_slots
    assert list(template.slots) == ["goal", "risks"]
    assert template.slots["risks"].examples == ["- risk one", "- risk two"]
    out = template.render({"goal": ["Ship it."], "risks": ["- late"]})
    assert out == "# Feature\n## Goal\nShip it.\n\n## Risks\n- late\n\n## Empty\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary\x00", "binary"),
        (b"# Title \xff\xfe\xfa {{x}}", "not UTF-8"),
        (b"no headings here {{x}}\n", None),
        (b"just text, no headings\n", "no sections"),
        (b"# Only\n## Headings\n", "no placeholders"),
    ],
)
def test_bad_template_files_raise_template_error(tmp_path: Path, content: bytes, message: str | None) -> None:
    path = tmp_path / "t.md"
    path.write_bytes(content)
    if message is None:  # slots before any heading land in a preamble section
        assert load_template(str(path)).sections[0].id == "preamble"
        return
    with pytest.raises(TemplateError, match=message):
        load_template(str(path))


def test_unknown_template_and_directory_are_errors(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="unknown template 'nope'"):
        load_template("nope")
    with pytest.raises(TemplateError, match="directory"):
        load_template(str(tmp_path))
