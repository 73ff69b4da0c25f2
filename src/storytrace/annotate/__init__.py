"""annotate stage: parse each article body once, then run the registered components.

A component is `fn(doc, article, annotations, options) -> None` that fills part
of the `Annotations`; it is registered by name in `components`:

    @components.register("quotes")
    def annotate_quotes(doc, article, annotations, options): ...

Components run in the order of `ORDER` (sentences, entities, statements, dates),
then any others a user registered, by name. On an article in a language outside
`LANGUAGES` only the `LANGUAGE_FREE` ones run. Importing this package is cheap:
spaCy and the components load when the first `Annotator` is made.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from storytrace.model import Annotations, Article, InputError, Options
from storytrace.registry import Registry

if TYPE_CHECKING:
    from storytrace.annotate.entity_resolver import EntityResolver

Component = Callable[[Any, Article, Annotations, Options], None]

components: Registry[Component] = Registry("annotator component")

ORDER = ("sentences", "entities", "statements", "dates")
"""Components that run first, in this order: each may read what the ones before it filled."""

LANGUAGES = frozenset({"en"})
"""The languages the annotators cover: the spaCy model and the word lists (reporting verbs,
titles, outlets) are English. English models read other languages into confident nonsense
("Arbeit", German for work, as a place), so an article in another language keeps its clean
text and sentences and gets no entities, statements or dates."""

LANGUAGE_FREE = frozenset({"sentences"})
"""Components that still run on an article in a language the others do not cover."""

RESOLVER_KEY = "storytrace.resolver"
"""`doc.user_data` key under which the Annotator leaves its resolver for components to consult."""

_MODULES = ("sentences", "entities", "statements", "dates")


def load_components() -> None:
    """Import the component modules that exist, so that they register themselves."""
    for name in _MODULES:
        module = f"{__name__}.{name}"
        # A missing module is skipped; a module that fails to import is an error.
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)


def unsupported_language(article: Article) -> str | None:
    """Why `article` gets no entities, statements or dates (its language), or None."""
    if article.language is None or article.language in LANGUAGES:
        return None
    return (
        f"language {article.language!r} is not annotated"
        f" (entities, statements and dates cover {', '.join(sorted(LANGUAGES))})"
    )


def component_order() -> list[str]:
    """The names of the registered components, in the order they run."""
    first = [name for name in ORDER if name in components]
    return first + [name for name in components.names() if name not in ORDER]


class Annotator:
    """Holds the loaded spaCy pipeline; annotates articles in batches.

    `resolver`, when given, is consulted (never changed) as evidence: a name the
    corpus already knows as a person counts as one here too. Resolving the
    results is still the caller's job (`resolver.resolve(annotations)`).
    """

    def __init__(self, options: Options | None = None, resolver: EntityResolver | None = None):
        from storytrace.annotate import chunking, nlp

        self.options = options or Options()
        self.nlp = nlp.load(self.options.model)
        self.resolver = resolver
        self._chunking = chunking
        self.chunk_chars = chunking.CHUNK_CHARS
        """Longest piece of a body parsed at once; longer bodies are parsed in pieces."""
        # Our pieces are far shorter; the limit only guards memory of one text.
        self.nlp.max_length = max(self.nlp.max_length, 2 * chunking.CHUNK_CHARS)
        load_components()
        self.pipeline = [(name, components.get(name)) for name in component_order()]

    @property
    def pipeline_names(self) -> list[str]:
        """The names of the components this Annotator runs, in order."""
        return [name for name, _ in self.pipeline]

    def annotate(self, articles: list[Article]) -> list[Annotations]:
        """Annotations for each article, in order; raises InputError naming a failed article."""
        results = []
        for found in self.annotate_iter(articles):
            if isinstance(found, InputError):
                raise found
            results.append(found)
        return results

    def annotate_iter(self, articles: list[Article]) -> Iterator[Annotations | InputError]:
        """Like `annotate`, but yields an InputError in place of a failed article and goes on."""
        pieces: list[str] = []
        counts: list[int] = []
        for article in articles:
            split = self._chunking.split_text(article.body, self.chunk_chars)
            pieces += split
            counts.append(len(split))
        parsed = self.nlp.pipe(pieces, batch_size=self.options.batch_size)
        for article, count in zip(articles, counts, strict=True):
            docs = [next(parsed) for _ in range(count)]
            yield self._run_components(article, self._chunking.join_docs(docs))

    def annotate_one(self, article: Article) -> Annotations:
        """Annotations for a single article."""
        return self.annotate([article])[0]

    def _run_components(self, article: Article, doc: Any) -> Annotations | InputError:
        annotations = Annotations()
        if self.resolver is not None:
            doc.user_data[RESOLVER_KEY] = self.resolver
        foreign = unsupported_language(article) is not None
        for name, component in self.pipeline:
            if foreign and name not in LANGUAGE_FREE:
                continue
            try:
                component(doc, article, annotations, self.options)
            except Exception as exc:  # one article's odd text must not sink the batch
                return InputError(f"{article.source}: annotate component {name!r} failed: {exc!r}")
        return annotations


def annotate_one(article: Article, options: Options | None = None) -> Annotations:
    """Annotate one article with the model named in `options` (loaded once per process)."""
    return Annotator(options).annotate_one(article)
