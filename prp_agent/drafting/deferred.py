"""A draft whose section requests another flow sends and answers later (the Batch API, a self-hosted batch run).

The pipeline's steps, in the order such a flow needs them: plan the draft, get its brief, build one request per
section, judge each answer when it arrives (a deferred answer cannot be re-asked: invalid answers keep their valid
parts and are flagged), then write the document. Nothing here sends a section request itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from prp_agent.drafting.asking import Asked, RunState, judge_once
from prp_agent.drafting.budgets import answer_budget
from prp_agent.drafting.flags import brief_failed, request_failed, with_flags
from prp_agent.drafting.offline import offline_brief
from prp_agent.drafting.pipeline import (
    DraftRequest,
    DraftResult,
    Prepared,
    draft_brief,
    finish,
    judge_section,
    prefix_messages,
    prepare,
    section_request,
)
from prp_agent.llm.protocol import ChatAnswer, ChatModel, ChatRequest, Usage
from prp_agent.templates.schemas import Brief, SectionSpec
from prp_agent.types import SectionResult

if TYPE_CHECKING:
    from prp_agent.repo.inspect import RepoContext

__all__ = ["DeferredDraft"]


@dataclass
class DeferredDraft:
    """One planned draft: its checked inputs and sections, with the steps a deferred flow calls in order."""

    _prepared: Prepared

    @classmethod
    def plan(cls, request: DraftRequest, repo: RepoContext | None = None) -> DeferredDraft:
        """Check the request and load the template, sections, description facts and repository context."""
        return cls(prepare(request, repo))

    @property
    def description(self) -> str:
        """The description as it is sent (secrets redacted)."""
        return self._prepared.description

    @property
    def section_ids(self) -> list[str]:
        """The ids of the sections, in template order."""
        return [spec.id for spec in self._prepared.job.specs]

    async def brief(self, model: ChatModel) -> tuple[Brief, str | None]:
        """The brief, drafted now; and why the model's brief failed (None when it did not)."""
        job = self._prepared.job
        return await draft_brief(RunState(model, job.settings), prefix_messages(job), job)

    def offline_brief(self) -> Brief:
        """The brief read from the description alone (no model at hand when the requests are written)."""
        return offline_brief(self._prepared.job.facts)

    def requests(self, brief: Brief) -> list[tuple[str, ChatRequest]]:
        """One request per section, with the section's id."""
        return [(spec.id, section_request(self._prepared, brief, spec)) for spec in self._prepared.job.specs]

    def judge(
        self,
        section_id: str,
        brief: Brief,
        answer: ChatAnswer | None,
        *,
        failure: str = "no answer",
        brief_failure: str | None = None,
    ) -> SectionResult:
        """The reviewed result of one section's answer; `answer` None means the request failed with `failure`."""
        spec = self._spec(section_id)
        job = self._prepared.job
        asked = (
            Asked(flags=[request_failed(failure)])
            if answer is None
            else judge_once(answer, spec.model, answer_budget(job.settings, spec))
        )
        result = judge_section(self._prepared, brief, spec, asked)
        return with_flags(result, [brief_failed(brief_failure)]) if brief_failure else result

    def write(
        self, brief: Brief, results: list[SectionResult], usage: Usage, *, model: str, output_mode: str
    ) -> DraftResult:
        """Render the document from the judged sections and write it with its sidecar."""
        return finish(self._prepared, brief, results, usage, model=model, output_mode=output_mode)

    def _spec(self, section_id: str) -> SectionSpec:
        for spec in self._prepared.job.specs:
            if spec.id == section_id:
                return spec
        raise KeyError(section_id)
