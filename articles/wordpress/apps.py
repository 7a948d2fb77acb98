from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """Moving a WordPress site over: the importer and its old addresses."""

    name = "articles.wordpress"
    label = "wordpress"
    verbose_name = "WordPress import"
