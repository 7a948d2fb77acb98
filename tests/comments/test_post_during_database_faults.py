"""A comment POST the database cannot take: the reader keeps the text, and a
comment is never stored while the answer says it failed."""

from contextlib import contextmanager

from django.db import OperationalError, connection
from django.urls import reverse

from comments.models import Comment


def post(client, article, data):
    return client.post(reverse("comments:post", args=[article.pk]), data)


@contextmanager
def failing_queries(match):
    """Every query for which match(sql) is true fails like a lost connection."""

    def wrapper(execute, sql, params, many, context):
        if match(sql):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def test_with_the_database_down_the_form_comes_back_with_the_text(
    client, published_article, comment_data
):
    data = comment_data(body="Words I do not want to type again.")
    with failing_queries(lambda sql: True):
        response = post(client, published_article, data)
    html = response.content.decode()
    assert (
        response.status_code,
        "Words I do not want to type again." in html,
        "try again" in html,
        f'action="/comments/post/{published_article.pk}/#comment-form"' in html,
    ) == (503, True, True, True)


def test_the_form_answered_during_an_outage_keeps_every_field(
    client, published_article, comment_data
):
    data = comment_data(author_name="Ann Other", author_url="https://ann.example/")
    with failing_queries(lambda sql: True):
        html = post(client, published_article, data).content.decode()
    assert [f'value="{data[name]}"' in html for name in ("author_name", "token")] == [
        True,
        True,
    ]


def test_a_failure_after_saving_stores_nothing_and_keeps_the_text(
    client, published_article, comment_data
):
    # The landing page's count of earlier threads fails, after the INSERT.
    client.raise_request_exception = False
    data = comment_data(body="Counted after the insert.")
    with failing_queries(lambda sql: sql.lstrip().startswith("SELECT COUNT(*)")):
        response = post(client, published_article, data)
    stored = Comment.objects.filter(body="Counted after the insert.").count()
    assert (
        response.status_code,
        stored,
        "Counted after the insert." in response.text,
    ) == (503, 0, True)


def test_the_form_on_the_article_page_posts_to_itself_at_the_form(
    client, published_article
):
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert f'action="/comments/post/{published_article.pk}/#leave-comment"' in html
