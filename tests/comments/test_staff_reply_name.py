"""A staff reply is signed with a name readers may see, never the login."""

from comments.services import reply_as_staff
from tests.comments.factories import make_comment
from tests.factories import make_author, make_user


def test_a_staff_reply_is_signed_with_the_author_profile_name(published_article):
    moderator = make_user(role="Moderator", username="mo_moderator")
    make_author(name="Mo Rahman", user=moderator)
    reply = reply_as_staff(parent=make_comment(published_article), body="Thanks.",
                           moderator=moderator)  # fmt: skip
    assert reply.author_name == "Mo Rahman"


def test_a_staff_reply_without_any_name_never_shows_the_login(published_article):
    moderator = make_user(role="Moderator", username="mo_moderator")
    reply = reply_as_staff(parent=make_comment(published_article), body="Thanks.",
                           moderator=moderator)  # fmt: skip
    assert (reply.author_name, "mo_moderator" in reply.author_name) == (
        "Moderator",
        False,
    )


def test_a_staff_reply_uses_the_full_name_without_a_profile(published_article):
    moderator = make_user(role="Moderator", first_name="Mo", last_name="Rahman")
    reply = reply_as_staff(parent=make_comment(published_article), body="Thanks.",
                           moderator=moderator)  # fmt: skip
    assert reply.author_name == "Mo Rahman"
