"""Every text field of every model, and how the hostile suite treats it.

test_every_text_field_is_classified fails when a model gains a text field
(CharField, TextField, JSONField and their kinds) that is not listed here:
say who writes it (HOSTILE: the world fills it with hostile strings and every
page, feed, admin view, digest and export that shows it is checked) or why
no one outside the code does (NOT_WRITTEN_BY_PEOPLE).
"""

# Written by staff or readers (or outside services, or anyone who reaches
# the login form): filled with hostile strings, stored as-is through the
# ORM (as an import or a future form would), so the rendering alone must
# hold, whatever validation a form adds.
HOSTILE = {
    # Editors and reporters (admin).
    "articles.Article.headline", "articles.Article.standfirst",
    "articles.Article.body", "articles.Article.dateline",
    "articles.Section.name", "articles.Section.description",
    "articles.Author.name", "articles.Author.role_title", "articles.Author.bio",
    "articles.Tag.name",
    "articles.Image.alt_text", "articles.Image.caption", "articles.Image.credit",
    "articles.Image.original_name",  # the uploader's file name
    "articles.Image.title",
    # An editor's note when returning an article (its History).
    "articles.ArticleStep.note",
    "flatpages.FlatPage.title", "flatpages.FlatPage.content",
    "flatpages.FlatPage.url",
    "redirects.Redirect.old_path", "redirects.Redirect.new_path",
    "sites.Site.name", "sites.Site.domain",
    # The copy desk: findings quote the article's text (its headline, in
    # a link's message); overrides copy them, with the reason an editor
    # typed. (A place is the code's label today; rules may name parts.)
    "copydesk.CopyFinding.message", "copydesk.CopyFinding.place",
    "copydesk.CopyFinding.excerpt",
    "copydesk.CopyOverride.message", "copydesk.CopyOverride.excerpt",
    "copydesk.CopyOverride.reason",
    # A WordPress export (import_wordpress): anyone who wrote the file.
    "wordpress.WordPressItem.site", "wordpress.WordPressItem.wp_id",
    "wordpress.WordPressItem.guid", "wordpress.LegacyPath.path",
    # Administrators.
    "auth.User.username", "auth.User.first_name", "auth.User.last_name",
    "auth.User.email", "auth.Group.name",
    # Readers (the comment form and the request's headers).
    "comments.Comment.author_name", "comments.Comment.author_email",
    "comments.Comment.author_url", "comments.Comment.body",
    "comments.Comment.user_agent", "comments.Comment.referrer",
    # Readers who report a comment (the report form's note).
    "comments.CommentReport.note",
    # Spam services' answers (Akismet's reason, headers and alerts).
    "comments.Comment.hold_reason", "comments.CommentEvent.reason",
    "comments.CommentEvent.raw", "comments.ServiceAlert.service",
    "comments.ServiceAlert.code", "comments.ServiceAlert.message",
    # Moderators.
    "comments.BlockedTerm.value", "comments.BlockedTerm.note",
    # Anyone who tries the admin login (django-axes records the request).
    "axes.AccessAttempt.username", "axes.AccessAttempt.user_agent",
    "axes.AccessAttempt.http_accept", "axes.AccessAttempt.path_info",
    "axes.AccessAttempt.get_data", "axes.AccessAttempt.post_data",
    "axes.AccessFailureLog.username", "axes.AccessFailureLog.user_agent",
    "axes.AccessFailureLog.http_accept", "axes.AccessFailureLog.path_info",
    "axes.AccessLog.username", "axes.AccessLog.user_agent",
    "axes.AccessLog.http_accept", "axes.AccessLog.path_info",
    # The admin's history: the edited object's name, its change message.
    "admin.LogEntry.object_repr", "admin.LogEntry.change_message",
    # An editor's unsaved change form (autosave): whatever they typed.
    "articles.Autosave.data",
}  # fmt: skip

