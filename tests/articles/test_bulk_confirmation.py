import pytest

from articles.models import Article
from tests.factories import make_article, make_user

LIST = "/admin/articles/article/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user(role="Editor"))
    return client


def run(client, action, articles, **extra):
    return client.post(
        LIST, {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    )


def test_bulk_unpublish_first_asks(editor_client):
    article = make_article()
    run(editor_client, "unpublish_selected", [article])
    assert Article.objects.published().get() == article


def test_the_question_lists_the_articles(editor_client):
    first, second = (
        make_article(headline="Dam opens"),
        make_article(headline="Mill shuts"),
    )
    response = run(editor_client, "unpublish_selected", [first, second])
    assert "Dam opens" in response.text and "Mill shuts" in response.text


def test_confirmed_bulk_unpublish_takes_them_down(editor_client):
    articles = [make_article(), make_article()]
    run(editor_client, "unpublish_selected", articles, confirmed="yes")
    assert not Article.objects.published().exists()


def test_bulk_back_to_draft_first_asks(editor_client):
    article = make_article()
    run(editor_client, "draft_selected", [article])
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_bulk_delete_asks_and_lists_the_articles(editor_client):
    article = make_article(headline="Dam opens")
    response = run(editor_client, "delete_selected", [article])
    assert (
        "Dam opens" in response.text and Article.objects.filter(pk=article.pk).exists()
    )


def test_confirmed_bulk_delete_deletes(editor_client):
    article = make_article()
    run(editor_client, "delete_selected", [article], post="yes")
    assert not Article.objects.filter(pk=article.pk).exists()


def test_article_list_has_no_navigation_sidebar(editor_client):
    # The headline column needs that width at 1366 px (see tests/e2e).
    assert 'id="nav-sidebar"' not in editor_client.get(LIST).text
