import hashlib
import secrets
import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Comment

TOKEN_SALT = "comments.form-token"


# A page token is rendered into the page, which caches share between readers:
# its time says when the page was rendered, not when this reader opened it.
# A reader token is fetched by the form itself (comments.timetrap), one per
# reader, so only its time feeds the time trap.
PAGE_TOKEN = "page"
READER_TOKEN = "reader"


def make_form_token(kind: str = PAGE_TOKEN) -> str:
    """Signed issue time, a nonce and its kind: proves the form came from here."""
    return signing.dumps(
        {"t": int(time.time()), "n": secrets.token_hex(8), "k": kind}, salt=TOKEN_SALT
    )


def read_form_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and "t" in data and "n" in data else None


class CommentForm(forms.ModelForm):
    """The reader's form; validation only, no side effects."""

    remember = forms.BooleanField(
        required=False, label="Save my name, email and website in this browser"
    )
    notify = forms.BooleanField(
        required=False,
        label="Email me when someone replies",
        help_text="We ask you to confirm by email first; every email has a "
        "one-click unsubscribe.",
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS and aria-hidden), filled by bots.
    homepage = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_email", "author_url"]
        labels = {"body": "Comment", "author_url": "Website (optional)"}
        help_texts = {"author_email": "Required, never shown."}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_url": forms.URLInput(attrs={"autocomplete": "url"}),
        }

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.token_data = None
        if not self.is_bound:
            self.initial.setdefault("token", make_form_token())
        self.helper = FormHelper()
        self.helper.form_id = "comment-form"
        self.helper.form_class = "comment-form"
        # No cookie-bound CSRF token: the view checks the Origin instead, so
        # the article page stays the same for every reader (cacheable).
        self.helper.disable_csrf = True
        self.helper.attrs = {"novalidate": ""}
        if article is not None:
            # comment-form.js swaps the page token for a reader token here.
            self.helper.attrs["data-token-url"] = reverse("comments:token")
            # The fragment: a page answered with an error opens at the form
            # and its message, not at the top of the article.
            post_url = reverse("comments:post", kwargs={"article_id": article.pk})
            self.helper.form_action = f"{post_url}#leave-comment"
        self.helper.layout = Layout(
            Field("body"),
            Field("author_name"),
            Field("author_email"),
            Field("author_url"),
            Field("remember"),
            Field("notify"),
            Field("parent"),
            Field("token"),
            Field("homepage", wrapper_class="hp-field", aria_hidden="true"),
            Submit("submit", "Post comment"),
        )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Please write a comment.")
        return body

    def clean_author_email(self):
        # Stored lower-case: duplicate, flood and approval checks use an index.
        return self.cleaned_data["author_email"].strip().lower()

    def clean_author_name(self):
        return " ".join(self.cleaned_data["author_name"].split())

    def clean(self):
        cleaned = super().clean()
        self.token_data = read_form_token(cleaned.get("token") or "")
        age = time.time() - self.token_data["t"] if self.token_data else None
        if age is not None and age > settings.COMMENT_FORM_MAX_AGE_SECONDS:
            # Too old is not spam: keep the text and ask again with a new token.
            self.data = self.data.copy()
            self.data["token"] = make_form_token()
            raise forms.ValidationError(
                "This form was open for a long time. Please check your comment "
                "and post it again.",
                code="expired",
            )
        return cleaned

    @property
    def token_kind(self) -> str:
        return (self.token_data or {}).get("k", PAGE_TOKEN)

    @property
    def seconds_to_submit(self) -> float | None:
        """Time since the reader's own token was issued; None ("unknown") for
        a page token, whose time any number of readers and bots share."""
        if not self.token_data or self.token_kind != READER_TOKEN:
            return None
        return time.time() - self.token_data["t"]

    def submission_key(self) -> str | None:
        """Same form and same words: the same submission (a double click)."""
        if not self.token_data:
            return None
        parts = [
            self.token_data["n"],
            str(self.article.pk if self.article else ""),
            self.cleaned_data["author_email"].lower(),
            self.cleaned_data["body"],
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
