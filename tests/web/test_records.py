"""The API's response models are the dataclasses they show: the OpenAPI components list
the dataclasses' fields, in order, under the names and with the descriptions users
see, and the JSON the CLI writes for the same records has the same fields."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsfuse.model import BriefArticle, Removal
from newsfuse.store.briefs import QuoteHit
from newsfuse.store.queries import ArticleListing
from newsfuse.store.search import SearchHit, SearchResult
from newsfuse.web.records import response_model


def _names(cls: type[Any]) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


QUOTE_NAMES = {"story_id": "story", "quote_id": "id", "article_id": "article"}

# component -> the properties it must list, in order, read from its dataclass
COMPONENTS: dict[str, list[str]] = {
    "ArticleRef": _names(ArticleListing),
    "RemovalDetail": _names(Removal),
    "ArticleOut": [n for n in _names(BriefArticle) if n != "label"],
    "QuoteOut": [QUOTE_NAMES.get(n, n) for n in _names(QuoteHit)],
    "SearchHit": _names(SearchHit),
    "SearchResults": ["schema", *_names(SearchResult)],
}


@pytest.fixture
def schemas(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/openapi.json").json()["components"]["schemas"]
    return found


@pytest.mark.parametrize("component", sorted(COMPONENTS))
def test_components_list_their_dataclass_fields(schemas: dict[str, Any], component: str) -> None:
    wanted = COMPONENTS[component]
    if component == "ArticleOut":  # the article's story follows its id
        wanted = [wanted[0], "story", *wanted[1:]]
    schema = schemas[component]
    assert list(schema["properties"]) == wanted
    assert schema["required"] == wanted, "a response writes every field"


def test_components_keep_the_descriptions_users_see(schemas: dict[str, Any]) -> None:
    def said(component: str, prop: str) -> str:
        text: str = schemas[component]["properties"][prop]["description"]
        return text

    assert said("ArticleRef", "story") == "the story the article belongs to"
    assert said("SearchHit", "highlights") == "[start, end] of each match in snippet"
    assert said("SearchHit", "score") == "bm25; lower is a better match"
    assert said("SearchResults", "fts_query") == "the full-text expression actually run"
    assert "0-based" in said("QuoteOut", "paragraph")
    assert "(-1: unknown)" in said("RemovalDetail", "paragraph")
    # the article the API shows takes the values the brief's article takes
    for prop in ("format", "source_from", "title_from", "published_from"):
        assert (
            schemas["ArticleOut"]["properties"][prop] == schemas["BriefArticle"]["properties"][prop]
        ), prop


def test_the_cli_json_and_the_api_show_the_same_fields(schemas: dict[str, Any]) -> None:
    hit = QuoteHit("s1", "q1", "c1", 0, "Zelensky", "direct", "We hold.", "Bakhmut")
    assert list(hit.as_json()) == list(schemas["QuoteOut"]["properties"])
    found = SearchHit("c1", "T", "BBC", "2022-12-21", "a.txt", None, "Bakhmut", ((0, 7),), -1.5)
    result = SearchResult("Bakhmut", "Bakhmut", 1, (found,))
    document = result.as_json()
    assert set(document) == set(schemas["SearchResults"]["properties"])
    hits: Any = document["hits"]
    assert list(hits[0]) == list(schemas["SearchHit"]["properties"])


def test_article_and_quote_answers_carry_exactly_the_documented_fields(
    client: TestClient, schemas: dict[str, Any]
) -> None:
    listed = client.get("/api/articles", params={"per_page": 3}).json()["articles"]
    assert listed and all(list(a) == COMPONENTS["ArticleRef"] for a in listed)
    article = client.get(f"/api/articles/{listed[0]['id']}").json()
    assert list(article) == list(schemas["ArticleOut"]["properties"])
    assert article["story"] == listed[0]["story"]


@dataclass(frozen=True)
class _Thing:
    id: str
    size: int = field(metadata={"description": "how big"})


def test_a_model_follows_its_dataclass_and_refuses_fields_it_lacks() -> None:
    model = response_model(_Thing, name="Thing", rename={"id": "name"})
    assert list(model.model_fields) == ["name", "size"]
    assert model.model_fields["size"].description == "how big"
    dumped = model.model_validate(_Thing("a", 2)).model_dump()
    assert dumped == {"name": "a", "size": 2}
    with pytest.raises(TypeError, match="no field"):
        response_model(_Thing, describe={"weight": "a field _Thing does not have"})
