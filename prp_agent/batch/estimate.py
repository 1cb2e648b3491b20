"""What drafting one description will cost, before anything is sent: requests and tokens, counted with tiktoken.

Prompts are rendered and counted exactly; what a brief and an answer will take is estimated from typical answers
(a reasoning model also spends hidden reasoning tokens, which are billed as completion tokens).
"""

from __future__ import annotations

from functools import cache

from prp_agent.config import Settings
from prp_agent.drafting.prompts import prompt_set
from prp_agent.drafting.stated import read_stated
from prp_agent.llm.pricing import reasoning_model
from prp_agent.llm.tokens import count_tokens
from prp_agent.templates.compiler import load_template
from prp_agent.templates.schemas import build_section_specs

__all__ = ["estimate_issue"]

_BRIEF_TOKENS = 350  # a typical brief, as JSON, read back by every section request
_ANSWER_TOKENS = 450  # a typical section answer
_REASONING_TOKENS = 500  # extra completion tokens a reasoning model spends per answer
_OVERHEAD = 4  # tokens per message


@cache
def _fixed(template_name: str, model: str, folder: str | None) -> tuple[int, int, int, int]:
    """(system tokens, brief request tokens, sum of section message tokens, number of sections) for a template."""
    template = load_template(template_name)
    specs = build_section_specs(template)
    prompts = prompt_set(folder)
    system = count_tokens(prompts.render("system", template_name=template.name), model) + _OVERHEAD
    titles = [" > ".join(spec.section.path) for spec in specs]
    brief = count_tokens(prompts.render("brief_request", section_titles=titles), model) + _OVERHEAD
    sections = sum(
        count_tokens(prompts.section(s.id, section_path=" > ".join(s.section.path), slots=s.prompt_view()), model)
        + _OVERHEAD
        for s in specs
    )
    return system, brief, sections, len(specs)


def estimate_issue(description: str, template_name: str, settings: Settings, repo: str | None) -> dict[str, int]:
    """Requests, prompt tokens and completion tokens one draft is expected to use."""
    system, brief_request, section_messages, sections = _fixed(template_name, settings.model, settings.prompts)
    stated = read_stated(description).summary()
    inputs = (
        count_tokens(
            prompt_set(settings.prompts).render("inputs", description=description, stated=stated), settings.model
        )
        + _OVERHEAD
    )
    repo_tokens = settings.context_budget + 150 if repo else 0
    prefix = system + repo_tokens + inputs
    prompt = prefix + brief_request + sections * (prefix + _BRIEF_TOKENS) + section_messages
    per_answer = _ANSWER_TOKENS + (_REASONING_TOKENS if reasoning_model(settings.model) else 0)
    completion = _BRIEF_TOKENS + sections * per_answer
    return {"requests": sections + 1, "prompt_tokens": prompt, "completion_tokens": completion}
