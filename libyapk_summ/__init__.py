"""libyapk_summ: Arabic news articles → bilingual briefs and source-grounded event records.

    >>> from libyapk_summ import load_article, summarize
    >>> report = summarize(load_article("seeds/001_9ec3d6118b2bcaaa.txt"))
    >>> report.brief.headline_en
    'Libya and Pakistan reaffirm their commitment to military cooperation and support for peace.'
    >>> event = report.events[0]
    >>> span = event.evidence[0]  # the sentence that reports it, by offset into the text
    >>> event.subtype, report.article.text[span.start : span.end] == span.quote_ar
    (EventSubtype('official_visit'), True)

The data flow, one private module per step: ``_load`` (article, sentences) →
``_detect`` (event sentences, in code) → ``_prompts`` + ``_questions`` (focused
calls) → ``backends`` (live, local, record, replay, cache) → ``_ground``,
``_dates``, ``_names``, ``_amounts`` (verify and resolve in code) → ``_digest``
and the models in ``_models`` (the report); ``_html`` (the HTML page, notebook
views) and ``_tables`` (rows, CSV, DataFrames) show it. Across articles,
``build_dossier`` merges the reports into real-world events: ``_same_event`` →
``_group`` → ``_refine`` → ``_dossier`` (models in ``_dossier_models``).
"""

from ._errors import (
    ArticleError,
    BatchLineError,
    BatchPending,
    CacheError,
    CallError,
    ConfigurationError,
    FixtureMissingError,
    LibyapkError,
    LocalServerError,
    MissingVariables,
    ModelWeightsError,
    PermanentBackendError,
    PromptError,
    ResponseValidationError,
    TransportError,
)
from ._settings import Mode, Settings
from ._version import __version__
from .article._load import load_article
from .contract._dossier_models import (
    Claim,
    Disagreement,
    Dossier,
    DossierEvent,
    DossierStats,
    Link,
    LinkKind,
    Source,
    TimelineEntry,
)
from .contract._kinds import Kinds
from .contract._models import (
    Amount,
    Article,
    ArticleReport,
    Brief,
    EnglishSentence,
    EnglishStatus,
    Entity,
    Event,
    EventDate,
    EventSubtype,
    EventType,
    Evidence,
    Factuality,
    KeyPoint,
    NameSource,
    Precision,
    Provenance,
    Published,
    Usage,
)
from .dossier._dossier import build_dossier
from .extract._faithful import Finding, check_report, check_translation
from .extract._faithful_rules import Verdict
from .names._names import Gazetteer
from .pipeline._api import asummarize, asummarize_many, summarize, summarize_many
from .pipeline._batch import BatchLimits, BatchRunner, BatchSummary, summarize_batch
from .pipeline._batch_files import command_executor
from .pipeline._pipeline import Pipeline
from .render._html import report_html
from .render._tables import events_frame, events_rows

__all__ = [
    "Amount",
    "Article",
    "ArticleError",
    "ArticleReport",
    "BatchLimits",
    "BatchLineError",
    "BatchPending",
    "BatchRunner",
    "BatchSummary",
    "Brief",
    "CacheError",
    "CallError",
    "Claim",
    "ConfigurationError",
    "Disagreement",
    "Dossier",
    "DossierEvent",
    "DossierStats",
    "EnglishSentence",
    "EnglishStatus",
    "Entity",
    "Event",
    "EventDate",
    "EventSubtype",
    "EventType",
    "Evidence",
    "Factuality",
    "Finding",
    "FixtureMissingError",
    "Gazetteer",
    "KeyPoint",
    "Kinds",
    "LibyapkError",
    "Link",
    "LinkKind",
    "LocalServerError",
    "MissingVariables",
    "Mode",
    "ModelWeightsError",
    "NameSource",
    "PermanentBackendError",
    "Pipeline",
    "Precision",
    "PromptError",
    "Provenance",
    "Published",
    "ResponseValidationError",
    "Settings",
    "Source",
    "TimelineEntry",
    "TransportError",
    "Usage",
    "Verdict",
    "__version__",
    "asummarize",
    "asummarize_many",
    "build_dossier",
    "check_report",
    "check_translation",
    "command_executor",
    "events_frame",
    "events_rows",
    "load_article",
    "report_html",
    "summarize",
    "summarize_batch",
    "summarize_many",
]
