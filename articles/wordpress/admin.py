from django.contrib import admin

from .models import LegacyPath, WordPressItem


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by import_wordpress only: shown to look things up, never edited.

    Never deleted by hand either: a deleted item makes the next import create
    its rows twice, and a deleted path drops its 301.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WordPressItem)
class WordPressItemAdmin(ReadOnlyAdmin):
    list_display = ["kind", "wp_id", "object_id", "site", "imported_at"]
    list_filter = ["kind", "site"]
    search_fields = ["=wp_id", "guid"]


@admin.register(LegacyPath)
class LegacyPathAdmin(ReadOnlyAdmin):
    list_display = ["path", "item"]
    list_select_related = ["item"]
    search_fields = ["path"]