# Checked by a validator a hostile string cannot pass (tested against the
# whole corpus in test_validated_fields_refuse_the_corpus).
VALIDATED = {
    "articles.Article.slug", "articles.Section.slug", "articles.Author.slug",
    "articles.Tag.slug",
}  # fmt: skip

NOT_WRITTEN_BY_PEOPLE = {
    "articles.Article.status": "a choice; set by forms and services",
    "articles.Image.renditions": "file names the server chose",
    "articles.ImageUse.kind": "a choice; set by articles.image_library",
    "articles.ArticleStep.kind": "a choice; set by articles.workflow",
    "comments.Comment.status": "a choice; set by services",
    "comments.Comment.form_signals": "booleans and numbers the server measured",
    "comments.Comment.submission_key": "a hash the server made",
    "comments.CommentEvent.kind": "a choice; set by services",
    "comments.CommentEvent.checker": "a dotted path from settings",
    "comments.CommentEvent.outcome": "a choice; set by services",
    "comments.CommentEvent.from_status": "a choice; set by services",
    "comments.CommentEvent.to_status": "a choice; set by services",
    "comments.BlockedTerm.kind": "a choice (ChoiceField)",
    "comments.CommentReport.reason": "a choice (ChoiceField in the report form)",
    "comments.CommentReport.reporter_key": "a hash the server made",
    "comments.ReplySubscription.email_hash": "a hash the server made",
    "comments.BlockedTerm.action": "a choice (ChoiceField)",
    "copydesk.CopyFinding.rule": "a rule's name from the code",
    "copydesk.CopyFinding.severity": "a choice; set by the rules",
    "copydesk.CopyFinding.field": "a field name from the code",
    "copydesk.CopyFinding.fingerprint": "a hash the server made",
    "copydesk.CopyOverride.rule": "a rule's name from the code",
    "copydesk.CopyOverride.fingerprint": "a hash the server made",
    "wordpress.WordPressItem.kind": "a choice; set by the importer",
    "wordpress.WordPressItem.source_hash": "a hash the server made",
    "auth.User.password": "a hash",
    "auth.Permission.name": "from the code's models",
    "auth.Permission.codename": "from the code's models",
    "contenttypes.ContentType.app_label": "from the code's models",
    "contenttypes.ContentType.model": "from the code's models",
    "sessions.Session.session_key": "made by the server",
    "sessions.Session.session_data": "signed by the server, never shown",
    "flatpages.FlatPage.template_name": "only flatpages/ templates are used "
    "(articles.pages); never shown to readers",
    "axes.AccessLog.session_hash": "a hash",
    "admin.LogEntry.object_id": "a primary key",
    "django_tasks_database.DBTaskResult.status": "the task framework's",
    "django_tasks_database.DBTaskResult.args_kwargs": "ids the code passed",
    "django_tasks_database.DBTaskResult.task_path": "the task framework's",
    "django_tasks_database.DBTaskResult.worker_ids": "the task framework's",
    "django_tasks_database.DBTaskResult.queue_name": "the task framework's",
    "django_tasks_database.DBTaskResult.backend_name": "the task framework's",
    "django_tasks_database.DBTaskResult.return_value": "what the code's "
    "tasks return (statuses and counts)",
    "django_tasks_database.DBTaskResult.exception_class_path": "the code's",
    "django_tasks_database.DBTaskResult.traceback": "the code's",
    # Revisions (django-reversion): the serializer's JSON of an article and
    # its headline at the time, whose text is the article's own HOSTILE
    # fields (shown through the diff, escaped); a comment the code writes.
    "reversion.Version.serialized_data": "the serializer's JSON of a saved "
    "article (its strings are HOSTILE article fields, diffed escaped)",
    "reversion.Version.object_repr": "str() of a saved article: its headline, "
    "a HOSTILE field, shown escaped in the revision list",
    "reversion.Version.object_id": "a primary key",
    "reversion.Version.format": "the serializer's name",
    "reversion.Version.db": "a database alias from settings",
    "reversion.Revision.comment": "the admin's change message (field labels) "
    "or a restore note with a date, made by the code",
}
